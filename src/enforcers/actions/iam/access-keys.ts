import { ListAccessKeysCommand, UpdateAccessKeyCommand, type AccessKeyMetadata } from '@aws-sdk/client-iam';
import type { ActionContext } from '../../enforcement-action.js';
import { arnName } from '../action-helpers.js';

/** An access key as the IAM actions record it (dates as ISO text: states are stored as JSON). */
export type AccessKey = { id: string; status: string; created: string | null };

/** The message's user's access keys. Needs iam:ListAccessKeys. */
export const listAccessKeys = async (ctx: ActionContext<any>): Promise<AccessKey[]> => {
  const out = await ctx.aws.iam().send(new ListAccessKeysCommand({ UserName: arnName(ctx.resource.arn) }));
  return (out.AccessKeyMetadata ?? []).map((k: AccessKeyMetadata) => ({ id: k.AccessKeyId ?? '', status: k.Status ?? '', created: k.CreateDate ? new Date(k.CreateDate).toISOString() : null }));
};

/** Sets the status of some of the user's keys. Needs iam:UpdateAccessKey. */
export const setKeyStatus = async (ctx: ActionContext<any>, ids: Iterable<string>, status: 'Active' | 'Inactive'): Promise<void> => {
  for (const id of ids) await ctx.aws.iam().send(new UpdateAccessKeyCommand({ UserName: arnName(ctx.resource.arn), AccessKeyId: id, Status: status }));
};

/** Reactivates the keys `before` had active that are inactive now (the undo of a deactivation). */
export const reactivateKeys = async (ctx: ActionContext<any>, before: AccessKey[]): Promise<void> => {
  const wasActive = new Set(before.filter((k) => k.status === 'Active').map((k) => k.id));
  await setKeyStatus(ctx, (await listAccessKeys(ctx)).filter((k) => k.status === 'Inactive' && wasActive.has(k.id)).map((k) => k.id), 'Active');
};
