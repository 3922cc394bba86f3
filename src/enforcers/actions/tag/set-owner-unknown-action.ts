import { Type, type Static } from '@sinclair/typebox';
import { tagAction } from './tag-resource.js';

const Params = Type.Object(
  {
    key: Type.String({ minLength: 1, default: 'owner', description: 'The owner tag key.' }),
    value: Type.String({ minLength: 1, default: 'unknown', description: 'Marks the resource for the fallback team\'s review.' }),
  },
  { additionalProperties: false },
);

/** Tags an instance without an owner `owner=unknown`, so it is listed for the fallback team (policy ec2-owner-tag). */
export const tagSetOwnerUnknown = tagAction<Static<typeof Params> & { overwrite?: boolean }>({
  name: 'tag.set-owner-unknown',
  description: 'Sets owner=unknown on a resource without an owner tag (never replaces an existing owner).',
  schema: Params,
  resourceTypes: ['aws.ec2.instance', 'aws.s3.bucket', 'aws.rds.db-instance'],
  want: (p) => ({ [p.key]: p.value }),
});
