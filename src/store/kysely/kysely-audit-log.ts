import { auditPreimage } from '../../audit/audit-hash.js';
import { newPersonKey, openPeople, sealPeople, type PersonKey, type PersonKeyRing } from '../../audit/personal-data-seal.js';
import type { AuditEvent, AuditEventInput, ChainRow } from '../../audit/audit-event.js';
import { canonicalJson } from '../../common/stable-hash.js';
import { chainEvents } from '../audit-chain.js';
import { isoTimestamp } from '../iso-timestamp.js';
import type { AuditLog, ChainAnchor, ChainPoint, EventQuery, StoredAuditEvent } from '../ports/audit-log.js';
import { auditEventNotFound } from '../store-errors.js';
import { IN_CHUNK, type Db, type KyselySession } from './kysely-session.js';
import { toAuditEvent } from './row-mappers.js';
import { pageOf } from './store-filters.js';

/**
 * Verify's page on SQLite: each record's preimage (auditPreimage's text, byte for byte) joined by
 * SQLite, so one string per record crosses into JavaScript instead of eight (1M records read and
 * hashed: 2.1 s of CPU, against 2.8 s for the columns joined in JavaScript). Keyset paging on seq,
 * which is SQLite's rowid.
 */
const SQLITE_CHAIN_ROWS =
  'select seq, hash, prev_hash || char(0) || seq || char(0) || at || char(0) || type || char(0) || subject_kind || char(0) || subject_id || char(0) || actor || char(0) || data from audit_events where seq > ? order by seq limit ?';

/**
 * The audit hash chain over Kysely. The chain's head is one row (`audit_head`) whose lock serialises
 * appends across every process on the database.
 *
 * @example
 * const audit = new KyselyAuditLog(session);
 * await audit.append([{ type: 'scan.finished', subjectKind: 'scan', subjectId: id, actor: 'scanner', at, data: {} }]);
 */
export class KyselyAuditLog implements AuditLog {
  constructor(private readonly s: KyselySession) {}

  async append(events: AuditEventInput[]): Promise<AuditEvent[]> {
    if (events.length === 0) return [];
    return this.s.write(async (db) => {
      // The no-op update takes the head row's lock until commit: appends from every process queue
      // here, so seq stays gap-free and each prevHash is the hash actually stored before it.
      const head = await db
        .updateTable('audit_head')
        .set((eb) => ({ seq: eb.ref('seq') }))
        .where('id', '=', 1)
        .returning(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      // People are sealed under their own keys (in this transaction) before they are hashed.
      const sealed = await sealPeople(events, keyRing(db, events[0]!.at));
      const linked = chainEvents({ seq: Number(head.seq), hash: head.hash }, sealed);
      const rows = linked.map(({ event: e, data }) => ({
        seq: e.seq, prev_hash: e.prevHash, hash: e.hash, type: e.type, subject_kind: e.subjectKind, subject_id: e.subjectId, actor: e.actor, at: e.at, data,
      }));
      await this.s.insertRows(db, 'audit_events', rows, 10);
      const last = linked[linked.length - 1]!.event;
      await db.updateTable('audit_head').set({ seq: last.seq, hash: last.hash }).where('id', '=', 1).execute();
      return linked.map((l) => l.event);
    });
  }

  async list(q: EventQuery = {}): Promise<AuditEvent[]> {
    const { limit, offset } = pageOf(q);
    let qb = this.s.db.selectFrom('audit_events').selectAll();
    if (q.subjectId !== undefined) qb = qb.where('subject_id', '=', q.subjectId);
    if (q.subjectKind !== undefined) qb = qb.where('subject_kind', '=', q.subjectKind);
    if (q.types) qb = qb.where((eb) => (q.types!.length ? eb('type', 'in', q.types!) : eb.or([])));
    if (q.afterSeq !== undefined) qb = qb.where('seq', '>', q.afterSeq);
    if (q.since !== undefined) qb = qb.where('at', '>=', isoTimestamp(q.since, 'since'));
    if (q.until !== undefined) qb = qb.where('at', '<', isoTimestamp(q.until, 'until'));
    const rows = await qb.orderBy('seq').limit(limit).offset(offset).execute();
    return openPeople(rows.map(toAuditEvent), keyRing(this.s.db));
  }

  async last(q: { types?: string[] } = {}): Promise<AuditEvent | undefined> {
    let qb = this.s.db.selectFrom('audit_events').selectAll();
    if (q.types) qb = qb.where((eb) => (q.types!.length ? eb('type', 'in', q.types!) : eb.or([])));
    const row = await qb.orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row && (await openPeople([toAuditEvent(row)], keyRing(this.s.db)))[0];
  }

  async chain(afterSeq: number, limit: number): Promise<StoredAuditEvent[]> {
    const rows = await this.s.db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    // SQLite hands back the stored text (hashed as is); PostgreSQL's jsonb comes back parsed and is
    // re-canonicalised (jsonb keeps no key order or spacing, only the value, which is what was hashed).
    return rows.map((r) => {
      const dataJson = typeof r.data === 'string' ? r.data : canonicalJson(r.data);
      return {
        seq: Number(r.seq), prevHash: r.prev_hash, hash: r.hash, type: r.type, subjectKind: r.subject_kind as AuditEvent['subjectKind'],
        subjectId: r.subject_id, actor: r.actor, at: r.at, data: {}, dataJson,
      };
    });
  }

  async chainRows(afterSeq: number, limit: number): Promise<ChainRow[]> {
    const read = this.s.dialect.readPrepared;
    if (read) return read(SQLITE_CHAIN_ROWS, [afterSeq, limit]) as unknown as ChainRow[];
    // PostgreSQL cannot hold a NUL in text, so the preimage is joined here; jsonb comes back parsed
    // and is re-canonicalised (it keeps the value that was hashed, not its key order or spacing).
    const rows = await this.s.db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map((r) => {
      const seq = Number(r.seq);
      const e = { at: r.at, type: r.type, subjectKind: r.subject_kind as AuditEvent['subjectKind'], subjectId: r.subject_id, actor: r.actor, data: {} };
      return [seq, r.hash, auditPreimage(r.prev_hash, seq, e, typeof r.data === 'string' ? r.data : canonicalJson(r.data))];
    });
  }

  async head(): Promise<ChainPoint> {
    const r = await this.s.db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
    return { seq: Number(r.seq), hash: r.hash };
  }

  async anchor(): Promise<ChainAnchor> {
    const r = await this.s.db.selectFrom('audit_anchor').select(['seq', 'hash', 'at']).where('id', '=', 1).executeTakeFirstOrThrow();
    return { seq: Number(r.seq), hash: r.hash, at: r.at };
  }

  async expire(upToSeq: number, at: string): Promise<ChainAnchor> {
    const when = isoTimestamp(at, 'at');
    return this.s.write(async (db) => {
      const current = await db.selectFrom('audit_anchor').select(['seq', 'hash', 'at']).where('id', '=', 1).executeTakeFirstOrThrow();
      if (upToSeq <= Number(current.seq)) return { seq: Number(current.seq), hash: current.hash, at: current.at };
      const last = await db.selectFrom('audit_events').select(['seq', 'hash']).where('seq', '=', upToSeq).executeTakeFirst();
      if (!last) throw auditEventNotFound(upToSeq);
      // Anchor first: the delete triggers let through only events at or behind it.
      await db.updateTable('audit_anchor').set({ seq: upToSeq, hash: last.hash, at: when }).where('id', '=', 1).execute();
      await db.deleteFrom('audit_events').where('seq', '<=', upToSeq).execute();
      return { seq: upToSeq, hash: last.hash, at: when };
    });
  }
}

/** The person keys in `audit_person_keys` (migration 0012), read and created through `db`. */
const keyRing = (db: Db, createdAt = ''): PersonKeyRing => ({
  async keysFor(refs) {
    const out = new Map<string, PersonKey>();
    for (let i = 0; i < refs.length; i += IN_CHUNK) {
      const rows = await db.selectFrom('audit_person_keys').select(['key_id', 'person_ref', 'key']).where('person_ref', 'in', refs.slice(i, i + IN_CHUNK)).execute();
      for (const r of rows) out.set(r.person_ref, { keyId: r.key_id, key: Buffer.from(r.key, 'base64') });
    }
    const missing = refs.filter((r) => !out.has(r));
    for (const ref of missing) out.set(ref, newPersonKey());
    if (missing.length) {
      const rows = missing.map((ref) => ({ key_id: out.get(ref)!.keyId, person_ref: ref, key: out.get(ref)!.key.toString('base64'), created_at: createdAt }));
      for (let i = 0; i < rows.length; i += 1_000) await db.insertInto('audit_person_keys').values(rows.slice(i, i + 1_000)).execute();
    }
    return out;
  },
  async keysById(ids) {
    const out = new Map<string, Buffer>();
    for (let i = 0; i < ids.length; i += IN_CHUNK) {
      const rows = await db.selectFrom('audit_person_keys').select(['key_id', 'key']).where('key_id', 'in', ids.slice(i, i + IN_CHUNK)).execute();
      for (const r of rows) out.set(r.key_id, Buffer.from(r.key, 'base64'));
    }
    return out;
  },
});
