import { Type, type Static } from '@sinclair/typebox';
import { undeniedActions } from '../../../policies/filters/backup/backup-vault-deny-policy.js';
import type { EnforcementAction } from '../../enforcement-action.js';
import { mergeStatement, parsePolicy } from '../action-helpers.js';
import type { PolicyState } from '../policy-statement-action.js';
import { vaultAccessPolicy } from './vault-access-policy.js';

export const DENY_DELETE_SID = 'VigilDenyManualRecoveryPointDeletion';

/**
 * Exactly the actions AWS Config's backup-recovery-point-manual-deletion-disabled (Backup Audit
 * Manager's BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED) requires one Deny statement to name, with
 * Principal and Resource "*": fewer and the vault stays NON_COMPLIANT in AWS's own control.
 * PutBackupVaultAccessPolicy is among them, so changing the policy afterwards takes a
 * DeleteBackupVaultAccessPolicy first (which the statement does not deny) or an exempt role.
 */
export const DENIED_ACTIONS = ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:PutBackupVaultAccessPolicy'] as const;

const Params = Type.Object(
  {
    exemptRoleArns: Type.Array(Type.String({ pattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/' }), {
      maxItems: 5,
      default: [],
      description: 'Break-glass roles the Deny leaves out (ArnNotLike on aws:PrincipalArn; the control allows up to five).',
    }),
  },
  { additionalProperties: false },
);
type Params = Static<typeof Params>;

/** The statement the action merges (replaced by its Sid when present). */
export const denyManualDeletionStatement = (exemptRoleArns: readonly string[]): Record<string, unknown> => ({
  Sid: DENY_DELETE_SID,
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: [...DENIED_ACTIONS],
  Resource: '*',
  ...(exemptRoleArns.length ? { Condition: { ArnNotLike: { 'aws:PrincipalArn': [...exemptRoleArns] } } } : {}),
});

/**
 * Merges a Deny of manual recovery point deletion into the vault's access policy, keeping every
 * other statement. Undo deletes the policy and puts the recorded one back: a plain Put would itself
 * be denied by the statement being undone.
 */
export const backupDenyManualDeletion: EnforcementAction<Params, PolicyState> = {
  name: 'backup.deny-manual-deletion',
  description: 'Merges a Deny of backup:DeleteRecoveryPoint, UpdateRecoveryPointLifecycle and PutBackupVaultAccessPolicy (AWS control BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED) into the vault access policy.',
  schema: Params,
  resourceTypes: ['aws.backup.vault'],
  risk: 'safe',
  reversible: true,
  permissions: vaultAccessPolicy.permissions,
  commands: vaultAccessPolicy.commands,
  read: async (ctx) => ({ policy: await vaultAccessPolicy.get(ctx) }),
  compliant: (s, p) => s.policy !== null && undeniedActions(parsePolicy(s.policy), DENIED_ACTIONS, p.exemptRoleArns).length === 0,
  apply: (ctx, before) => vaultAccessPolicy.put(ctx, mergeStatement(before.policy, denyManualDeletionStatement(ctx.params.exemptRoleArns))),
  async undo(ctx, before) {
    await vaultAccessPolicy.remove(ctx);
    if (before.policy) await vaultAccessPolicy.put(ctx, before.policy);
  },
};
