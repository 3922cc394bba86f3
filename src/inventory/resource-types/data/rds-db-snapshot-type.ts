import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * An RDS DB snapshot as DescribeDBSnapshots returns it (`Encrypted`, `KmsKeyId`, `SnapshotType`, `TagList`).
 *
 * @example
 * rdsDbSnapshotType.identity({ DBSnapshotIdentifier: 'ledger-pre-upgrade' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:rds:eu-west-1:111122223333:snapshot:ledger-pre-upgrade'
 */
export const rdsDbSnapshotType: ResourceTypeDefinition = {
  type: 'aws.rds.db-snapshot',
  provider: 'aws',
  service: 'rds',
  title: 'RDS DB snapshot',
  scope: 'regional',
  sources: ['DescribeDBSnapshots'],
  identity: (c, { accountId, region }) => {
    const id = configText(c, 'DBSnapshotIdentifier');
    return { id, arn: configText(c, 'DBSnapshotArn', `arn:aws:rds:${region}:${accountId}:snapshot:${id}`), name: id };
  },
  tags: (c) => tagMap(c.TagList),
  example: {
    DBSnapshotIdentifier: 'ledger-pre-upgrade',
    DBSnapshotArn: 'arn:aws:rds:eu-west-1:111122223333:snapshot:ledger-pre-upgrade',
    DBInstanceIdentifier: 'ledger-prod',
    SnapshotCreateTime: '2025-06-01T03:00:00.000Z',
    Engine: 'postgres',
    AllocatedStorage: 200,
    Status: 'available',
    SnapshotType: 'manual',
    Encrypted: true,
    KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    TagList: [{ Key: 'owner', Value: 'ledger' }],
  },
};
