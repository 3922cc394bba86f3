import { Type, type Static } from '@sinclair/typebox';
import { tagAction } from '../tag/tag-resource.js';

const Params = Type.Object(
  {
    tagKey: Type.String({ minLength: 1, default: 'backup', description: 'The tag naming the backup policy.' }),
    policy: Type.String({ minLength: 1, default: 'db_30_365_2555', description: 'The backup policy to set when none is (default: the longest database retention, erring on keeping too much).' }),
    knownPolicies: Type.Array(Type.String(), { default: ['db_30_365_2555', 'db_30_365_3652', 'daily_35'], description: 'Backup policy names in use.' }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params> & { overwrite?: boolean };

/**
 * Tags a data store with a backup policy (`backup=db_30_365_2555` by default) so the plan selecting
 * that tag backs it up. A store that already names a policy outside knownPolicies is refused, not
 * retagged: the unknown value may be an opt-out or a typo, and only the data owner knows the legal
 * retention. Undo removes the tag it added.
 */
export const backupTagResource = tagAction<P>({
  name: 'backup.tag-resource',
  description: 'Sets the backup-policy tag (backup=<policy>) on a data store that has none; an unknown existing value is refused.',
  schema: Params,
  resourceTypes: ['aws.rds.db-instance', 'aws.dynamodb.table'],
  want: (p) => ({ [p.tagKey]: p.policy }),
  satisfied: (tags, p) => p.knownPolicies.includes(tags[p.tagKey] ?? ''),
  guard: (s, ctx) => {
    const value = s.tags[ctx.params.tagKey];
    return value !== undefined && !ctx.params.knownPolicies.includes(value)
      ? `${ctx.params.tagKey}=${value} names no known backup policy (${ctx.params.knownPolicies.join(', ')}): the data owner must choose`
      : null;
  },
});
