import { GetBucketVersioningCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';

/** status null: versioning was never enabled on the bucket. */
type State = { status: string | null; mfaDelete: string | null };

/**
 * Enables versioning on a bucket (MFA delete is left as it is). Not reversible: S3 can only suspend
 * versioning once enabled, never return the bucket to "never versioned", and the versions kept meanwhile stay.
 */
export const s3EnableVersioning: EnforcementAction<Record<string, never>, State> = {
  name: 's3.enable-versioning',
  description: 'Enables versioning on the bucket (it can later be suspended, never switched off).',
  schema: NoParams,
  resourceTypes: ['aws.s3.bucket'],
  risk: 'safe',
  reversible: false,
  permissions: ['s3:GetBucketVersioning', 's3:PutBucketVersioning'],
  commands: ['s3:GetBucketVersioning', 's3:PutBucketVersioning'],
  async read(ctx) {
    const out = await ctx.aws.s3().send(new GetBucketVersioningCommand({ Bucket: ctx.resourceId }));
    return { status: out.Status ?? null, mfaDelete: out.MFADelete ?? null };
  },
  compliant: (s) => s.status === 'Enabled',
  async apply(ctx) {
    await ctx.aws.s3().send(new PutBucketVersioningCommand({ Bucket: ctx.resourceId, VersioningConfiguration: { Status: 'Enabled' } }));
  },
};
