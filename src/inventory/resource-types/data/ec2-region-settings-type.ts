import type { ResourceTypeDefinition } from '../../resource-type.js';

/**
 * Per-Region EC2 account attributes: `EbsEncryptionByDefault` (GetEbsEncryptionByDefault) and the
 * default key `KmsKeyId` (GetEbsDefaultKmsKeyId). One per account and Region.
 *
 * @example
 * ec2RegionSettingsType.identity({}, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:ec2:eu-west-1:111122223333:region-settings'
 */
export const ec2RegionSettingsType: ResourceTypeDefinition = {
  type: 'aws.ec2.region-settings',
  provider: 'aws',
  service: 'ec2',
  title: 'EC2 Region settings',
  scope: 'regional',
  sources: ['GetEbsEncryptionByDefault', 'GetEbsDefaultKmsKeyId'],
  // Synthetic ARN: the setting has none of its own.
  identity: (_c, { accountId, region }) => ({ id: `${accountId}/${region}`, arn: `arn:aws:ec2:${region}:${accountId}:region-settings`, name: `EC2 settings ${region}` }),
  tags: () => ({}),
  example: { EbsEncryptionByDefault: true, KmsKeyId: 'alias/aws/ebs' },
};
