import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * An S3 bucket, composed from several read calls so one record answers every bucket control. Each call's
 * output is kept under its own API field name: `PublicAccessBlockConfiguration` (GetPublicAccessBlock),
 * `ServerSideEncryptionConfiguration` (GetBucketEncryption), `Versioning` ({Status, MFADelete} from
 * GetBucketVersioning), `Policy` (GetBucketPolicy, the JSON document parsed into an object), `Acl`
 * ({Owner, Grants} from GetBucketAcl), `Logging` (GetBucketLogging), `TagSet` (GetBucketTagging) and
 * `Region` (GetBucketLocation, normalised: `us-east-1` instead of an empty LocationConstraint).
 * A call that answered "not configured" (NoSuchPublicAccessBlockConfiguration, NoSuchBucketPolicy…)
 * leaves its field out, so `absent` tests read naturally.
 *
 * @example
 * s3BucketType.identity({ Name: 'payments-logs' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:s3:::payments-logs'
 */
export const s3BucketType: ResourceTypeDefinition = {
  type: 'aws.s3.bucket',
  provider: 'aws',
  service: 's3',
  title: 'S3 bucket',
  scope: 'regional',
  sources: [
    'ListBuckets',
    'GetBucketLocation',
    'GetPublicAccessBlock',
    'GetBucketEncryption',
    'GetBucketVersioning',
    'GetBucketPolicy',
    'GetBucketAcl',
    'GetBucketLogging',
    'GetBucketTagging',
  ],
  identity: (c) => {
    const name = configText(c, 'Name');
    return { id: name, arn: `arn:aws:s3:::${name}`, name };
  },
  tags: (c) => tagMap(c.TagSet),
  example: {
    Name: 'payments-statements',
    CreationDate: '2024-03-01T09:00:00.000Z',
    Region: 'eu-west-1',
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    ServerSideEncryptionConfiguration: {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
          BucketKeyEnabled: true,
        },
      ],
    },
    Versioning: { Status: 'Enabled', MFADelete: 'Disabled' },
    Policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::payments-statements', 'arn:aws:s3:::payments-statements/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    },
    Acl: {
      Owner: { ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' },
      Grants: [
        {
          Grantee: { Type: 'CanonicalUser', ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' },
          Permission: 'FULL_CONTROL',
        },
      ],
    },
    Logging: { LoggingEnabled: { TargetBucket: 'payments-access-logs', TargetPrefix: 'payments-statements/' } },
    TagSet: [
      { Key: 'owner', Value: 'payments' },
      { Key: 'data-classification', Value: 'confidential' },
    ],
  },
};
