import { isoOrNull, isoTimestamp } from '../iso-timestamp.js';
import type { Page } from '../ports/page.js';
import type { PolicyResultRow, ScanOutcome, ScanRecord, ScanStore } from '../ports/scan-store.js';
import { scanNotFound, writeConflict } from '../store-errors.js';
import { compareText, pageSlice, type MemorySession } from './memory-tables.js';

/**
 * Scans and per-policy results in memory, with the SQL stores' semantics.
 *
 * @example
 * const store = createMemoryStore();
 * await store.scans.start({ id: 's1', source: 'demo', startedAt: at, finishedAt: null, status: 'running', stats: {} });
 */
export class MemoryScanStore implements ScanStore {
  constructor(private readonly s: MemorySession) {}

  async start(scan: ScanRecord): Promise<void> {
    const row: ScanRecord = {
      id: scan.id,
      source: scan.source,
      startedAt: isoTimestamp(scan.startedAt, 'startedAt'),
      finishedAt: isoOrNull(scan.finishedAt, 'finishedAt'),
      status: scan.status,
      stats: { ...(scan.stats ?? {}) },
      error: scan.error ?? null,
    };
    await this.s.write((t) => {
      if (t.scans.has(row.id)) throw writeConflict(`scan ${row.id} exists already`);
      t.scans.set(row.id, row);
    });
  }

  async finish(id: string, outcome: ScanOutcome): Promise<void> {
    const patch = { finishedAt: isoOrNull(outcome.finishedAt, 'finishedAt'), status: outcome.status, stats: { ...(outcome.stats ?? {}) }, error: outcome.error ?? null };
    await this.s.write((t) => {
      const scan = t.scans.get(id);
      if (!scan) throw scanNotFound(id);
      t.scans.set(id, { ...scan, ...patch });
    });
  }

  async get(id: string): Promise<ScanRecord | undefined> {
    const scan = this.s.read().scans.get(id);
    return scan && structuredClone(scan);
  }

  async list(q: Page = {}): Promise<ScanRecord[]> {
    const rows = [...this.s.read().scans.values()].sort((a, b) => compareText(b.startedAt, a.startedAt) || compareText(b.id, a.id));
    return structuredClone(pageSlice(rows, q));
  }

  async addPolicyResults(rows: PolicyResultRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.s.write((t) => {
      for (const r of rows) {
        const key = JSON.stringify([r.scanId, r.policyId, r.accountId, r.region]);
        const m = t.policyResults.get(key);
        t.policyResults.set(key, m ? { ...m, evaluated: m.evaluated + r.evaluated, failed: m.failed + r.failed } : { ...r });
      }
    });
  }

  async policyResults(scanId: string): Promise<PolicyResultRow[]> {
    return [...this.s.read().policyResults.values()]
      .filter((r) => r.scanId === scanId)
      .sort((a, b) => compareText(a.policyId, b.policyId) || compareText(a.accountId, b.accountId) || compareText(a.region, b.region))
      .map((r) => ({ ...r }));
  }
}
