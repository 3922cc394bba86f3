import { DeleteAccountPasswordPolicyCommand, GetAccountPasswordPolicyCommand, UpdateAccountPasswordPolicyCommand, type PasswordPolicy } from '@aws-sdk/client-iam';
import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';
import { orNull } from '../action-helpers.js';

const Params = Type.Object(
  {
    minimumLength: Type.Integer({ minimum: 6, maximum: 128, default: 14, description: 'Minimum password length.' }),
    reusePrevention: Type.Integer({ minimum: 1, maximum: 24, default: 24, description: 'Previous passwords that cannot be reused.' }),
    requireCharacterClasses: Type.Boolean({ default: true, description: 'Also require symbols, numbers, upper- and lower-case letters.' }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
/** The settings UpdateAccountPasswordPolicy takes (it resets any it is not given), or null for no policy. */
type Settings = {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
};
type State = { policy: Settings | null };

const settingsOf = (p: PasswordPolicy): Settings =>
  Object.fromEntries(
    (['MinimumPasswordLength', 'RequireSymbols', 'RequireNumbers', 'RequireUppercaseCharacters', 'RequireLowercaseCharacters', 'AllowUsersToChangePassword', 'MaxPasswordAge', 'PasswordReusePrevention', 'HardExpiry'] as const)
      .filter((k) => p[k] !== undefined)
      .map((k) => [k, p[k]]),
  );

/**
 * The stricter of the account's policy and the params: every setting it had stays (UpdateAccount-
 * PasswordPolicy resets what it is not given), lengths and reuse only go up, requirements only get added.
 */
export const strengthen = (have: Settings | null, p: P): Settings => {
  const h = have ?? { AllowUsersToChangePassword: true };
  const require = (v: boolean | undefined) => v === true || p.requireCharacterClasses;
  return {
    ...h,
    MinimumPasswordLength: Math.max(h.MinimumPasswordLength ?? 0, p.minimumLength),
    PasswordReusePrevention: Math.max(h.PasswordReusePrevention ?? 0, p.reusePrevention),
    RequireSymbols: require(h.RequireSymbols),
    RequireNumbers: require(h.RequireNumbers),
    RequireUppercaseCharacters: require(h.RequireUppercaseCharacters),
    RequireLowercaseCharacters: require(h.RequireLowercaseCharacters),
  };
};

/** Raises the account password policy to the params, never weakening a stricter existing setting; undo puts the old policy back. */
export const iamUpdatePasswordPolicy: EnforcementAction<P, State> = {
  name: 'iam.update-password-policy',
  description: 'Raises the account password policy (length, reuse prevention, character classes), keeping every stricter existing setting.',
  schema: Params,
  resourceTypes: ['aws.iam.account'],
  risk: 'safe',
  reversible: true,
  permissions: ['iam:GetAccountPasswordPolicy', 'iam:UpdateAccountPasswordPolicy', 'iam:DeleteAccountPasswordPolicy'],
  commands: ['iam:GetAccountPasswordPolicy', 'iam:UpdateAccountPasswordPolicy', 'iam:DeleteAccountPasswordPolicy'],
  async read(ctx) {
    const out = await orNull(() => ctx.aws.iam().send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntity', 'NoSuchEntityException');
    return { policy: out?.PasswordPolicy ? settingsOf(out.PasswordPolicy) : null };
  },
  compliant: (s, p) => (s.policy?.MinimumPasswordLength ?? 0) >= p.minimumLength && (s.policy?.PasswordReusePrevention ?? 0) >= p.reusePrevention,
  async apply(ctx, before) {
    await ctx.aws.iam().send(new UpdateAccountPasswordPolicyCommand(strengthen(before.policy, ctx.params)));
  },
  async undo(ctx, before) {
    if (before.policy) await ctx.aws.iam().send(new UpdateAccountPasswordPolicyCommand(before.policy));
    else await ctx.aws.iam().send(new DeleteAccountPasswordPolicyCommand({}));
  },
};
