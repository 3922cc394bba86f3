import { isoOrNull, isoTimestamp } from '../iso-timestamp.js';
import type { EnforcementActionQuery, EnforcementActionRecord, EnforcementActionStore, NewEnforcementAction } from '../ports/enforcement-action-store.js';
import { actionNotFound, writeConflict } from '../store-errors.js';
import { compareText, type MemorySession } from './memory-tables.js';

const matches = (r: EnforcementActionRecord, q: Omit<EnforcementActionQuery, 'limit'>): boolean =>
  (!q.accountId || r.accountId === q.accountId) &&
  (!q.action || r.action === q.action) &&
  (!q.resourceType || r.resourceType === q.resourceType) &&
  (!q.statuses?.length || q.statuses.includes(r.status)) &&
  (!q.since || compareText(r.startedAt, isoTimestamp(q.since, 'since')) >= 0) &&
  (q.dryRun === undefined || r.dryRun === q.dryRun);

/**
 * Enforcement action records in memory, with the SQL store's semantics.
 *
 * @example
 * const store = createMemoryStore();
 * await store.enforcementActions.begin({ id: 'a-1', idempotencyKey: 'v-1:4', … });
 */
export class MemoryEnforcementActionStore implements EnforcementActionStore {
  constructor(private readonly s: MemorySession) {}

  async begin(r: NewEnforcementAction): Promise<{ record: EnforcementActionRecord; created: boolean }> {
    const record: EnforcementActionRecord = structuredClone({
      ...r,
      startedAt: isoTimestamp(r.startedAt, 'startedAt'),
      before: r.before ?? null,
      status: 'started',
      reason: null,
      after: null,
      error: null,
      finishedAt: null,
      rolledBackBy: null,
    });
    return this.s.write((t) => {
      const existing = [...t.enforcementActions.values()].find((x) => x.idempotencyKey === r.idempotencyKey);
      if (existing) return { record: structuredClone(existing), created: false };
      if (t.enforcementActions.has(r.id)) throw writeConflict(`enforcement action ${r.id} exists already`);
      t.enforcementActions.set(r.id, record);
      return { record: structuredClone(record), created: true };
    });
  }

  async restart(id: string, at: string): Promise<void> {
    const startedAt = isoTimestamp(at, 'at');
    await this.s.write((t) => {
      const r = t.enforcementActions.get(id);
      if (!r) throw actionNotFound(id);
      t.enforcementActions.set(id, { ...r, status: 'started', startedAt, finishedAt: null, error: null, reason: null });
    });
  }

  async finish(id: string, o: Parameters<EnforcementActionStore['finish']>[1]): Promise<void> {
    const patch = structuredClone({
      status: o.status,
      reason: o.reason,
      before: o.before ?? null,
      after: o.after ?? null,
      error: o.error,
      finishedAt: isoOrNull(o.finishedAt, 'finishedAt'),
      ...(o.dryRun === undefined ? {} : { dryRun: o.dryRun }),
    });
    await this.s.write((t) => {
      const r = t.enforcementActions.get(id);
      if (!r) throw actionNotFound(id);
      t.enforcementActions.set(id, { ...r, ...patch });
    });
  }

  async get(id: string): Promise<EnforcementActionRecord | undefined> {
    const r = this.s.read().enforcementActions.get(id);
    return r && structuredClone(r);
  }

  async byKey(idempotencyKey: string): Promise<EnforcementActionRecord | undefined> {
    const r = [...this.s.read().enforcementActions.values()].find((x) => x.idempotencyKey === idempotencyKey);
    return r && structuredClone(r);
  }

  async list(q: EnforcementActionQuery = {}): Promise<EnforcementActionRecord[]> {
    return structuredClone(
      [...this.s.read().enforcementActions.values()]
        .filter((r) => matches(r, q))
        .sort((a, b) => compareText(b.startedAt, a.startedAt) || compareText(b.id, a.id))
        .slice(0, q.limit ?? Infinity),
    );
  }

  async count(q: Omit<EnforcementActionQuery, 'limit'> = {}, upTo = Infinity): Promise<number> {
    return Math.min(upTo, [...this.s.read().enforcementActions.values()].filter((r) => matches(r, q)).length);
  }

  async countPerAccount(accountIds: readonly string[], q: Omit<EnforcementActionQuery, 'limit' | 'accountId'>, upTo: number): Promise<Map<string, number>> {
    return new Map(await Promise.all(accountIds.map(async (accountId) => [accountId, await this.count({ ...q, accountId }, upTo)] as const)));
  }

  async markRolledBack(id: string, rollbackId: string): Promise<void> {
    await this.s.write((t) => {
      const r = t.enforcementActions.get(id);
      if (!r) throw actionNotFound(id);
      if (r.rolledBackBy) throw writeConflict(`enforcement action ${id} was rolled back already`);
      t.enforcementActions.set(id, { ...r, rolledBackBy: rollbackId });
    });
  }
}
