import { isSeverity, severityRank } from '../../common/severity.js';
import type { Violation, ViolationState } from '../../violations/violation.js';
import { isoOrNull, isoTimestamp } from '../iso-timestamp.js';
import type { ViolationCount, ViolationFilter, ViolationGroupKey, ViolationQuery, ViolationStore } from '../ports/violation-store.js';
import { violationConflict, writeConflict } from '../store-errors.js';
import { compareText, pageSlice, type MemorySession } from './memory-tables.js';

/**
 * Violations in memory, with the SQL stores' semantics: optimistic versions, all-or-nothing batches,
 * the same filters and orders (see the contract suite).
 *
 * @example
 * const store = createMemoryStore();
 * await store.violations.insert([v]);
 * await store.violations.update([{ ...v, state: 'reminded', version: 2 }]);
 */
export class MemoryViolationStore implements ViolationStore {
  constructor(private readonly s: MemorySession) {}

  async get(id: string): Promise<Violation | undefined> {
    const v = this.s.read().violations.get(id);
    return v && structuredClone(v);
  }

  async list(q: ViolationQuery = {}): Promise<Violation[]> {
    const rows = this.#matching(q).sort((a, b) => {
      if (q.orderBy === 'age') return compareText(a.firstSeenAt, b.firstSeenAt) || compareText(a.id, b.id);
      const bySeverity = q.orderBy === 'severity' ? rank(b.severity) - rank(a.severity) : 0;
      return bySeverity || compareText(b.lastSeenAt, a.lastSeenAt) || compareText(a.id, b.id);
    });
    return pageSlice(rows, q).map((v) => structuredClone(v));
  }

  async *pages(q: ViolationQuery = {}, size = 5_000): AsyncIterable<Violation[]> {
    const { limit: _limit, offset: _offset, ...whole } = q;
    const all = await this.list(whole);
    for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
  }

  async count(q: ViolationFilter = {}): Promise<number> {
    return this.#matching(q).length;
  }

  async group(by: ViolationGroupKey[], q: ViolationFilter = {}): Promise<ViolationCount[]> {
    const keys = [...new Set(by)];
    const groups = new Map<string, ViolationCount>();
    for (const v of this.#matching(q)) {
      const key = Object.fromEntries(keys.map((k) => [k, v[k] ?? null])) as ViolationCount['key'];
      const id = JSON.stringify(keys.map((k) => key[k]));
      const g = groups.get(id);
      if (g) g.count += 1;
      else groups.set(id, { key, count: 1 });
    }
    // Without keys, SQL's count(*) is one row even over nothing.
    if (keys.length === 0) return [{ key: {}, count: groups.get('[]')?.count ?? 0 }];
    return [...groups.values()].sort((a, b) => {
      if (a.count !== b.count) return b.count - a.count;
      for (const k of keys) {
        const x = a.key[k] ?? null;
        const y = b.key[k] ?? null;
        // The null group last, as the SQL stores order it.
        if (x !== y) return x === null ? 1 : y === null ? -1 : compareText(x, y);
      }
      return 0;
    });
  }

  async resourcesWith(states: ViolationState[]): Promise<string[]> {
    return [...new Set(this.#matching({ states }).map((v) => v.resourceArn))];
  }

  async ofResources(arns: string[]): Promise<Violation[]> {
    const wanted = new Set(arns);
    return [...this.s.read().violations.values()]
      .filter((v) => wanted.has(v.resourceArn))
      .sort((a, b) => compareText(a.id, b.id))
      .map((v) => structuredClone(v));
  }

  async insert(violations: Violation[]): Promise<void> {
    if (violations.length === 0) return;
    const rows = violations.map(normalize);
    await this.s.write((t) => {
      const ids = new Set<string>();
      for (const v of rows) {
        if (t.violations.has(v.id) || ids.has(v.id)) throw writeConflict(`violation ${v.id} exists already`);
        ids.add(v.id);
      }
      for (const v of rows) t.violations.set(v.id, v);
    });
  }

  async update(violations: Violation[]): Promise<void> {
    if (violations.length === 0) return;
    const rows = violations.map(normalize);
    await this.s.write((t) => {
      // Applied to a scratch map first: the same id twice is two successive versions, and a conflict anywhere writes nothing.
      const next = new Map<string, Violation>();
      const lost: string[] = [];
      for (const v of rows) {
        const stored = next.get(v.id) ?? t.violations.get(v.id);
        if (stored?.version !== v.version - 1) lost.push(v.id);
        else next.set(v.id, v);
      }
      if (lost.length > 0) throw violationConflict(lost);
      for (const [id, v] of next) t.violations.set(id, v);
    });
  }

  async markSeen(ids: string[], scanId: string, at: string): Promise<void> {
    if (ids.length === 0) return;
    const seenAt = isoTimestamp(at, 'at');
    await this.s.write((t) => {
      for (const id of ids) {
        const v = t.violations.get(id);
        if (v) t.violations.set(id, { ...v, lastSeenAt: seenAt, lastScanId: scanId, version: v.version + 1 });
      }
    });
  }

  #matching(q: ViolationFilter): Violation[] {
    const due = q.actionDueBy === undefined ? undefined : isoTimestamp(q.actionDueBy, 'actionDueBy');
    const inList = <T>(xs: readonly T[] | undefined, x: T) => !xs || xs.includes(x);
    return [...this.s.read().violations.values()].filter(
      (v) =>
        inList(q.ids, v.id) &&
        inList(q.states, v.state) &&
        inList(q.policyIds, v.policyId) &&
        inList(q.severities, v.severity) &&
        (q.accountId === undefined || v.accountId === q.accountId) &&
        (q.owner === undefined || v.owner === q.owner) &&
        (q.resourceArn === undefined || v.resourceArn === q.resourceArn) &&
        (q.resourceType === undefined || v.resourceType === q.resourceType) &&
        (q.scanId === undefined || v.lastScanId === q.scanId) &&
        (due === undefined || (v.nextActionAt !== null && v.nextActionAt <= due)),
    );
  }
}

const rank = (s: string): number => (isSeverity(s) ? severityRank(s) : 0);

/** What a SQL store would hand back: canonical timestamps, nulls for absent optionals, a private copy. */
const normalize = (v: Violation): Violation => ({
  id: v.id,
  policyId: v.policyId,
  resourceArn: v.resourceArn,
  resourceType: v.resourceType,
  accountId: v.accountId,
  region: v.region,
  owner: v.owner ?? null,
  severity: v.severity,
  state: v.state,
  remindersSent: v.remindersSent,
  evidence: JSON.parse(JSON.stringify(v.evidence ?? [])) as Violation['evidence'],
  firstSeenAt: isoTimestamp(v.firstSeenAt, 'firstSeenAt'),
  lastSeenAt: isoTimestamp(v.lastSeenAt, 'lastSeenAt'),
  stateChangedAt: isoTimestamp(v.stateChangedAt, 'stateChangedAt'),
  nextActionAt: isoOrNull(v.nextActionAt, 'nextActionAt'),
  resolvedAt: isoOrNull(v.resolvedAt, 'resolvedAt'),
  resolution: v.resolution ?? null,
  lastScanId: v.lastScanId,
  version: v.version,
});
