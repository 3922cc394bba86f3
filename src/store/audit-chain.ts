import { auditHash } from '../audit/audit-hash.js';
import type { AuditEvent, AuditEventInput } from '../audit/audit-event.js';
import { canonicalJson } from '../common/stable-hash.js';
import { isoTimestamp } from './iso-timestamp.js';

/** The end of the chain: the last event's seq and hash (0 and GENESIS_HASH before the first). */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** An event linked into the chain, with the canonical JSON of its data that was hashed (and is stored). */
export interface ChainedEvent {
  event: AuditEvent;
  data: string;
}

/**
 * Links events onto the chain after `head`: what every AuditLog implementation stores. The caller
 * holds the chain's lock (the head row, or the fake's writer queue) from reading the head to writing.
 *
 * @example
 * const linked = chainEvents({ seq: 0, hash: GENESIS_HASH }, [input]);
 * linked[0].event.seq; // 1
 */
export const chainEvents = (head: ChainHead, events: readonly AuditEventInput[]): ChainedEvent[] => {
  let seq = head.seq;
  let prevHash = head.hash;
  const out: ChainedEvent[] = [];
  for (const e of events) {
    // Fields named one by one, not spread: spreading the caller's objects (of several shapes) into
    // new ones took half of this loop, ~1 s of the writing thread for a first scan's 121k events.
    const { type, subjectKind, subjectId, actor } = e;
    const at = isoTimestamp(e.at, 'at');
    const payload = e.data ?? {};
    seq += 1;
    // The text that is hashed is the text that is stored: computed once.
    const data = canonicalJson(payload);
    const hash = auditHash(prevHash, seq, { type, subjectKind, subjectId, actor, at, data: payload }, data);
    out.push({ event: { type, subjectKind, subjectId, actor, at, data: payload, seq, prevHash, hash }, data });
    prevHash = hash;
  }
  return out;
};
