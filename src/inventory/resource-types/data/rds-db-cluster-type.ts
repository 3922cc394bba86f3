import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * An RDS DB cluster (Aurora, or a Multi-AZ DB cluster) as DescribeDBClusters returns it. An Aurora
 * instance's storage encryption, backups and deletion protection are the cluster's, so controls about
 * them judge this record; its instances (`DBClusterMembers`) are `aws.rds.db-instance` records.
 * Tags are `TagList`.
 *
 * @example
 * rdsDbClusterType.identity({ DBClusterIdentifier: 'ledger' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:rds:eu-west-1:111122223333:cluster:ledger'
 */
export const rdsDbClusterType: ResourceTypeDefinition = {
  type: 'aws.rds.db-cluster',
  provider: 'aws',
  service: 'rds',
  title: 'RDS DB cluster',
  scope: 'regional',
  sources: ['DescribeDBClusters'],
  identity: (c, { accountId, region }) => {
    const id = configText(c, 'DBClusterIdentifier');
    return { id, arn: configText(c, 'DBClusterArn', `arn:aws:rds:${region}:${accountId}:cluster:${id}`), name: id };
  },
  tags: (c) => tagMap(c.TagList),
  example: {
    DBClusterIdentifier: 'ledger-aurora',
    DBClusterArn: 'arn:aws:rds:eu-west-1:111122223333:cluster:ledger-aurora',
    Engine: 'aurora-postgresql',
    EngineVersion: '16.4',
    EngineMode: 'provisioned',
    Status: 'available',
    ClusterCreateTime: '2024-05-01T12:00:00.000Z',
    MultiAZ: true,
    AvailabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    StorageEncrypted: true,
    KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    DeletionProtection: true,
    BackupRetentionPeriod: 30,
    PubliclyAccessible: false,
    IAMDatabaseAuthenticationEnabled: true,
    DBClusterMembers: [
      { DBInstanceIdentifier: 'ledger-aurora-1', IsClusterWriter: true },
      { DBInstanceIdentifier: 'ledger-aurora-2', IsClusterWriter: false },
    ],
    TagList: [
      { Key: 'owner', Value: 'ledger' },
      { Key: 'data-classification', Value: 'confidential' },
      { Key: 'backup', Value: 'db_30_365_2555' },
    ],
  },
};
