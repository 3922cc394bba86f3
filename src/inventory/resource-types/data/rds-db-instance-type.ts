import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * An RDS DB instance as DescribeDBInstances returns it. Data controls read `StorageEncrypted`, `MultiAZ`,
 * `PubliclyAccessible`, `DeletionProtection`; the backup area's `rds-automated-backups` reads
 * `BackupRetentionPeriod`; tags are `TagList`.
 *
 * @example
 * rdsDbInstanceType.identity({ DBInstanceIdentifier: 'ledger' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:rds:eu-west-1:111122223333:db:ledger'
 */
export const rdsDbInstanceType: ResourceTypeDefinition = {
  type: 'aws.rds.db-instance',
  provider: 'aws',
  service: 'rds',
  title: 'RDS DB instance',
  scope: 'regional',
  sources: ['DescribeDBInstances'],
  identity: (c, { accountId, region }) => {
    const id = configText(c, 'DBInstanceIdentifier');
    return { id, arn: configText(c, 'DBInstanceArn', `arn:aws:rds:${region}:${accountId}:db:${id}`), name: id };
  },
  tags: (c) => tagMap(c.TagList),
  example: {
    DBInstanceIdentifier: 'ledger-prod',
    DBInstanceArn: 'arn:aws:rds:eu-west-1:111122223333:db:ledger-prod',
    DBInstanceClass: 'db.r6g.large',
    Engine: 'postgres',
    EngineVersion: '16.4',
    DBInstanceStatus: 'available',
    AllocatedStorage: 200,
    InstanceCreateTime: '2024-05-01T12:00:00.000Z',
    StorageEncrypted: true,
    KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    MultiAZ: true,
    PubliclyAccessible: false,
    DeletionProtection: true,
    BackupRetentionPeriod: 30,
    AutoMinorVersionUpgrade: true,
    TagList: [
      { Key: 'owner', Value: 'ledger' },
      { Key: 'data-classification', Value: 'confidential' },
      { Key: 'backup', Value: 'db_30_365_2555' },
    ],
  },
};
