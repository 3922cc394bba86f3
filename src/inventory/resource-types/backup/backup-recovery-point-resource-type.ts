import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { str } from './backup-arns.js';

/**
 * A recovery point (one backup) in a vault: one item of ListRecoveryPointsByBackupVault, plus
 * ListTags `Tags` when collected. `ResourceArn` names the protected resource.
 *
 * @example
 * backupRecoveryPoint.identity({ RecoveryPointArn: 'arn:aws:backup:eu-west-1:111122223333:recovery-point:abc' }, where).id;
 * // 'abc'
 */
export const backupRecoveryPoint: ResourceTypeDefinition = {
  type: 'aws.backup.recovery-point',
  provider: 'aws',
  service: 'backup',
  title: 'AWS Backup recovery point',
  sources: ['ListRecoveryPointsByBackupVault', 'ListTags'],
  scope: 'regional',
  identity: (c, where) => {
    const arn = str(c.RecoveryPointArn) ?? `arn:aws:backup:${where.region}:${where.accountId}:recovery-point:unknown`;
    // The last path or colon segment is the id AWS shows in the console (recovery point id, snapshot id).
    const id = arn.slice(Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/')) + 1) || arn;
    return { id, arn, name: id };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    RecoveryPointArn: 'arn:aws:backup:eu-west-1:111122223333:recovery-point:1f2e3d4c-0000-4000-8000-000000000003',
    BackupVaultName: 'daily',
    BackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:daily',
    ResourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/payments-ledger',
    ResourceType: 'DynamoDB',
    ResourceName: 'payments-ledger',
    CreatedBy: {
      BackupPlanId: '8f3e1a2b-0c4d-4e5f-9a6b-7c8d9e0f1a2b',
      BackupPlanArn: 'arn:aws:backup:eu-west-1:111122223333:backup-plan:8f3e1a2b-0c4d-4e5f-9a6b-7c8d9e0f1a2b',
      BackupPlanVersion: 'ZTYxNmE0NDgtNjQ0Ni00ZGM4',
      BackupRuleId: '1a2b3c4d-0000-4000-8000-000000000001',
    },
    IamRoleArn: 'arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole',
    Status: 'COMPLETED',
    CreationDate: '2026-11-21T03:00:00.000Z',
    CompletionDate: '2026-11-21T03:12:00.000Z',
    BackupSizeInBytes: 52428800,
    Lifecycle: { DeleteAfterDays: 35 },
    CalculatedLifecycle: { DeleteAt: '2026-12-26T03:00:00.000Z' },
    EncryptionKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    IsEncrypted: true,
    VaultType: 'BACKUP_VAULT',
  },
};
