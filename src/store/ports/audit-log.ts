import type { AuditEvent, AuditEventInput, ChainRow } from '../../audit/audit-event.js';
import type { Page } from './page.js';

export interface EventQuery extends Page {
  subjectId?: string;
  subjectKind?: AuditEvent['subjectKind'];
  types?: string[];
  afterSeq?: number;
  since?: string;
  /** Events strictly before this instant. */
  until?: string;
}

/** An event as stored, with the exact text of its data that was hashed (what a verifier recomputes). */
export interface StoredAuditEvent extends AuditEvent {
  dataJson: string;
}

/** A point of the chain: a seq and the hash of the record at it (0 and the genesis hash before any). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

/** Where the stored chain starts: the last record retention expired (seq 0 before any expiry). */
export interface ChainAnchor extends ChainPoint {
  /** When the anchor was last moved; null before any expiry. */
  at: string | null;
}

/**
 * The tamper-evident audit trail: an append-only hash chain. Appends are serialised across every
 * writer (threads, processes), so seq has no gaps and each prevHash is the hash stored before it.
 * Append in the same transaction as the state change it records. Nothing updates an event; the only
 * delete is `expire`, which moves the anchor forward first (the databases' triggers enforce both).
 *
 * @example
 * const [e] = await store.audit.append([{ type: 'scan.finished', subjectKind: 'scan', subjectId: scanId, actor: 'scanner', at, data: {} }]);
 * e.hash === auditHash(e.prevHash, e.seq, e); // true
 */
export interface AuditLog {
  /** Appends events to the chain and returns them with seq and hashes (timestamps canonical). */
  append(events: AuditEventInput[]): Promise<AuditEvent[]>;
  /** Events in seq order. */
  list(q?: EventQuery): Promise<AuditEvent[]>;
  /** The last event, or the last of the given types. */
  last(q?: { types?: string[] }): Promise<AuditEvent | undefined>;
  /**
   * Up to `limit` stored events after `afterSeq`, in seq order, with the data text that was hashed:
   * what `vigil audit verify` streams (one page at a time, O(page) memory).
   * @example const page = await store.audit.chain(0, 10_000);
   */
  chain(afterSeq: number, limit: number): Promise<StoredAuditEvent[]>;
  /**
   * {@link chain} as verify reads it: per record its seq, stored hash and the text that hash covers
   * (auditPreimage), no object per record (verify reads ten million).
   * @example const [[seq, hash, preimage]] = await store.audit.chainRows(0, 1); // sha256(preimage) === hash
   */
  chainRows(afterSeq: number, limit: number): Promise<ChainRow[]>;
  /** The chain's recorded end (the `audit_head` row): a truncated tail shows as a head the events do not reach. */
  head(): Promise<ChainPoint>;
  /** Where the stored chain starts. */
  anchor(): Promise<ChainAnchor>;
  /**
   * Retention: moves the anchor to event `upToSeq` (its seq and hash) and deletes every event up to it.
   * Returns the new anchor; a seq at or behind the anchor changes nothing. Record the expiry with an
   * `audit.expired` event in the same transaction.
   * @throws VigilError store.not-found when no stored event has that seq.
   */
  expire(upToSeq: number, at: string): Promise<ChainAnchor>;
}
