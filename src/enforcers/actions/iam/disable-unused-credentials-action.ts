import { DeleteLoginProfileCommand, GetAccessKeyLastUsedCommand, GetLoginProfileCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { Type, type Static } from '@sinclair/typebox';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';
import { arnName, orNull } from '../action-helpers.js';
import { listAccessKeys, setKeyStatus, type AccessKey } from './access-keys.js';

const Params = Type.Object(
  {
    maxUnusedDays: Type.Integer({ minimum: 1, default: 45, description: 'Days a credential may stay unused (never used: since it was created).' }),
    removePasswords: Type.Boolean({ default: true, description: 'Also delete unused console passwords (cannot be undone: a new password must be set).' }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
type Key = AccessKey & { lastUsed: string | null };
type State = { keys: Key[]; password: { created: string; lastUsed: string | null } | null };

const DAY = 86_400_000;
const iso = (d: Date | undefined): string | null => (d ? new Date(d).toISOString() : null);
const unused = (lastUsed: string | null, created: string | null, p: P, now: Date) => {
  const since = lastUsed ?? created;
  return since !== null && now.getTime() - Date.parse(since) > p.maxUnusedDays * DAY;
};
const staleKeys = (s: State, p: P, now: Date) => s.keys.filter((k) => k.status === 'Active' && unused(k.lastUsed, k.created, p, now));
const stalePassword = (s: State, p: P, now: Date) => p.removePasswords && s.password !== null && unused(s.password.lastUsed, s.password.created, p, now);

const readUser = async (ctx: ActionContext<P>): Promise<State> => {
  const iam = ctx.aws.iam();
  const UserName = arnName(ctx.resource.arn);
  const keys: Key[] = [];
  for (const k of await listAccessKeys(ctx)) {
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k.id }));
    keys.push({ ...k, lastUsed: iso(used.AccessKeyLastUsed?.LastUsedDate) });
  }
  const profile = await orNull(() => iam.send(new GetLoginProfileCommand({ UserName })), 'NoSuchEntity', 'NoSuchEntityException');
  const user = profile ? await iam.send(new GetUserCommand({ UserName })) : null;
  return { keys, password: profile ? { created: iso(profile.LoginProfile?.CreateDate) ?? new Date(0).toISOString(), lastUsed: iso(user?.User?.PasswordLastUsed) } : null };
};

/**
 * Deactivates access keys unused for maxUnusedDays and deletes console passwords unused as long.
 * Irreversible (a deleted password cannot be restored), so it runs only with an approval; the keys
 * are only deactivated, and their owner can ask for them back.
 */
export const iamDisableUnusedCredentials: EnforcementAction<P, State> = {
  name: 'iam.disable-unused-credentials',
  description: 'Deactivates access keys and deletes console passwords not used for maxUnusedDays (password deletion cannot be undone).',
  schema: Params,
  resourceTypes: ['aws.iam.user'],
  risk: 'irreversible',
  reversible: false,
  permissions: ['iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed', 'iam:GetLoginProfile', 'iam:GetUser', 'iam:UpdateAccessKey', 'iam:DeleteLoginProfile'],
  commands: ['iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed', 'iam:GetLoginProfile', 'iam:GetUser', 'iam:UpdateAccessKey', 'iam:DeleteLoginProfile'],
  read: readUser,
  compliant: (s, p, now) => staleKeys(s, p, now).length === 0 && !stalePassword(s, p, now),
  async apply(ctx, before) {
    await setKeyStatus(ctx, staleKeys(before, ctx.params, ctx.now).map((k) => k.id), 'Inactive');
    if (stalePassword(before, ctx.params, ctx.now)) await ctx.aws.iam().send(new DeleteLoginProfileCommand({ UserName: arnName(ctx.resource.arn) }));
  },
};
