import { Type } from '@sinclair/typebox';
import type { NamedFilterDefinition } from '../named-filter.js';
import { timeOf } from './backup-selection-index.js';

export interface VaultLockModeParams {
  /** `compliance`: the lock must become immutable (a LockDate); `governance`: any lock will do. */
  mode: 'governance' | 'compliance';
  /** Whether a compliance lock still in its grace time (LockDate in the future) counts as compliant. */
  allowGraceTime: boolean;
}

/**
 * Matches a vault whose Vault Lock is weaker than the required mode. The API has no "mode" field:
 * a compliance-mode lock carries `LockDate`, the end of its grace time (≥ 3 days after it was set),
 * after which nobody — not even root — can remove it; a governance-mode lock has no `LockDate` and
 * can be removed by anyone with the IAM permission. Logically air-gapped vaults are always locked
 * in compliance mode.
 *
 * @example
 * where: { filter: backup-vault-lock-too-weak, mode: compliance, allowGraceTime: true }
 */
export const backupVaultLockTooWeakFilter: NamedFilterDefinition<VaultLockModeParams> = {
  name: 'backup-vault-lock-too-weak',
  reads: ['VaultType', 'Locked', 'LockDate'],
  description: 'The vault is not locked, or locked in governance mode (or still in grace time) where compliance mode is required.',
  params: Type.Object({
    mode: Type.Union([Type.Literal('governance'), Type.Literal('compliance')]),
    allowGraceTime: Type.Boolean(),
  }),
  appliesTo: ['aws.backup.vault'],
  compile: ({ mode, allowGraceTime }) => (r, ctx) => {
    const c = r.config;
    if (c.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT') return null;
    if (c.Locked !== true) return [{ path: 'Locked', expected: '= true', actual: c.Locked ?? null }];
    if (mode === 'governance') return null;
    const lockAt = timeOf(c.LockDate);
    if (lockAt === undefined) {
      return [{ path: 'LockDate', expected: 'present (compliance mode)', actual: c.LockDate ?? null, note: 'governance-mode lock: can be removed by anyone with backup:DeleteBackupVaultLockConfiguration' }];
    }
    if (lockAt > ctx.now && !allowGraceTime) {
      return [{ path: 'LockDate', expected: 'in the past (grace time over, lock immutable)', actual: c.LockDate, note: 'compliance lock still in its grace time: it can still be removed' }];
    }
    return null;
  },
  example: { filter: 'backup-vault-lock-too-weak', mode: 'compliance', allowGraceTime: true },
};
