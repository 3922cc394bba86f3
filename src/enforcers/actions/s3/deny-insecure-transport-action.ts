import { DeleteBucketPolicyCommand, GetBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import type { EnforcementAction } from '../../enforcement-action.js';
import { isNotFound, mergeStatement, NoParams, parsePolicy } from '../action-helpers.js';

type State = { policy: string | null };
export const DENY_INSECURE_SID = 'VigilDenyInsecureTransport';

const denies = (s: Record<string, unknown>): boolean => {
  const cond = s['Condition'] as Record<string, Record<string, unknown>> | undefined;
  const v = cond?.['Bool']?.['aws:SecureTransport'];
  return s['Effect'] === 'Deny' && (v === false || v === 'false');
};

/**
 * Adds a statement denying every request not sent over TLS to the bucket policy. The statement is
 * merged into the existing policy (found by its Sid, replaced if present); nothing else is touched.
 */
export const s3DenyInsecureTransport: EnforcementAction<Record<string, never>, State> = {
  name: 's3.deny-insecure-transport',
  description: 'Merges a Deny-unless-aws:SecureTransport statement into the bucket policy, keeping every existing statement.',
  schema: NoParams,
  resourceTypes: ['aws.s3.bucket'],
  risk: 'safe',
  reversible: true,
  permissions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  commands: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  async read(ctx) {
    try {
      return { policy: (await ctx.aws.s3().send(new GetBucketPolicyCommand({ Bucket: ctx.resourceId }))).Policy ?? null };
    } catch (err) {
      if (isNotFound(err, 'NoSuchBucketPolicy')) return { policy: null };
      throw err;
    }
  },
  compliant: (s) => !!parsePolicy(s.policy)?.Statement.some(denies),
  async apply(ctx, before) {
    const bucket = ctx.resourceId;
    const statement = {
      Sid: DENY_INSECURE_SID,
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    };
    await ctx.aws.s3().send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: mergeStatement(before.policy, statement) }));
  },
  async undo(ctx, before) {
    if (before.policy) await ctx.aws.s3().send(new PutBucketPolicyCommand({ Bucket: ctx.resourceId, Policy: before.policy }));
    else await ctx.aws.s3().send(new DeleteBucketPolicyCommand({ Bucket: ctx.resourceId }));
  },
};
