/**
 * One entry of the append-only, hash-chained event log. Every state change (violation opened,
 * reminded, resolved…, scan finished, exception approved, enforcement run) is written as one of these in
 * the same transaction as the change itself, so the trail can never disagree with the state.
 */
export interface AuditEventInput {
  /** Dotted verb, e.g. `violation.opened`, `violation.resolved`, `scan.finished`, `enforcement.succeeded`. */
  type: string;
  subjectKind: 'violation' | 'resource' | 'scan' | 'exception' | 'enforcement' | 'policy' | 'notification' | 'system';
  subjectId: string;
  /** Who did it: `scanner`, `manager`, `enforcer:s3`, `user:alice@example.com`. */
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

export interface AuditEvent extends AuditEventInput {
  /** Position in the chain, 1-based, gap-free. */
  seq: number;
  /** hash of the previous event (64 zeros for the first). */
  prevHash: string;
  /** sha256(prevHash, seq, at, type, subjectKind, subjectId, actor, canonical data). */
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * One stored record as `vigil audit verify` streams it: its seq, its stored hash, and the exact text
 * that hash covers ({@link auditPreimage}: prevHash, seq, at, type, subjectKind, subjectId, actor and the
 * canonical data, NUL-joined). Three values, not an object per record: verify reads ten million.
 * @example const [seq, hash, preimage] = (await store.audit.chainRows(0, 1))[0];
 */
export type ChainRow = readonly [seq: number, hash: string, preimage: string];
