import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { str } from './backup-arns.js';

/**
 * An AWS Backup restore testing plan: GetRestoreTestingPlan's `RestoreTestingPlan` (schedule and
 * `RecoveryPointSelection`), its selections as ListRestoreTestingSelections returns them
 * (`RestoreTestingSelections[]`, each naming its `ProtectedResourceType`), and ListTags `Tags`.
 * A restore testing plan is what makes restore times measured (`backup-restore-time-target`).
 *
 * @example
 * backupRestoreTestingPlan.identity({ RestoreTestingPlanName: 'weekly', RestoreTestingPlanArn: 'arn:aws:backup:eu-west-1:111122223333:restore-testing-plan:weekly-abc123' }, where).id;
 * // 'weekly'
 */
export const backupRestoreTestingPlan: ResourceTypeDefinition = {
  type: 'aws.backup.restore-testing-plan',
  provider: 'aws',
  service: 'backup',
  title: 'AWS Backup restore testing plan',
  sources: ['GetRestoreTestingPlan', 'ListRestoreTestingSelections', 'ListTags'],
  scope: 'regional',
  identity: (c, where) => {
    const id = str(c.RestoreTestingPlanName) ?? 'unknown';
    // The ARN ends in a suffix AWS adds (`…:restore-testing-plan:<name>-<6 chars>`); without it, the name alone.
    return { id, arn: str(c.RestoreTestingPlanArn) ?? `arn:aws:backup:${where.region}:${where.accountId}:restore-testing-plan:${id}`, name: id };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    RestoreTestingPlanName: 'weekly_db_restore',
    RestoreTestingPlanArn: 'arn:aws:backup:eu-west-1:111122223333:restore-testing-plan:weekly_db_restore-abc123',
    CreationTime: '2025-01-10T08:00:00.000Z',
    LastExecutionTime: '2025-11-30T01:00:00.000Z',
    ScheduleExpression: 'cron(0 1 ? * SUN *)',
    ScheduleExpressionTimezone: 'Etc/UTC',
    StartWindowHours: 24,
    RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', IncludeVaults: ['*'], RecoveryPointTypes: ['SNAPSHOT'], SelectionWindowDays: 7 },
    RestoreTestingSelections: [
      { RestoreTestingSelectionName: 'rds_databases', RestoreTestingPlanName: 'weekly_db_restore', ProtectedResourceType: 'RDS', IamRoleArn: 'arn:aws:iam::111122223333:role/backup-restore-testing', ValidationWindowHours: 4 },
    ],
    Tags: { owner: 'platform-backup' },
  },
};
