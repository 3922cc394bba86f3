import {
  AddUserToGroupCommand,
  DeleteUserPolicyCommand,
  GetUserPolicyCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListUserPoliciesCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  type AttachedPolicy,
  type Group,
} from '@aws-sdk/client-iam';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';
import { arnName, NoParams } from '../action-helpers.js';
import { listAccessKeys, reactivateKeys, setKeyStatus, type AccessKey } from './access-keys.js';
import { setAttachment } from './iam-attachments.js';

/** Everything that gives the user access, with the inline documents so undo can put them back. */
type State = { managed: string[]; inline: { name: string; document: string }[]; groups: string[]; keys: AccessKey[] };

/** Each IAM operation it sends is also the permission it needs. */
const OPERATIONS = [
  'iam:ListAttachedUserPolicies', 'iam:ListUserPolicies', 'iam:GetUserPolicy', 'iam:ListGroupsForUser', 'iam:ListAccessKeys',
  'iam:DetachUserPolicy', 'iam:AttachUserPolicy', 'iam:DeleteUserPolicy', 'iam:PutUserPolicy', 'iam:RemoveUserFromGroup', 'iam:AddUserToGroup', 'iam:UpdateAccessKey',
];

const readPrivileges = async (ctx: ActionContext<Record<string, never>>): Promise<State> => {
  const iam = ctx.aws.iam();
  const UserName = arnName(ctx.resource.arn);
  const managed = ((await iam.send(new ListAttachedUserPoliciesCommand({ UserName }))).AttachedPolicies ?? []).map((p: AttachedPolicy) => p.PolicyArn ?? '');
  const inline: State['inline'] = [];
  for (const name of (await iam.send(new ListUserPoliciesCommand({ UserName }))).PolicyNames ?? []) {
    const doc = (await iam.send(new GetUserPolicyCommand({ UserName, PolicyName: name }))).PolicyDocument ?? '';
    inline.push({ name, document: doc.includes('%7B') || doc.startsWith('%') ? decodeURIComponent(doc) : doc });
  }
  const groups = ((await iam.send(new ListGroupsForUserCommand({ UserName }))).Groups ?? []).map((g: Group) => g.GroupName ?? '');
  return { managed, inline, groups, keys: await listAccessKeys(ctx) };
};

/**
 * Takes every privilege from a defunct user: detaches its managed policies, deletes its inline
 * policies (their documents are recorded), removes it from its groups and deactivates its access
 * keys. The user and its console password stay (a user with no policy and no group can do nothing),
 * so undo can put everything back: policies, documents, groups and the keys that were active.
 */
export const iamRevokeUserPrivileges: EnforcementAction<Record<string, never>, State> = {
  name: 'iam.revoke-user-privileges',
  description: 'Detaches the user\'s policies, deletes its inline policies (recorded for undo), removes it from its groups and deactivates its keys.',
  schema: NoParams,
  resourceTypes: ['aws.iam.user'],
  risk: 'disruptive',
  reversible: true,
  permissions: OPERATIONS,
  commands: OPERATIONS,
  read: readPrivileges,
  compliant: (s) => s.managed.length + s.inline.length + s.groups.length === 0 && !s.keys.some((k) => k.status === 'Active'),
  async apply(ctx, before) {
    const iam = ctx.aws.iam();
    const UserName = arnName(ctx.resource.arn);
    for (const policyArn of before.managed) await setAttachment(ctx, 'detach', { kind: 'user', name: UserName, policyArn });
    for (const p of before.inline) await iam.send(new DeleteUserPolicyCommand({ UserName, PolicyName: p.name }));
    for (const GroupName of before.groups) await iam.send(new RemoveUserFromGroupCommand({ UserName, GroupName }));
    await setKeyStatus(ctx, before.keys.filter((k) => k.status === 'Active').map((k) => k.id), 'Inactive');
  },
  async undo(ctx, before) {
    const iam = ctx.aws.iam();
    const UserName = arnName(ctx.resource.arn);
    for (const policyArn of before.managed) await setAttachment(ctx, 'attach', { kind: 'user', name: UserName, policyArn });
    for (const p of before.inline) await iam.send(new PutUserPolicyCommand({ UserName, PolicyName: p.name, PolicyDocument: p.document }));
    for (const GroupName of before.groups) await iam.send(new AddUserToGroupCommand({ UserName, GroupName }));
    await reactivateKeys(ctx, before.keys);
  },
};
