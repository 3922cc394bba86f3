import { DeletePublicAccessBlockCommand, GetPublicAccessBlockCommand, PutPublicAccessBlockCommand, type PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams, orNull } from '../action-helpers.js';

type State = { config: PublicAccessBlockConfiguration | null };
/** All four Block Public Access settings on (the bucket and the account level take the same four). */
export const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
/** Whether every one of the four settings is on. */
export const allOn = (config: PublicAccessBlockConfiguration | null): boolean => !!config && Object.keys(ALL_ON).every((k) => config[k as keyof PublicAccessBlockConfiguration] === true);

/** Turns on all four Block Public Access settings of a bucket; undo restores the previous settings. */
export const s3BlockPublicAccess: EnforcementAction<Record<string, never>, State> = {
  name: 's3.block-public-access',
  description: 'Turns on all four S3 Block Public Access settings of the bucket.',
  schema: NoParams,
  resourceTypes: ['aws.s3.bucket'],
  risk: 'disruptive',
  reversible: true,
  permissions: ['s3:GetBucketPublicAccessBlock', 's3:PutBucketPublicAccessBlock'],
  commands: ['s3:GetPublicAccessBlock', 's3:PutPublicAccessBlock', 's3:DeletePublicAccessBlock'],
  read: async (ctx) => ({
    config: (await orNull(() => ctx.aws.s3().send(new GetPublicAccessBlockCommand({ Bucket: ctx.resourceId })), 'NoSuchPublicAccessBlockConfiguration'))?.PublicAccessBlockConfiguration ?? null,
  }),
  compliant: (s) => allOn(s.config),
  async apply(ctx) {
    await ctx.aws.s3().send(new PutPublicAccessBlockCommand({ Bucket: ctx.resourceId, PublicAccessBlockConfiguration: ALL_ON }));
  },
  async undo(ctx, before) {
    if (before.config) await ctx.aws.s3().send(new PutPublicAccessBlockCommand({ Bucket: ctx.resourceId, PublicAccessBlockConfiguration: before.config }));
    else await ctx.aws.s3().send(new DeletePublicAccessBlockCommand({ Bucket: ctx.resourceId }));
  },
};
