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

/** A usable recovery point with what the filter asks of it, worked out once per scan. */
interface UsablePoint {
  rp: Resource;
  at: number;
  airGapped: boolean;
}

/**
 * The usable (COMPLETED/AVAILABLE, dated) recovery points of each protected resource, in lookup order:
 * two policies ask for every database resource, so dates are parsed and vaults resolved once per scan.
 */
const usablePointsByResource = (lookup: ResourceLookup): Map<string, UsablePoint[]> =>
  lookup.memo('backup:usable-recovery-points-by-resource', () => {
    const m = new Map<string, UsablePoint[]>();
    for (const [arn, rps] of recoveryPointsByResource(lookup)) {
      const usable: UsablePoint[] = [];
      for (const rp of rps) {
        if (!USABLE.has(String(rp.config.Status))) continue;
        const at = timeOf(rp.config.CreationDate);
        if (at !== undefined) usable.push({ rp, at, airGapped: inAirGappedVault(rp, lookup) });
      }
      m.set(arn, usable);
    }
    return m;
  });

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
    for (const p of usablePointsByResource(ctx.lookup).get(r.arn) ?? []) {
      if (p.at <= newestAt || (airGappedOnly && !p.airGapped)) continue;
      newest = p.rp;
      newestAt = p.at;
    }
    const where = airGappedOnly ? 'in a logically air-gapped vault ' : '';
    if (!newest) return [{ path: 'recoveryPoint.CreationDate', expected: `a completed recovery point ${where}at most ${maxAgeDays} days old`, actual: null, note: `no completed recovery point ${where}for this resource` }];
    if (ctx.now - newestAt <= maxAgeDays * DAY_MS) return null;
    return [{ path: 'recoveryPoint.CreationDate', expected: `at most ${maxAgeDays} days old`, actual: newest.config.CreationDate, note: `newest recovery point ${where}is ${newest.arn}` }];
  },
  example: { filter: 'backup-recovery-point-stale', maxAgeDays: 1, airGappedOnly: false, onlyInPlan: true },
};
