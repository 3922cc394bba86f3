import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { backupVaultArn, str } from './backup-arns.js';

/**
 * An AWS Backup vault: DescribeBackupVault output (incl. Vault Lock fields and VaultType), the
 * GetBackupVaultAccessPolicy `Policy` document parsed into `AccessPolicy`, and ListTags `Tags`.
 * Governance vs compliance lock is not a field: a compliance lock has a `LockDate` (end of the grace
 * time), a governance lock has none.
 *
 * @example
 * backupVault.identity({ BackupVaultName: 'daily' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:backup:eu-west-1:111122223333:backup-vault:daily'
 */
export const backupVault: ResourceTypeDefinition = {
  type: 'aws.backup.vault',
  provider: 'aws',
  service: 'backup',
  title: 'AWS Backup vault',
  sources: ['DescribeBackupVault', 'GetBackupVaultAccessPolicy', 'ListTags'],
  scope: 'regional',
  identity: (c, where) => {
    const name = str(c.BackupVaultName) ?? 'unknown';
    return { id: name, arn: str(c.BackupVaultArn) ?? backupVaultArn(where.region, where.accountId, name), name };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    BackupVaultName: 'daily',
    BackupVaultArn: 'arn:aws:backup:eu-west-1:111122223333:backup-vault:daily',
    VaultType: 'BACKUP_VAULT',
    VaultState: 'AVAILABLE',
    EncryptionKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    CreationDate: '2025-01-10T08:00:00.000Z',
    NumberOfRecoveryPoints: 420,
    Locked: true,
    MinRetentionDays: 7,
    MaxRetentionDays: 3653,
    LockDate: '2025-01-13T08:00:00.000Z',
    AccessPolicy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Principal: { AWS: '*' }, Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], Resource: '*' },
      ],
    },
    Tags: { owner: 'platform-backup' },
  },
};
