import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
} from '@aws-sdk/client-iam';
import type { ActionContext } from '../../enforcement-action.js';

/** A managed policy attached to a user, role or group. */
export type Attachment = { kind: 'user' | 'role' | 'group'; name: string; policyArn: string };

/**
 * Attaches or detaches one managed policy, whatever it is attached to (the IAM API has a call per
 * kind). Needs `iam:AttachUserPolicy` / `iam:DetachUserPolicy` (and Role, Group) for the kinds used.
 *
 * @example
 * await setAttachment(ctx, 'detach', { kind: 'user', name: 'alice', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' });
 */
export const setAttachment = async (ctx: ActionContext<any>, op: 'attach' | 'detach', a: Attachment): Promise<void> => {
  const iam = ctx.aws.iam();
  const { policyArn: PolicyArn, name } = a;
  if (a.kind === 'user') await iam.send(op === 'attach' ? new AttachUserPolicyCommand({ UserName: name, PolicyArn }) : new DetachUserPolicyCommand({ UserName: name, PolicyArn }));
  else if (a.kind === 'role') await iam.send(op === 'attach' ? new AttachRolePolicyCommand({ RoleName: name, PolicyArn }) : new DetachRolePolicyCommand({ RoleName: name, PolicyArn }));
  else await iam.send(op === 'attach' ? new AttachGroupPolicyCommand({ GroupName: name, PolicyArn }) : new DetachGroupPolicyCommand({ GroupName: name, PolicyArn }));
};
