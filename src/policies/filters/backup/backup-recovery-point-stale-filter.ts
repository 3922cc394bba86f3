import { Type } from '@sinclair/typebox';
import { str } from '../../../inventory/resource-types/backup/backup-arns.js';
import type { Resource } from '../../../inventory/resource.js';
import type { NamedFilterDefinition, ResourceLookup } from '../named-filter.js';
import { coveringSelections, recoveryPointsByResource, timeOf } from './backup-selection-index.js';

export interface RecoveryPointStaleParams {
  /** The newest usable recovery point must be younger than this many days. */
  maxAgeDays: number;
  /** Only count recovery points in logically air-gapped vaults. */
  airGappedOnly: boolean;
  /** Judge only resources a backup plan selects (the "not in a plan" control reports the rest). */
  onlyInPlan: boolean;
}

const USABLE = new Set(['COMPLETED', 'AVAILABLE']);
const DAY_MS = 86_400_000;

const inAirGappedVault = (rp: Resource, lookup: ResourceLookup): boolean => {
  if (rp.config.VaultType !== undefined) return rp.config.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT';
  const vaultArn = str(rp.config.BackupVaultArn);
  return vaultArn !== undefined && lookup.byArn(vaultArn)?.config.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT';
};

/**
 * Matches a protected resource whose newest usable (COMPLETED/AVAILABLE) recovery point is older
 * than `maxAgeDays`, or that has none — Backup Audit Manager's BACKUP_LAST_RECOVERY_POINT_CREATED,
 * and with `airGappedOnly` its RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT. Recovery points are indexed
 * by `ResourceArn` once per scan.
 *
 * @example
 * where: { filter: backup-recovery-point-stale, maxAgeDays: 1, airGappedOnly: false, onlyInPlan: true }
 */
export const backupRecoveryPointStaleFilter: NamedFilterDefinition<RecoveryPointStaleParams> = {
  name: 'backup-recovery-point-stale',
  description: 'The newest completed recovery point of the resource (optionally: in a logically air-gapped vault) is older than N days, or there is none.',
  params: Type.Object({ maxAgeDays: Type.Number({ exclusiveMinimum: 0 }), airGappedOnly: Type.Boolean(), onlyInPlan: Type.Boolean() }),
  needs: ['aws.backup.recovery-point', 'aws.backup.selection', 'aws.backup.vault'],
  compile: ({ maxAgeDays, airGappedOnly, onlyInPlan }) => (r, ctx) => {
    if (onlyInPlan && coveringSelections(r, ctx.lookup).length === 0) return null;
    let newest: Resource | undefined;
    let newestAt = Number.NEGATIVE_INFINITY;
    for (const rp of recoveryPointsByResource(ctx.lookup).get(r.arn) ?? []) {
      if (!USABLE.has(String(rp.config.Status))) continue;
      const at = timeOf(rp.config.CreationDate);
      if (at === undefined || at <= newestAt) continue;
      if (airGappedOnly && !inAirGappedVault(rp, ctx.lookup)) continue;
      newest = rp;
      newestAt = at;
    }
    const where = airGappedOnly ? 'in a logically air-gapped vault ' : '';
    if (!newest) return [{ path: 'recoveryPoint.CreationDate', expected: `a completed recovery point ${where}at most ${maxAgeDays} days old`, actual: null, note: `no completed recovery point ${where}for this resource` }];
    if (ctx.now - newestAt <= maxAgeDays * DAY_MS) return null;
    return [{ path: 'recoveryPoint.CreationDate', expected: `at most ${maxAgeDays} days old`, actual: newest.config.CreationDate, note: `newest recovery point ${where}is ${newest.arn}` }];
  },
  example: { filter: 'backup-recovery-point-stale', maxAgeDays: 1, airGappedOnly: false, onlyInPlan: true },
};
