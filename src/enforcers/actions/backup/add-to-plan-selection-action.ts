import { singleTagAction } from '../tag/tag-resource.js';

/**
 * Puts a database into a backup plan's tag-based selection by tagging it (`backup=<policy>`): the
 * plan picks it up on its next run. Never changes an existing `backup` tag (an opt-out stays an opt-out).
 */
export const backupAddToPlanSelection = singleTagAction({
  name: 'backup.add-to-plan-selection',
  description: 'Tags the resource with the backup plan selection\'s tag (backup=<policy>) so the plan selects it.',
  resourceTypes: ['aws.rds.db-instance', 'aws.dynamodb.table'],
  key: { name: 'tagKey', default: 'backup', description: 'The tag the backup plan\'s selection matches on.' },
  value: { name: 'tagValue', default: 'default', description: 'The selection\'s value (the backup policy name, e.g. db_30_365_2555).' },
});
