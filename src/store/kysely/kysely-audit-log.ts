import type { AuditEvent, AuditEventInput } from '../../audit/audit-event.js';
import { chainEvents } from '../audit-chain.js';
import { isoTimestamp } from '../iso-timestamp.js';
import type { AuditLog, EventQuery } from '../ports/audit-log.js';
import type { KyselySession } from './kysely-session.js';
import { toAuditEvent } from './row-mappers.js';
import { pageOf } from './store-filters.js';

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
      const linked = chainEvents({ seq: Number(head.seq), hash: head.hash }, events);
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
    const rows = await qb.orderBy('seq').limit(limit).offset(offset).execute();
    return rows.map(toAuditEvent);
  }

  async last(): Promise<AuditEvent | undefined> {
    const row = await this.s.db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row && toAuditEvent(row);
  }
}
