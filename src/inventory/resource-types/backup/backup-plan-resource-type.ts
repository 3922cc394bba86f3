import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { backupPlanArn, obj, str } from './backup-arns.js';

/**
 * An AWS Backup plan: GetBackupPlan output as returned (`BackupPlan.Rules[]` with
 * ScheduleExpression, Lifecycle and CopyActions) plus ListTags `Tags`.
 *
 * @example
 * backupPlan.identity({ BackupPlanId: 'p-1', BackupPlan: { BackupPlanName: 'db_30_365_2555' } }, where).name; // 'db_30_365_2555'
 */
export const backupPlan: ResourceTypeDefinition = {
  type: 'aws.backup.plan',
  provider: 'aws',
  service: 'backup',
  title: 'AWS Backup plan',
  sources: ['GetBackupPlan', 'ListTags'],
  scope: 'regional',
  identity: (c, where) => {
    const id = str(c.BackupPlanId) ?? 'unknown';
    const name = str(obj(c.BackupPlan)?.BackupPlanName) ?? id;
    return { id, arn: str(c.BackupPlanArn) ?? backupPlanArn(where.region, where.accountId, id), name };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    BackupPlanId: '8f3e1a2b-0c4d-4e5f-9a6b-7c8d9e0f1a2b',
    BackupPlanArn: 'arn:aws:backup:eu-west-1:111122223333:backup-plan:8f3e1a2b-0c4d-4e5f-9a6b-7c8d9e0f1a2b',
    VersionId: 'ZTYxNmE0NDgtNjQ0Ni00ZGM4',
    CreationDate: '2025-01-10T08:00:00.000Z',
    BackupPlan: {
      BackupPlanName: 'db_30_365_2555',
      Rules: [
        {
          RuleName: 'daily',
          RuleId: '1a2b3c4d-0000-4000-8000-000000000001',
          TargetBackupVaultName: 'daily',
          ScheduleExpression: 'cron(0 3 ? * * *)',
          StartWindowMinutes: 60,
          CompletionWindowMinutes: 480,
          Lifecycle: { DeleteAfterDays: 35 },
          CopyActions: [
            {
              DestinationBackupVaultArn: 'arn:aws:backup:eu-central-1:111122223333:backup-vault:daily-copy',
              Lifecycle: { DeleteAfterDays: 35 },
            },
          ],
        },
      ],
    },
    Tags: { owner: 'platform-backup' },
  },
};
