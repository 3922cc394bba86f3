import type { ResourceTypeDefinition } from '../../resource-type.js';
import { obj, str } from './backup-arns.js';

/**
 * A backup selection (resource assignment) of a plan: GetBackupSelection output — `BackupSelection`
 * with Resources, NotResources, ListOfTags, Conditions and IamRoleArn, plus `SelectionId` and
 * `BackupPlanId`. Selections have no ARN of their own, so Vigil addresses them under their plan.
 *
 * @example
 * backupSelection.identity({ SelectionId: 's-1', BackupPlanId: 'p-1' }, where).arn;
 * // 'arn:aws:backup:eu-west-1:111122223333:backup-plan:p-1/selection/s-1'
 */
export const backupSelection: ResourceTypeDefinition = {
  type: 'aws.backup.selection',
  provider: 'aws',
  service: 'backup',
  title: 'AWS Backup selection',
  sources: ['ListBackupSelections', 'GetBackupSelection'],
  scope: 'regional',
  identity: (c, where) => {
    const id = str(c.SelectionId) ?? 'unknown';
    const plan = str(c.BackupPlanId) ?? 'unknown';
    const name = str(obj(c.BackupSelection)?.SelectionName) ?? id;
    return { id, arn: `arn:aws:backup:${where.region}:${where.accountId}:backup-plan:${plan}/selection/${id}`, name };
  },
  // Selections cannot be tagged in AWS Backup.
  tags: () => ({}),
  example: {
    SelectionId: '5c6d7e8f-0000-4000-8000-000000000002',
    BackupPlanId: '8f3e1a2b-0c4d-4e5f-9a6b-7c8d9e0f1a2b',
    CreationDate: '2025-01-10T08:05:00.000Z',
    BackupSelection: {
      SelectionName: 'tag-db_30_365_2555',
      IamRoleArn: 'arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole',
      Resources: [],
      NotResources: [],
      ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'db_30_365_2555' }],
      Conditions: { StringEquals: [], StringNotEquals: [], StringLike: [], StringNotLike: [] },
    },
  },
};
