import type { CoveredScope } from '../../inventory/covered-scope.js';
import type { Resource } from '../../inventory/resource.js';
import { isoTimestamp } from '../iso-timestamp.js';
import type { InventoryScopeQuery, InventoryStore, ResourceFilter, ResourceQuery, StoredInventory, StoredResource } from '../ports/inventory-store.js';
import { toStoredResource } from '../stored-resource.js';
import { providerScopeKey, scopeKey, serializeResource, type SerializedResource } from '../serialized-resource.js';
import { compareText, pageSlice, type MemoryResource, type MemoryScope, type MemorySession, type MemoryTables } from './memory-tables.js';


/**
 * The inventory in memory, with the SQL stores' semantics (see the contract suite).
 *
 * @example
 * const store = createMemoryStore();
 * await store.inventory.upsert([bucket], at);
 */
export class MemoryInventoryStore implements InventoryStore {
  constructor(private readonly s: MemorySession) {}

  async upsert(resources: Resource[], at: string): Promise<void> {
    await this.upsertSerialized(resources.map((r) => serializeResource(r)), at);
  }

  async upsertSerialized(resources: SerializedResource[], at: string): Promise<void> {
    if (resources.length === 0) return;
    const seenAt = isoTimestamp(at, 'at');
    const observed = resources.map((r) => isoTimestamp(r.observedAt, 'observedAt'));
    await this.s.write((t) => {
      resources.forEach((r, i) => {
        const key = providerScopeKey(r);
        if (!t.scopes.has(key)) t.scopes.set(key, { provider: r.provider, accountId: r.accountId, region: r.region, type: r.type, lastScanId: null, lastSeenAt: null });
        const old = t.resources.get(r.arn);
        // Unchanged content keeps the instant it was first observed in that shape (a returning resource is new again).
        const unchanged = old !== undefined && old.digest === r.digest && old.deleted_at === null;
        t.resources.set(r.arn, {
          arn: r.arn, scope_key: key, resource_id: r.id, name: r.name, tags: r.tags, owner: r.owner, config: r.config, digest: r.digest,
          observed_at: unchanged ? old.observed_at : (observed[i] as string), first_seen_at: old?.first_seen_at ?? seenAt, last_seen_at: seenAt, deleted_at: null,
        });
      });
    });
  }

  async get(arn: string): Promise<StoredResource | undefined> {
    const t = this.s.read();
    const r = t.resources.get(arn);
    return r && toStored(r, t);
  }

  async list(q: ResourceQuery = {}): Promise<StoredResource[]> {
    const t = this.s.read();
    const rows = this.#matching(t, q).sort((a, b) => compareText(a.arn, b.arn));
    return pageSlice(rows, q).map((r) => toStored(r, t));
  }

  async count(q: ResourceFilter = {}): Promise<number> {
    return this.#matching(this.s.read(), q).length;
  }

  #matching(t: MemoryTables, q: ResourceFilter): MemoryResource[] {
    const arns = q.arns && new Set(q.arns);
    return [...t.resources.values()].filter((r) => {
      const scope = t.scopes.get(r.scope_key) as MemoryScope;
      return (
        (!arns || arns.has(r.arn)) &&
        (q.type === undefined || scope.type === q.type) &&
        (q.accountId === undefined || scope.accountId === q.accountId) &&
        (q.region === undefined || scope.region === q.region) &&
        (q.owner === undefined || r.owner === q.owner) &&
        (q.includeDeleted || r.deleted_at === null)
      );
    });
  }

  async storedInventory(q: InventoryScopeQuery = {}): Promise<StoredInventory> {
    const t = this.s.read();
    const out: StoredInventory = new Map();
    const byScope = new Map<string, Map<string, string>>();
    for (const [key, s] of t.scopes) {
      if ((q.accountIds && !q.accountIds.includes(s.accountId)) || (q.regions && !q.regions.includes(s.region)) || (q.types && !q.types.includes(s.type))) continue;
      if (q.scopes && !q.scopes.some((w) => scopeKey(w) === scopeKey(s))) continue;
      const arns = new Map<string, string>();
      out.set(scopeKey(s), arns);
      byScope.set(key, arns);
    }
    for (const r of t.resources.values()) byScope.get(r.scope_key)?.set(r.arn, r.deleted_at === null ? r.digest : '');
    return out;
  }

  async markDeleted(scope: CoveredScope, arns: string[], at: string): Promise<string[]> {
    if (arns.length === 0) return [];
    const deletedAt = isoTimestamp(at, 'at');
    return this.s.write((t) => {
      const gone: string[] = [];
      for (const arn of new Set(arns)) {
        const r = t.resources.get(arn);
        if (!r || r.deleted_at !== null || !inScope(t.scopes.get(r.scope_key) as MemoryScope, scope)) continue;
        t.resources.set(arn, { ...r, deleted_at: deletedAt, last_seen_at: deletedAt });
        gone.push(arn);
      }
      return gone.sort(compareText);
    });
  }

  async markScopesSeen(scopes: CoveredScope[], scanId: string, at: string): Promise<void> {
    if (scopes.length === 0) return;
    const seenAt = isoTimestamp(at, 'at');
    await this.s.write((t) => {
      for (const [key, s] of t.scopes) if (scopes.some((c) => inScope(s, c))) t.scopes.set(key, { ...s, lastScanId: scanId, lastSeenAt: seenAt });
    });
  }
}

const inScope = (s: MemoryScope, c: CoveredScope): boolean => s.type === c.type && s.accountId === c.accountId && s.region === c.region;

const toStored = (r: MemoryResource, t: MemoryTables): StoredResource => {
  const scope = t.scopes.get(r.scope_key) as MemoryScope;
  return toStoredResource({ ...r, provider: scope.provider, account_id: scope.accountId, region: scope.region, type: scope.type, scope_seen_at: scope.lastSeenAt });
};
