import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * A Redshift provisioned cluster as DescribeClusters returns it (`ClusterIdentifier`, `Encrypted`,
 * `KmsKeyId`, `PubliclyAccessible`, `AutomatedSnapshotRetentionPeriod`, `Tags`).
 *
 * @example
 * redshiftClusterType.identity({ ClusterIdentifier: 'analytics' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:redshift:eu-west-1:111122223333:cluster:analytics'
 */
export const redshiftClusterType: ResourceTypeDefinition = {
  type: 'aws.redshift.cluster',
  provider: 'aws',
  service: 'redshift',
  title: 'Redshift cluster',
  scope: 'regional',
  sources: ['DescribeClusters'],
  identity: (c, { accountId, region }) => {
    const id = configText(c, 'ClusterIdentifier');
    return { id, arn: `arn:aws:redshift:${region}:${accountId}:cluster:${id}`, name: id };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    ClusterIdentifier: 'analytics',
    NodeType: 'ra3.xlplus',
    ClusterStatus: 'available',
    NumberOfNodes: 2,
    ClusterCreateTime: '2024-09-01T00:00:00.000Z',
    Encrypted: true,
    KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    PubliclyAccessible: false,
    AutomatedSnapshotRetentionPeriod: 30,
    Tags: [{ Key: 'owner', Value: 'analytics' }, { Key: 'data-classification', Value: 'private' }],
  },
};
