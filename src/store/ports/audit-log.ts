import type { AuditEvent, AuditEventInput } from '../../audit/audit-event.js';
import type { Page } from './page.js';

export interface EventQuery extends Page {
  subjectId?: string;
  subjectKind?: AuditEvent['subjectKind'];
  types?: string[];
  afterSeq?: number;
  since?: string;
}

/**
 * The tamper-evident audit trail: an append-only hash chain. Appends are serialised across every
 * writer (threads, processes), so seq has no gaps and each prevHash is the hash stored before it.
 * Append in the same transaction as the state change it records.
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
  last(): Promise<AuditEvent | undefined>;
}
