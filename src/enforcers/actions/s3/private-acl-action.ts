import { GetBucketAclCommand, PutBucketAclCommand, type Grant, type Owner } from '@aws-sdk/client-s3';
import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';

type State = { owner: Owner | null; grants: Grant[] };

/** The groups that make an ACL grant public: everyone, and every AWS account holder. */
export const PUBLIC_GROUPS = ['http://acs.amazonaws.com/groups/global/AllUsers', 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers'];
const isPublic = (g: Grant): boolean => PUBLIC_GROUPS.includes(g.Grantee?.URI ?? '');

/**
 * Removes the AllUsers and AuthenticatedUsers grants from the bucket ACL, keeping every other grant
 * (the owner's, log delivery's, named accounts'): gentler than the canned `private` ACL, which would
 * drop those too. Undo writes the recorded ACL back.
 */
export const s3PrivateAcl: EnforcementAction<Record<string, never>, State> = {
  name: 's3.private-acl',
  description: 'Removes the AllUsers and AuthenticatedUsers grants from the bucket ACL, keeping every other grant.',
  schema: NoParams,
  resourceTypes: ['aws.s3.bucket'],
  risk: 'disruptive',
  reversible: true,
  permissions: ['s3:GetBucketAcl', 's3:PutBucketAcl'],
  commands: ['s3:GetBucketAcl', 's3:PutBucketAcl'],
  async read(ctx) {
    const out = await ctx.aws.s3().send(new GetBucketAclCommand({ Bucket: ctx.resourceId }));
    return { owner: out.Owner ?? null, grants: out.Grants ?? [] };
  },
  compliant: (s) => !s.grants.some(isPublic),
  async apply(ctx, before) {
    const policy = { ...(before.owner ? { Owner: before.owner } : {}), Grants: before.grants.filter((g) => !isPublic(g)) };
    await ctx.aws.s3().send(new PutBucketAclCommand({ Bucket: ctx.resourceId, AccessControlPolicy: policy }));
  },
  async undo(ctx, before) {
    await ctx.aws.s3().send(new PutBucketAclCommand({ Bucket: ctx.resourceId, AccessControlPolicy: { ...(before.owner ? { Owner: before.owner } : {}), Grants: before.grants } }));
  },
};
