import { pascalDeep, type ConfigItemMapper } from '../config-item-mapper.js';

const kmsKey: ConfigItemMapper = {
  configType: 'AWS::KMS::Key',
  type: 'aws.kms.key',
  toConfig: (item) => {
    const out = pascalDeep(item.configuration) as Record<string, unknown>;
    // DescribeKey says AWSAccountId; Config lowers it to awsaccountId.
    if ('AwsaccountId' in out) {
      out.AWSAccountId = out.AwsaccountId;
      delete out.AwsaccountId;
    }
    out.KeyId ??= item.resourceId;
    // GetKeyRotationStatus, which Config keeps as a supplementary boolean (sometimes as text).
    const rotation = item.supplementaryConfiguration.KeyRotationStatus;
    if (rotation !== undefined && rotation !== null) out.KeyRotationEnabled = rotation === true || rotation === 'true';
    out.Tags = Object.entries(item.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
    return out;
  },
};

/** KMS: keys with their rotation status. */
export const kmsConfigItemMappers: ConfigItemMapper[] = [kmsKey];
