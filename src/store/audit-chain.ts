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
    const input: AuditEventInput = { ...e, at: isoTimestamp(e.at, 'at'), data: e.data ?? {} };
    seq += 1;
    // The text that is hashed is the text that is stored: computed once.
    const data = canonicalJson(input.data);
    const hash = auditHash(prevHash, seq, input, data);
    out.push({ event: { ...input, seq, prevHash, hash }, data });
    prevHash = hash;
  }
  return out;
};
