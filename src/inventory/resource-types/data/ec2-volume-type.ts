import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * An EBS volume as DescribeVolumes returns it (`VolumeId`, `State`, `Encrypted`, `KmsKeyId`, `Attachments`, `Tags`…).
 *
 * @example
 * ec2VolumeType.identity({ VolumeId: 'vol-0abc' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:ec2:eu-west-1:111122223333:volume/vol-0abc'
 */
export const ec2VolumeType: ResourceTypeDefinition = {
  type: 'aws.ec2.volume',
  provider: 'aws',
  service: 'ec2',
  title: 'EBS volume',
  scope: 'regional',
  sources: ['DescribeVolumes'],
  identity: (c, { accountId, region }) => {
    const id = configText(c, 'VolumeId');
    return { id, arn: `arn:aws:ec2:${region}:${accountId}:volume/${id}`, name: tagMap(c.Tags).Name ?? id };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    VolumeId: 'vol-0123456789abcdef0',
    Size: 100,
    VolumeType: 'gp3',
    State: 'in-use',
    AvailabilityZone: 'eu-west-1a',
    CreateTime: '2025-02-01T10:00:00.000Z',
    Encrypted: true,
    KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    Attachments: [{ InstanceId: 'i-0123456789abcdef0', Device: '/dev/xvda', State: 'attached', DeleteOnTermination: true, VolumeId: 'vol-0123456789abcdef0' }],
    Tags: [{ Key: 'owner', Value: 'payments' }],
  },
};
