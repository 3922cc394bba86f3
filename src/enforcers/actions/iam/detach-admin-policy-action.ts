import { ListAttachedRolePoliciesCommand, ListAttachedUserPoliciesCommand, ListEntitiesForPolicyCommand } from '@aws-sdk/client-iam';
import { Type, type Static } from '@sinclair/typebox';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';
import { arnName } from '../action-helpers.js';
import { setAttachment, type Attachment } from './iam-attachments.js';

const Params = Type.Object(
  {
    policyArn: Type.String({
      pattern: '^arn:aws[a-z-]*:iam::(aws|\\d{12}):policy/.+$',
      default: 'arn:aws:iam::aws:policy/AdministratorAccess',
      description: 'For a user or role: the admin policy to detach (a policy resource detaches itself).',
    }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
type State = { attachments: Attachment[] };
const OPERATIONS = ['ListEntitiesForPolicy', 'ListAttachedUserPolicies', 'ListAttachedRolePolicies', ...['User', 'Role', 'Group'].flatMap((k) => [`Detach${k}Policy`, `Attach${k}Policy`])].map((o) => `iam:${o}`);

const attachedTo = async (ctx: ActionContext<P>): Promise<Attachment[]> => {
  const iam = ctx.aws.iam();
  if (ctx.resource.type === 'aws.iam.policy') {
    const out = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: ctx.resource.arn }));
    const arn = ctx.resource.arn;
    return [
      ...(out.PolicyUsers ?? []).map((u: { UserName?: string }) => ({ kind: 'user' as const, name: u.UserName ?? '', policyArn: arn })),
      ...(out.PolicyRoles ?? []).map((r: { RoleName?: string }) => ({ kind: 'role' as const, name: r.RoleName ?? '', policyArn: arn })),
      ...(out.PolicyGroups ?? []).map((g: { GroupName?: string }) => ({ kind: 'group' as const, name: g.GroupName ?? '', policyArn: arn })),
    ];
  }
  const kind = ctx.resource.type === 'aws.iam.role' ? 'role' : 'user';
  const name = arnName(ctx.resource.arn);
  const out =
    kind === 'role'
      ? await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }))
      : await iam.send(new ListAttachedUserPoliciesCommand({ UserName: name }));
  return (out.AttachedPolicies ?? [])
    .filter((p: { PolicyArn?: string }) => p.PolicyArn === ctx.params.policyArn)
    .map((p: { PolicyArn?: string }) => ({ kind, name, policyArn: p.PolicyArn ?? '' }));
};

/** Detaches an administrator policy: from a user or role, or (for a policy resource) from everything it is attached to. */
export const iamDetachAdminPolicy: EnforcementAction<P, State> = {
  name: 'iam.detach-admin-policy',
  description: 'Detaches an admin ("*:*") policy from the user or role, or a policy granting it from every user, role and group.',
  schema: Params,
  resourceTypes: ['aws.iam.policy', 'aws.iam.role', 'aws.iam.user'],
  risk: 'disruptive',
  reversible: true,
  // Every IAM operation it sends is also the permission it needs.
  permissions: OPERATIONS,
  commands: OPERATIONS,
  read: async (ctx) => ({ attachments: await attachedTo(ctx) }),
  compliant: (s) => s.attachments.length === 0,
  async apply(ctx, before) {
    for (const a of before.attachments) await setAttachment(ctx, 'detach', a);
  },
  async undo(ctx, before) {
    for (const a of before.attachments) await setAttachment(ctx, 'attach', a);
  },
};
