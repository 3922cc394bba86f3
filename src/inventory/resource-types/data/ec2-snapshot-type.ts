import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * An EBS snapshot owned by the account (DescribeSnapshots with OwnerIds=self). Snapshot ARNs carry no
 * account id; snapshot ids are unique on their own.
 *
 * @example
 * ec2SnapshotType.identity({ SnapshotId: 'snap-0abc' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:ec2:eu-west-1::snapshot/snap-0abc'
 */
export const ec2SnapshotType: ResourceTypeDefinition = {
  type: 'aws.ec2.snapshot',
  provider: 'aws',
  service: 'ec2',
  title: 'EBS snapshot',
  scope: 'regional',
  sources: ['DescribeSnapshots'],
  identity: (c, { region }) => {
    const id = configText(c, 'SnapshotId');
    return { id, arn: `arn:aws:ec2:${region}::snapshot/${id}`, name: tagMap(c.Tags).Name ?? id };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    SnapshotId: 'snap-0123456789abcdef0',
    VolumeId: 'vol-0123456789abcdef0',
    VolumeSize: 100,
    State: 'completed',
    StartTime: '2025-02-02T01:00:00.000Z',
    OwnerId: '111122223333',
    Description: 'nightly',
    Encrypted: true,
    KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    Tags: [{ Key: 'owner', Value: 'payments' }],
  },
};
