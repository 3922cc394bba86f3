import { statementAction } from '../policy-statement-action.js';
import { vaultAccessPolicy } from './vault-access-policy.js';

export const DENY_DELETE_SID = 'VigilDenyManualRecoveryPointDeletion';
const DELETE_ACTIONS = ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle', 'backup:PutBackupVaultAccessPolicy'];

const deniesDelete = (s: Record<string, unknown>): boolean => {
  const actions = ([] as unknown[]).concat(s['Action'] ?? []);
  return s['Effect'] === 'Deny' && (actions.includes('backup:DeleteRecoveryPoint') || actions.includes('backup:*'));
};

/** Merges a statement denying manual deletion of recovery points into the vault's access policy. */
export const backupDenyManualDeletion = statementAction({
  name: 'backup.deny-manual-deletion',
  description: 'Merges a Deny backup:DeleteRecoveryPoint (and lifecycle/policy changes) statement into the vault access policy.',
  resourceTypes: ['aws.backup.vault'],
  doc: vaultAccessPolicy,
  satisfied: deniesDelete,
  statement: () => ({ Sid: DENY_DELETE_SID, Effect: 'Deny', Principal: { AWS: '*' }, Action: DELETE_ACTIONS, Resource: '*' }),
});
