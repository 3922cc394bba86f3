import type { QuarantinedRecord } from '../../inventory/resource.js';
import { isoTimestamp } from '../iso-timestamp.js';
import { truncateQuarantineRecord, type QuarantineQuery, type QuarantineStore, type StoredQuarantine } from '../ports/quarantine-store.js';
import { pageSlice, type MemorySession } from './memory-tables.js';

/**
 * Quarantined records in memory, numbered in arrival order like the SQL stores' identity column.
 *
 * @example
 * const store = createMemoryStore();
 * await store.quarantine.add([{ source: 'demo', reason: 'missing field "Name"', record: '{}' }], 's1', at);
 */
export class MemoryQuarantineStore implements QuarantineStore {
  constructor(private readonly s: MemorySession) {}

  async add(records: QuarantinedRecord[], scanId: string, at: string): Promise<void> {
    if (records.length === 0) return;
    const when = isoTimestamp(at, 'at');
    await this.s.write((t) => {
      let id = t.quarantine.at(-1)?.id ?? 0;
      for (const r of records) t.quarantine.push({ id: ++id, scanId, at: when, source: r.source, reason: r.reason, record: truncateQuarantineRecord(String(r.record)) });
    });
  }

  async list(q: QuarantineQuery = {}): Promise<StoredQuarantine[]> {
    const rows = this.s.read().quarantine.filter((r) => q.scanId === undefined || r.scanId === q.scanId);
    return pageSlice(rows, q).map((r) => ({ ...r }));
  }
}
