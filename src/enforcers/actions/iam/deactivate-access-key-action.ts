import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';
import { listAccessKeys, reactivateKeys, setKeyStatus, type AccessKey } from './access-keys.js';

const Params = Type.Object(
  {
    olderThanDays: Type.Integer({ minimum: 0, default: 90, description: 'Deactivate active keys created more than this many days ago.' }),
    accessKeyIds: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z0-9]{16,128}$' }), { description: 'Only these keys (default: every key old enough).' })),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
type State = { keys: AccessKey[] };

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
  read: async (ctx) => ({ keys: await listAccessKeys(ctx) }),
  compliant: (s, p, now) => targets(s, p, now).length === 0,
  apply: (ctx, before) => setKeyStatus(ctx, targets(before, ctx.params, ctx.now).map((k) => k.id), 'Inactive'),
  undo: (ctx, before) => reactivateKeys(ctx, before.keys),
};
