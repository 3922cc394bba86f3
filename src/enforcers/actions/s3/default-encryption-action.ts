import { DeleteBucketEncryptionCommand, GetBucketEncryptionCommand, PutBucketEncryptionCommand, type ServerSideEncryptionRule } from '@aws-sdk/client-s3';
import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';
import { orNull } from '../action-helpers.js';

const Params = Type.Object(
  {
    kmsKeyId: Type.String({ minLength: 1, default: 'alias/aws/s3', description: 'KMS key id, ARN or alias for SSE-KMS.' }),
    bucketKey: Type.Boolean({ default: true, description: 'Use an S3 Bucket Key (fewer KMS calls).' }),
  },
  { additionalProperties: false },
);
type State = { rules: ServerSideEncryptionRule[] | null };

/** Sets SSE-KMS as the bucket's default encryption; undo restores the previous rules. */
export const s3DefaultEncryption: EnforcementAction<Static<typeof Params>, State> = {
  name: 's3.default-encryption',
  description: 'Sets SSE-KMS as the bucket\'s default encryption.',
  schema: Params,
  resourceTypes: ['aws.s3.bucket'],
  risk: 'safe',
  reversible: true,
  permissions: ['s3:GetEncryptionConfiguration', 's3:PutEncryptionConfiguration'],
  commands: ['s3:GetBucketEncryption', 's3:PutBucketEncryption', 's3:DeleteBucketEncryption'],
  async read(ctx) {
    const out = await orNull(() => ctx.aws.s3().send(new GetBucketEncryptionCommand({ Bucket: ctx.resourceId })), 'ServerSideEncryptionConfigurationNotFoundError');
    return { rules: out ? (out.ServerSideEncryptionConfiguration?.Rules ?? []) : null };
  },
  compliant: (s) => !!s.rules?.some((r) => ['aws:kms', 'aws:kms:dsse'].includes(r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? '')),
  async apply(ctx) {
    await ctx.aws.s3().send(
      new PutBucketEncryptionCommand({
        Bucket: ctx.resourceId,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: ctx.params.kmsKeyId }, BucketKeyEnabled: ctx.params.bucketKey }],
        },
      }),
    );
  },
  async undo(ctx, before) {
    if (before.rules?.length) await ctx.aws.s3().send(new PutBucketEncryptionCommand({ Bucket: ctx.resourceId, ServerSideEncryptionConfiguration: { Rules: before.rules } }));
    else await ctx.aws.s3().send(new DeleteBucketEncryptionCommand({ Bucket: ctx.resourceId }));
  },
};
