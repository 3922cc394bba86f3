import type { VigilConfig } from '../config/vigil-config.js';
import type { StorePorts } from '../store/store.js';

export interface UnownedResource {
  arn: string;
  type: string;
  accountId: string;
  region: string;
  name: string;
}

/**
 * Resources nobody owns: no owner tag, no account team, no OU team. They still get reminders (through
 * the fallback team) but are listed on their own, so someone can give them an owner.
 */
export interface UnownedReport {
  fallback: string;
  /** As counted by the latest finished scan (exact); null before the first scan. */
  count: number | null;
  scanId: string | null;
  /** Stored resources assigned to the fallback team with no owner tag nor account mapping, up to `limit`. */
  resources: UnownedResource[];
}

/**
 * Reads the unowned resources from the store. The count is the scan's own (it resolved owners with the
 * organisation's OUs at hand); the list is the stored resources owned by the fallback team that carry
 * no owner tag and whose account is not mapped (an OU mapped to the fallback team itself is listed too).
 *
 * @example
 * const r = await unownedReport(store, config.owners, { limit: 100 });
 * `${r.count} unowned, e.g. ${r.resources[0]?.arn}`;
 */
export const unownedReport = async (store: Pick<StorePorts, 'scans' | 'inventory'>, owners: VigilConfig['owners'], opts: { limit: number }): Promise<UnownedReport> => {
  const scan = (await store.scans.list({ limit: 20 })).find((s) => s.status === 'finished');
  const hasOwnerTag = (tags: Record<string, string>) => owners.tagKeys.some((k) => !!tags[k]?.trim() && tags[k] !== 'unknown');
  const resources: UnownedResource[] = [];
  // Page through the fallback team's resources until enough unowned ones are found.
  for (let offset = 0; resources.length < opts.limit; offset += 1_000) {
    const page = await store.inventory.list({ owner: owners.fallback, limit: 1_000, offset });
    for (const r of page) {
      if (resources.length >= opts.limit) break;
      if (!hasOwnerTag(r.tags) && !owners.accounts[r.accountId]) resources.push({ arn: r.arn, type: r.type, accountId: r.accountId, region: r.region, name: r.name });
    }
    if (page.length < 1_000) break;
  }
  const count = scan && typeof scan.stats['unowned'] === 'number' ? scan.stats['unowned'] : null;
  return { fallback: owners.fallback, count, scanId: scan?.id ?? null, resources };
};
