import { DeleteBucketPolicyCommand, GetBucketPolicyCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { orNull } from '../action-helpers.js';
import type { PolicyDocument } from '../policy-statement-action.js';

/** A bucket's policy, for the actions that change it. */
export const bucketPolicy: PolicyDocument = {
  permissions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  commands: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  get: async (ctx) => (await orNull(() => ctx.aws.s3().send(new GetBucketPolicyCommand({ Bucket: ctx.resourceId })), 'NoSuchBucketPolicy'))?.Policy ?? null,
  put: async (ctx, policy) => void (await ctx.aws.s3().send(new PutBucketPolicyCommand({ Bucket: ctx.resourceId, Policy: policy }))),
  remove: async (ctx) => void (await ctx.aws.s3().send(new DeleteBucketPolicyCommand({ Bucket: ctx.resourceId }))),
};
