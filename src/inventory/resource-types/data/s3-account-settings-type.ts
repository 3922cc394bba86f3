import type { ResourceTypeDefinition } from '../../resource-type.js';

/**
 * The account-wide S3 Block Public Access settings (s3control GetPublicAccessBlock), one per account.
 * When the account never configured them, the collector records `{}` so every flag reads as missing.
 *
 * @example
 * s3AccountSettingsType.identity({}, { accountId: '111122223333', region: 'global' }).id; // '111122223333'
 */
export const s3AccountSettingsType: ResourceTypeDefinition = {
  type: 'aws.s3.account-settings',
  provider: 'aws',
  service: 's3',
  title: 'S3 account public access settings',
  scope: 'global',
  sources: ['s3control:GetPublicAccessBlock'],
  // No AWS ARN names this setting; the synthetic one is stable and unique per account.
  identity: (_c, { accountId }) => ({ id: accountId, arn: `arn:aws:s3::${accountId}:account-public-access-block`, name: `S3 settings ${accountId}` }),
  tags: () => ({}),
  example: {
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
  },
};
