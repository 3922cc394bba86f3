import { DeleteBackupVaultAccessPolicyCommand, GetBackupVaultAccessPolicyCommand, PutBackupVaultAccessPolicyCommand } from '@aws-sdk/client-backup';
import type { EnforcementAction } from '../../enforcement-action.js';
import { arnName, isNotFound, mergeStatement, NoParams, parsePolicy } from '../action-helpers.js';

type State = { policy: string | null };
export const DENY_DELETE_SID = 'VigilDenyManualRecoveryPointDeletion';
const DELETE_ACTIONS = ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:PutBackupVaultAccessPolicy'];

const deniesDelete = (s: Record<string, unknown>): boolean => {
  const actions = ([] as unknown[]).concat(s['Action'] ?? []);
  return s['Effect'] === 'Deny' && (actions.includes('backup:DeleteRecoveryPoint') || actions.includes('backup:*'));
};

/** Merges a statement denying manual deletion of recovery points into the vault's access policy. */
export const backupDenyManualDeletion: EnforcementAction<Record<string, never>, State> = {
  name: 'backup.deny-manual-deletion',
  description: 'Merges a Deny backup:DeleteRecoveryPoint (and lifecycle/policy changes) statement into the vault access policy.',
  schema: NoParams,
  resourceTypes: ['aws.backup.vault'],
  risk: 'safe',
  reversible: true,
  permissions: ['backup:GetBackupVaultAccessPolicy', 'backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy'],
  commands: ['backup:GetBackupVaultAccessPolicy', 'backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy'],
  async read(ctx) {
    try {
      return { policy: (await ctx.aws.backup().send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: arnName(ctx.resource.arn) }))).Policy ?? null };
    } catch (err) {
      if (isNotFound(err, 'ResourceNotFoundException')) return { policy: null };
      throw err;
    }
  },
  compliant: (s) => !!parsePolicy(s.policy)?.Statement.some(deniesDelete),
  async apply(ctx, before) {
    const statement = { Sid: DENY_DELETE_SID, Effect: 'Deny', Principal: { AWS: '*' }, Action: DELETE_ACTIONS, Resource: '*' };
    await ctx.aws.backup().send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: ctx.resourceId, Policy: mergeStatement(before.policy, statement) }));
  },
  async undo(ctx, before) {
    if (before.policy) await ctx.aws.backup().send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: ctx.resourceId, Policy: before.policy }));
    else await ctx.aws.backup().send(new DeleteBackupVaultAccessPolicyCommand({ BackupVaultName: ctx.resourceId }));
  },
};
