import type { ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * A KMS key: DescribeKey's `KeyMetadata` fields at the top level, plus `KeyRotationEnabled` (and
 * `RotationPeriodInDays`) from GetKeyRotationStatus and `Tags` from ListResourceTags. KMS spells tags
 * `{TagKey, TagValue}`, unlike most services.
 *
 * @example
 * kmsKeyType.tags({ Tags: [{ TagKey: 'owner', TagValue: 'payments' }] }); // { owner: 'payments' }
 */
export const kmsKeyType: ResourceTypeDefinition = {
  type: 'aws.kms.key',
  provider: 'aws',
  service: 'kms',
  title: 'KMS key',
  scope: 'regional',
  sources: ['ListKeys', 'DescribeKey', 'GetKeyRotationStatus', 'ListResourceTags', 'ListAliases'],
  identity: (c, { accountId, region }) => {
    const id = configText(c, 'KeyId');
    return { id, arn: configText(c, 'Arn', `arn:aws:kms:${region}:${accountId}:key/${id}`), name: configText(c, 'AliasName', id) };
  },
  tags: (c) => {
    const out: Record<string, string> = {};
    if (Array.isArray(c.Tags)) {
      for (const t of c.Tags) {
        const o = t as Record<string, unknown> | null;
        if (o && typeof o.TagKey === 'string') out[o.TagKey] = o.TagValue == null ? '' : String(o.TagValue);
      }
    }
    return out;
  },
  example: {
    KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
    Arn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    AliasName: 'alias/payments',
    CreationDate: '2024-01-10T08:00:00.000Z',
    Enabled: true,
    KeyState: 'Enabled',
    KeyManager: 'CUSTOMER',
    KeySpec: 'SYMMETRIC_DEFAULT',
    KeyUsage: 'ENCRYPT_DECRYPT',
    Origin: 'AWS_KMS',
    MultiRegion: false,
    KeyRotationEnabled: true,
    RotationPeriodInDays: 365,
    Tags: [{ TagKey: 'owner', TagValue: 'payments' }],
  },
};
