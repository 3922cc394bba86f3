import { auditPreimage } from '../../audit/audit-hash.js';
import { newPersonKey, openPeople, sealPeople, type PersonKey, type PersonKeyRing } from '../../audit/personal-data-seal.js';
import type { AuditEvent, AuditEventInput, ChainRow } from '../../audit/audit-event.js';
import { canonicalJson } from '../../common/stable-hash.js';
import { chainEvents } from '../audit-chain.js';
import { isoTimestamp } from '../iso-timestamp.js';
import type { AuditLog, ChainAnchor, ChainPoint, EventQuery, StoredAuditEvent } from '../ports/audit-log.js';
import { auditEventNotFound } from '../store-errors.js';
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
    const sealed = await sealPeople(events, this.#ring());
    return this.s.write((t) => {
      const linked = chainEvents(t.head, sealed).map((l) => ({ ...l.event, data: JSON.parse(l.data) as Record<string, unknown> }));
      const last = linked[linked.length - 1] as AuditEvent;
      t.events.push(...linked);
      t.head = { seq: last.seq, hash: last.hash };
      return structuredClone(linked);
    });
  }

  async list(q: EventQuery = {}): Promise<AuditEvent[]> {
    const since = q.since === undefined ? undefined : isoTimestamp(q.since, 'since');
    const until = q.until === undefined ? undefined : isoTimestamp(q.until, 'until');
    const rows = this.s.read().events.filter(
      (e) =>
        (q.subjectId === undefined || e.subjectId === q.subjectId) &&
        (q.subjectKind === undefined || e.subjectKind === q.subjectKind) &&
        (!q.types || q.types.includes(e.type)) &&
        (q.afterSeq === undefined || e.seq > q.afterSeq) &&
        (since === undefined || e.at >= since) &&
        (until === undefined || e.at < until),
    );
    return openPeople(structuredClone(pageSlice(rows, q)), this.#ring());
  }

  async last(q: { types?: string[] } = {}): Promise<AuditEvent | undefined> {
    const events = this.s.read().events;
    const e = q.types ? events.findLast((x) => q.types!.includes(x.type)) : events.at(-1);
    return e && (await openPeople([structuredClone(e)], this.#ring()))[0];
  }

  async chain(afterSeq: number, limit: number): Promise<StoredAuditEvent[]> {
    const events = this.s.read().events;
    const from = events.findIndex((e) => e.seq > afterSeq);
    if (from < 0) return [];
    return events.slice(from, from + limit).map((e) => ({ ...structuredClone(e), dataJson: canonicalJson(e.data) }));
  }

  async chainRows(afterSeq: number, limit: number): Promise<ChainRow[]> {
    return (await this.chain(afterSeq, limit)).map((e) => [e.seq, e.hash, auditPreimage(e.prevHash, e.seq, e, e.dataJson)]);
  }

  async head(): Promise<ChainPoint> {
    return { ...this.s.read().head };
  }

  async anchor(): Promise<ChainAnchor> {
    return { ...this.s.read().anchor };
  }

  async expire(upToSeq: number, at: string): Promise<ChainAnchor> {
    const when = isoTimestamp(at, 'at');
    return this.s.write((t) => {
      if (upToSeq <= t.anchor.seq) return { ...t.anchor };
      const last = t.events.find((e) => e.seq === upToSeq);
      if (!last) throw auditEventNotFound(upToSeq);
      t.anchor = { seq: upToSeq, hash: last.hash, at: when };
      t.events = t.events.filter((e) => e.seq > upToSeq);
      return { ...t.anchor };
    });
  }

  /** The person keys (the `personKeys` table); missing ones are created in a write of their own. */
  #ring(): PersonKeyRing {
    return {
      keysFor: (refs) =>
        this.s.write((t) => {
          for (const ref of refs) if (!t.personKeys.has(ref)) t.personKeys.set(ref, newPersonKey());
          return new Map(refs.map((ref): [string, PersonKey] => [ref, t.personKeys.get(ref)!]));
        }),
      keysById: async (ids) => {
        const wanted = new Set(ids);
        return new Map([...this.s.read().personKeys.values()].filter((k) => wanted.has(k.keyId)).map((k) => [k.keyId, k.key]));
      },
    };
  }
}
