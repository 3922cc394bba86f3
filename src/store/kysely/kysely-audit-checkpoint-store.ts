import type { AuditCheckpoint, AuditCheckpointStore } from '../ports/audit-checkpoint-store.js';
import type { Page } from '../ports/page.js';
import type { KyselySession } from './kysely-session.js';
import { pageOf } from './store-filters.js';
import type { Selectable } from 'kysely';
import type { AuditCheckpointsTable } from '../database-schema.js';

const toCheckpoint = (r: Selectable<AuditCheckpointsTable>): AuditCheckpoint => ({
  seq: Number(r.seq), headHash: r.head_hash, at: r.at, keyId: r.key_id, signature: r.signature,
});

/**
 * Signed checkpoints over Kysely; the table's triggers refuse UPDATE and DELETE.
 * @example await new KyselyAuditCheckpointStore(session).add(cp);
 */
export class KyselyAuditCheckpointStore implements AuditCheckpointStore {
  constructor(private readonly s: KyselySession) {}

  async add(cp: AuditCheckpoint): Promise<void> {
    await this.s.write((db) =>
      db.insertInto('audit_checkpoints').values({ seq: cp.seq, head_hash: cp.headHash, at: cp.at, key_id: cp.keyId, signature: cp.signature }).execute(),
    );
  }

  async list(q: Page & { afterSeq?: number; uptoSeq?: number } = {}): Promise<AuditCheckpoint[]> {
    const { limit, offset } = pageOf(q);
    let qb = this.s.db.selectFrom('audit_checkpoints').selectAll();
    if (q.afterSeq !== undefined) qb = qb.where('seq', '>', q.afterSeq);
    if (q.uptoSeq !== undefined) qb = qb.where('seq', '<=', q.uptoSeq);
    return (await qb.orderBy('seq').limit(limit).offset(offset).execute()).map(toCheckpoint);
  }

  async latest(): Promise<AuditCheckpoint | undefined> {
    const r = await this.s.db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return r && toCheckpoint(r);
  }
}
