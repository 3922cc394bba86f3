import { CreatePolicyCommand, GetPolicyCommand, ListAttachedUserPoliciesCommand, ListMFADevicesCommand, type AttachedPolicy } from '@aws-sdk/client-iam';
import { Type, type Static } from '@sinclair/typebox';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';
import { arnName, orNull } from '../action-helpers.js';
import { setAttachment } from './iam-attachments.js';

const Params = Type.Object(
  { policyName: Type.String({ pattern: '^[\\w+=,.@-]{1,128}$', default: 'vigil-deny-without-mfa', description: 'The managed policy (created in the account if missing, under path /vigil/).' }) },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
type State = { mfaDevices: number; attached: boolean };

/**
 * AWS's "force MFA" pattern: deny everything but setting up one's own MFA device and password while
 * the request carries no MFA. It blocks access-key calls made without an MFA session too.
 */
export const DENY_WITHOUT_MFA = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyAllExceptMfaSetupWithoutMfa',
      Effect: 'Deny',
      NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'iam:ChangePassword', 'iam:GetAccountPasswordPolicy', 'sts:GetSessionToken'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  ],
};

const policyArn = (ctx: ActionContext<P>) => `arn:aws:iam::${ctx.resource.accountId}:policy/vigil/${ctx.params.policyName}`;

/**
 * Attaches a policy denying everything except MFA set-up to a console user without MFA (the policy is
 * created in the account once, under /vigil/, and kept for every such user). Registering a device
 * resolves the violation; undo detaches the policy, restoring the user's access.
 */
export const iamAttachDenyWithoutMfa: EnforcementAction<P, State> = {
  name: 'iam.attach-deny-without-mfa',
  description: 'Attaches a "deny all but MFA set-up without MFA" policy to the user until they register an MFA device.',
  schema: Params,
  resourceTypes: ['aws.iam.user'],
  risk: 'disruptive',
  reversible: true,
  permissions: ['iam:ListMFADevices', 'iam:ListAttachedUserPolicies', 'iam:GetPolicy', 'iam:CreatePolicy', 'iam:AttachUserPolicy', 'iam:DetachUserPolicy'],
  commands: ['iam:ListMFADevices', 'iam:ListAttachedUserPolicies', 'iam:GetPolicy', 'iam:CreatePolicy', 'iam:AttachUserPolicy', 'iam:DetachUserPolicy'],
  async read(ctx) {
    const UserName = arnName(ctx.resource.arn);
    const mfa = await ctx.aws.iam().send(new ListMFADevicesCommand({ UserName }));
    const attached = await ctx.aws.iam().send(new ListAttachedUserPoliciesCommand({ UserName }));
    return { mfaDevices: mfa.MFADevices?.length ?? 0, attached: (attached.AttachedPolicies ?? []).some((p: AttachedPolicy) => p.PolicyArn === policyArn(ctx)) };
  },
  compliant: (s) => s.mfaDevices > 0 || s.attached,
  async apply(ctx) {
    const arn = policyArn(ctx);
    if (!(await orNull(() => ctx.aws.iam().send(new GetPolicyCommand({ PolicyArn: arn })), 'NoSuchEntity', 'NoSuchEntityException'))) {
      await ctx.aws.iam().send(
        new CreatePolicyCommand({ PolicyName: ctx.params.policyName, Path: '/vigil/', PolicyDocument: JSON.stringify(DENY_WITHOUT_MFA), Description: 'Vigil: denies all but MFA set-up until the user signs in with MFA' }),
      );
    }
    await setAttachment(ctx, 'attach', { kind: 'user', name: arnName(ctx.resource.arn), policyArn: arn });
  },
  async undo(ctx, before) {
    if (!before.attached) await setAttachment(ctx, 'detach', { kind: 'user', name: arnName(ctx.resource.arn), policyArn: policyArn(ctx) });
  },
};
