import type { Resource } from '../../../inventory/resource.js';
import { arr, obj, str } from '../../../inventory/resource-types/backup/backup-arns.js';
import type { ResourceLookup } from '../named-filter.js';
import { timeOf } from './backup-selection-index.js';

/** An ACTIVE legal hold's scope, compiled once per scan. */
export interface ActiveLegalHold {
  arn: string;
  title: string;
  vaultNames: Set<string>;
  resourceIdentifiers: Set<string>;
  from: number;
  to: number;
}

/** Active legal holds grouped by `account/region` (holds are regional, like the vaults they cover). */
const activeHolds = (lookup: ResourceLookup): Map<string, ActiveLegalHold[]> =>
  lookup.memo('backup:active-legal-holds', () => {
    const m = new Map<string, ActiveLegalHold[]>();
    for (const h of lookup.byType('aws.backup.legal-hold')) {
      if (h.config.Status !== 'ACTIVE') continue;
      const sel = obj(h.config.RecoveryPointSelection) ?? {};
      const range = obj(sel.DateRange) ?? {};
      const hold: ActiveLegalHold = {
        arn: h.arn,
        title: str(h.config.Title) ?? h.name,
        vaultNames: new Set(arr(sel.VaultNames).filter((x): x is string => typeof x === 'string')),
        resourceIdentifiers: new Set(arr(sel.ResourceIdentifiers).filter((x): x is string => typeof x === 'string')),
        from: timeOf(range.FromDate) ?? Number.NEGATIVE_INFINITY,
        to: timeOf(range.ToDate) ?? Number.POSITIVE_INFINITY,
      };
      const k = `${h.accountId}/${h.region}`;
      const list = m.get(k);
      if (list) list.push(hold);
      else m.set(k, [hold]);
    }
    return m;
  });

/**
 * The ACTIVE legal holds that cover a recovery point: it was created inside the hold's DateRange
 * (both ends inclusive; a missing end is open), in one of its VaultNames and of one of its
 * ResourceIdentifiers (an empty list does not narrow). Enforcers call this before any action that
 * would delete or shorten a recovery point.
 *
 * @example
 * if (legalHoldsCovering(rp, lookup).length) skip('under legal hold');
 */
export const legalHoldsCovering = (rp: Resource, lookup: ResourceLookup): ActiveLegalHold[] => {
  const created = timeOf(rp.config.CreationDate);
  if (created === undefined) return [];
  const vault = str(rp.config.BackupVaultName) ?? '';
  const res = str(rp.config.ResourceArn) ?? '';
  return (activeHolds(lookup).get(`${rp.accountId}/${rp.region}`) ?? []).filter(
    (h) =>
      created >= h.from &&
      created <= h.to &&
      (h.vaultNames.size === 0 || h.vaultNames.has(vault)) &&
      (h.resourceIdentifiers.size === 0 || h.resourceIdentifiers.has(res) || h.resourceIdentifiers.has(rp.arn)),
  );
};
