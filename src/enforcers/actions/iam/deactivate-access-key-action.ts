import { ListAccessKeysCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';
import { arnName } from '../action-helpers.js';

const Params = Type.Object(
  {
    olderThanDays: Type.Integer({ minimum: 0, default: 90, description: 'Deactivate active keys created more than this many days ago.' }),
    accessKeyIds: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z0-9]{16,128}$' }), { description: 'Only these keys (default: every key old enough).' })),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
type State = { keys: { id: string; status: string; created: string | null }[] };

const DAY = 86_400_000;
const targets = (s: State, p: P, now: Date) =>
  s.keys.filter(
    (k) => k.status === 'Active' && (p.accessKeyIds ? p.accessKeyIds.includes(k.id) : k.created !== null && now.getTime() - Date.parse(k.created) > p.olderThanDays * DAY),
  );

/** Deactivates (never deletes) a user's old access keys; undo reactivates the keys it deactivated. */
export const iamDeactivateAccessKey: EnforcementAction<P, State> = {
  name: 'iam.deactivate-access-key',
  description: 'Deactivates the user\'s active access keys older than olderThanDays (or the listed keys); keys are never deleted.',
  schema: Params,
  resourceTypes: ['aws.iam.user'],
  risk: 'disruptive',
  reversible: true,
  permissions: ['iam:ListAccessKeys', 'iam:UpdateAccessKey'],
  commands: ['iam:ListAccessKeys', 'iam:UpdateAccessKey'],
  async read(ctx) {
    const out = await ctx.aws.iam().send(new ListAccessKeysCommand({ UserName: arnName(ctx.resource.arn) }));
    return {
      keys: (out.AccessKeyMetadata ?? []).map((k: { AccessKeyId?: string; Status?: string; CreateDate?: Date }) => ({
        id: k.AccessKeyId ?? '',
        status: k.Status ?? '',
        created: k.CreateDate ? new Date(k.CreateDate).toISOString() : null,
      })),
    };
  },
  compliant: (s, p, now) => targets(s, p, now).length === 0,
  async apply(ctx, before) {
    for (const k of targets(before, ctx.params, ctx.now)) {
      await ctx.aws.iam().send(new UpdateAccessKeyCommand({ UserName: arnName(ctx.resource.arn), AccessKeyId: k.id, Status: 'Inactive' }));
    }
  },
  async undo(ctx, before) {
    const after = await this.read(ctx);
    const wasActive = new Set(before.keys.filter((k) => k.status === 'Active').map((k) => k.id));
    for (const k of after.keys.filter((x) => x.status === 'Inactive' && wasActive.has(x.id))) {
      await ctx.aws.iam().send(new UpdateAccessKeyCommand({ UserName: arnName(ctx.resource.arn), AccessKeyId: k.id, Status: 'Active' }));
    }
  },
};
