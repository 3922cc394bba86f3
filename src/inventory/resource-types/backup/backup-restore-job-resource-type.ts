import type { ResourceTypeDefinition } from '../../resource-type.js';
import { str } from './backup-arns.js';

/**
 * A restore job (manual or from a restore testing plan): DescribeRestoreJob output. Restore time
 * is `CompletionDate − CreationDate`. Restore jobs have no ARN, so Vigil addresses them by id.
 *
 * @example
 * backupRestoreJob.identity({ RestoreJobId: 'rj-1' }, where).arn; // 'arn:aws:backup:eu-west-1:111122223333:restore-job:rj-1'
 */
export const backupRestoreJob: ResourceTypeDefinition = {
  type: 'aws.backup.restore-job',
  provider: 'aws',
  service: 'backup',
  title: 'AWS Backup restore job',
  sources: ['ListRestoreJobs', 'DescribeRestoreJob'],
  scope: 'regional',
  identity: (c, where) => {
    const id = str(c.RestoreJobId) ?? 'unknown';
    return { id, arn: `arn:aws:backup:${where.region}:${where.accountId}:restore-job:${id}`, name: id };
  },
  // Restore jobs cannot be tagged.
  tags: () => ({}),
  example: {
    AccountId: '111122223333',
    RestoreJobId: '7e8f9a0b-0000-4000-8000-000000000005',
    RecoveryPointArn: 'arn:aws:backup:eu-west-1:111122223333:recovery-point:1f2e3d4c-0000-4000-8000-000000000003',
    SourceResourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/payments-ledger',
    BackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:daily',
    CreationDate: '2026-11-20T10:00:00.000Z',
    CompletionDate: '2026-11-20T10:42:00.000Z',
    Status: 'COMPLETED',
    PercentDone: '100.00%',
    BackupSizeInBytes: 52428800,
    IamRoleArn: 'arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole',
    ExpectedCompletionTimeMinutes: 45,
    CreatedResourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/payments-ledger-restore-test',
    ResourceType: 'DynamoDB',
    RecoveryPointCreationDate: '2026-11-20T03:00:00.000Z',
    CreatedBy: { RestoreTestingPlanArn: 'arn:aws:backup:eu-west-1:111122223333:restore-testing-plan:weekly-db-restore-abc123' },
    ValidationStatus: 'SUCCESSFUL',
  },
};
