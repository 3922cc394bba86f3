import { Type } from '@sinclair/typebox';
import type { NamedFilterDefinition } from '../named-filter.js';
import { undeniedActions } from './backup-vault-deny-policy.js';

export interface VaultManualDeleteParams {
  actions: string[];
  exemptRoleArns: string[];
}

/**
 * Matches a vault whose access policy (`AccessPolicy`, parsed from GetBackupVaultAccessPolicy) does
 * not deny the listed actions to every principal except the exempt roles (Backup Audit Manager's
 * BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED allows up to five exempt principals).
 *
 * @example
 * where: { filter: backup-vault-allows-manual-delete, actions: [backup:DeleteRecoveryPoint], exemptRoleArns: [] }
 */
export const backupVaultAllowsManualDeleteFilter: NamedFilterDefinition<VaultManualDeleteParams> = {
  name: 'backup-vault-allows-manual-delete',
  description: 'The vault access policy does not deny the listed actions to everyone except the exempt roles.',
  params: Type.Object({
    actions: Type.Array(Type.String(), { minItems: 1 }),
    exemptRoleArns: Type.Array(Type.String(), { maxItems: 5 }),
  }),
  appliesTo: ['aws.backup.vault'],
  compile: ({ actions, exemptRoleArns }) => (r) => {
    const missing = undeniedActions(r.config.AccessPolicy, actions, exemptRoleArns);
    if (missing.length === 0) return null;
    return [
      {
        path: 'AccessPolicy.Statement',
        expected: `Deny ${missing.join(', ')} to * (except ${exemptRoleArns.length ? exemptRoleArns.join(', ') : 'nobody'})`,
        actual: r.config.AccessPolicy === undefined ? null : missing.map((a) => `${a} not denied`),
        ...(r.config.AccessPolicy === undefined ? { note: 'the vault has no access policy' } : {}),
      },
    ];
  },
  example: { filter: 'backup-vault-allows-manual-delete', actions: ['backup:DeleteRecoveryPoint'], exemptRoleArns: [] },
};
