import type { QuarantinedRecord } from '../../inventory/resource.js';
import { isoTimestamp } from '../iso-timestamp.js';
import { truncateQuarantineRecord, type QuarantineQuery, type QuarantineStore, type StoredQuarantine } from '../ports/quarantine-store.js';
import type { KyselySession } from './kysely-session.js';
import { toQuarantine } from './row-mappers.js';
import { chunk, pageOf } from './store-filters.js';

/**
 * Quarantined records over Kysely.
 *
 * @example
 * const quarantine = new KyselyQuarantineStore(session);
 * await quarantine.add([{ source: 'file:inv.jsonl:3', reason: 'missing arn', record }], scanId, at);
 */
export class KyselyQuarantineStore implements QuarantineStore {
  constructor(private readonly s: KyselySession) {}

  async add(records: QuarantinedRecord[], scanId: string, at: string): Promise<void> {
    if (records.length === 0) return;
    const when = isoTimestamp(at, 'at');
    const rows = records.map((r) => ({ scan_id: scanId, at: when, source: r.source, reason: r.reason, record: truncateQuarantineRecord(String(r.record)) }));
    await this.s.write(async (db) => {
      for (const part of chunk(rows, Math.floor(this.s.dialect.maxParams / 5))) await db.insertInto('quarantine').values(part).execute();
    });
  }

  async list(q: QuarantineQuery = {}): Promise<StoredQuarantine[]> {
    const { limit, offset } = pageOf(q);
    let qb = this.s.db.selectFrom('quarantine').selectAll();
    if (q.scanId !== undefined) qb = qb.where('scan_id', '=', q.scanId);
    const rows = await qb.orderBy('id').limit(limit).offset(offset).execute();
    return rows.map(toQuarantine);
  }
}
