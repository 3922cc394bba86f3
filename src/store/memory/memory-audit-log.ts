import type { AuditEvent, AuditEventInput } from '../../audit/audit-event.js';
import { chainEvents } from '../audit-chain.js';
import { isoTimestamp } from '../iso-timestamp.js';
import type { AuditLog, EventQuery } from '../ports/audit-log.js';
import { pageSlice, type MemorySession } from './memory-tables.js';

/**
 * The audit hash chain in memory: the same chain (chainEvents) as the SQL stores; appends are
 * serialised by the fake's writer queue instead of a row lock.
 *
 * @example
 * const store = createMemoryStore();
 * (await store.audit.append([event]))[0]?.seq; // 1
 */
export class MemoryAuditLog implements AuditLog {
  constructor(private readonly s: MemorySession) {}

  async append(events: AuditEventInput[]): Promise<AuditEvent[]> {
    if (events.length === 0) return [];
    return this.s.write((t) => {
      const linked = chainEvents(t.head, events).map((l) => ({ ...l.event, data: JSON.parse(l.data) as Record<string, unknown> }));
      const last = linked[linked.length - 1] as AuditEvent;
      t.events.push(...linked);
      t.head = { seq: last.seq, hash: last.hash };
      return structuredClone(linked);
    });
  }

  async list(q: EventQuery = {}): Promise<AuditEvent[]> {
    const since = q.since === undefined ? undefined : isoTimestamp(q.since, 'since');
    const rows = this.s.read().events.filter(
      (e) =>
        (q.subjectId === undefined || e.subjectId === q.subjectId) &&
        (q.subjectKind === undefined || e.subjectKind === q.subjectKind) &&
        (!q.types || q.types.includes(e.type)) &&
        (q.afterSeq === undefined || e.seq > q.afterSeq) &&
        (since === undefined || e.at >= since),
    );
    return structuredClone(pageSlice(rows, q));
  }

  async last(): Promise<AuditEvent | undefined> {
    const e = this.s.read().events.at(-1);
    return e && structuredClone(e);
  }
}
