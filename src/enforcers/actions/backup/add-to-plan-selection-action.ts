import { Type, type Static } from '@sinclair/typebox';
import { tagAction } from '../tag/tag-resource.js';

const Params = Type.Object(
  {
    tagKey: Type.String({ minLength: 1, default: 'backup', description: 'The tag the backup plan\'s selection matches on.' }),
    tagValue: Type.String({ minLength: 1, default: 'default', description: 'The selection\'s value (the backup policy name, e.g. db_30_365_2555).' }),
  },
  { additionalProperties: false },
);

/**
 * Puts a database into a backup plan's tag-based selection by tagging it (`backup=<policy>`): the
 * plan picks it up on its next run. Never changes an existing `backup` tag (an opt-out stays an opt-out).
 */
export const backupAddToPlanSelection = tagAction<Static<typeof Params> & { overwrite?: boolean }>({
  name: 'backup.add-to-plan-selection',
  description: 'Tags the resource with the backup plan selection\'s tag (backup=<policy>) so the plan selects it.',
  schema: Params,
  resourceTypes: ['aws.rds.db-instance', 'aws.dynamodb.table'],
  want: (p) => ({ [p.tagKey]: p.tagValue }),
});
