import { DeletePublicAccessBlockCommand, GetPublicAccessBlockCommand, PutPublicAccessBlockCommand, type PublicAccessBlockConfiguration } from '@aws-sdk/client-s3-control';
import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams, orNull } from '../action-helpers.js';
import { ALL_ON, allOn } from './block-public-access-action.js';

type State = { config: PublicAccessBlockConfiguration | null };

/**
 * Turns on the four account-level S3 Block Public Access settings (S3 Control, per account); undo
 * restores the previous settings or removes the block it created. Every bucket of the account stops
 * serving public content: risk disruptive.
 */
export const s3BlockAccountPublicAccess: EnforcementAction<Record<string, never>, State> = {
  name: 's3.block-account-public-access',
  description: 'Turns on all four account-level S3 Block Public Access settings (every bucket of the account).',
  schema: NoParams,
  resourceTypes: ['aws.s3.account-settings'],
  risk: 'disruptive',
  reversible: true,
  permissions: ['s3:GetAccountPublicAccessBlock', 's3:PutAccountPublicAccessBlock'],
  commands: ['s3control:GetPublicAccessBlock', 's3control:PutPublicAccessBlock', 's3control:DeletePublicAccessBlock'],
  read: async (ctx) => ({
    config:
      (await orNull(() => ctx.aws.s3control().send(new GetPublicAccessBlockCommand({ AccountId: ctx.resource.accountId })), 'NoSuchPublicAccessBlockConfiguration'))
        ?.PublicAccessBlockConfiguration ?? null,
  }),
  compliant: (s) => allOn(s.config),
  async apply(ctx) {
    await ctx.aws.s3control().send(new PutPublicAccessBlockCommand({ AccountId: ctx.resource.accountId, PublicAccessBlockConfiguration: ALL_ON }));
  },
  async undo(ctx, before) {
    const AccountId = ctx.resource.accountId;
    if (before.config) await ctx.aws.s3control().send(new PutPublicAccessBlockCommand({ AccountId, PublicAccessBlockConfiguration: before.config }));
    else await ctx.aws.s3control().send(new DeletePublicAccessBlockCommand({ AccountId }));
  },
};
