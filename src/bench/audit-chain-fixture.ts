import Database from 'better-sqlite3';
import { auditPreimage, preimageHash } from '../audit/audit-hash.js';
import type { AuditEventInput } from '../audit/audit-event.js';

/**
 * The bench's synthetic audit event number `n`: a violation opened on a bucket, with evidence, about
 * 330 bytes hashed (a realistic record). Ids are zero-padded so index order is insertion order.
 * @example benchAuditEvent(7).subjectId === 'v-000000007'
 */
export const benchAuditEvent = (n: number, at = '2026-11-22T00:00:00.000Z'): AuditEventInput => ({
  type: 'violation.opened',
  subjectKind: 'violation',
  subjectId: `v-${String(n).padStart(9, '0')}`,
  actor: 'scanner',
  at,
  data: { policyId: 's3-bucket-public-access-block', resourceArn: `arn:aws:s3:::bucket-${n}`, evidence: [{ path: 'PublicAccessBlockConfiguration.BlockPublicAcls', expected: 'true', actual: false }] },
});

/** benchAuditEvent's data as canonical JSON (sorted keys), written without canonicalising ten million objects. */
const dataJsonOf = (n: number): string =>
  `{"evidence":[{"actual":false,"expected":"true","path":"PublicAccessBlockConfiguration.BlockPublicAcls"}],"policyId":"s3-bucket-public-access-block","resourceArn":"arn:aws:s3:::bucket-${n}"}`;

/**
 * Extends the audit chain of a closed, migrated SQLite store file to `upTo` events, fast: the verify
 * bench needs ten million records and appending them through the store (its per-batch locking and
 * bookkeeping, ~30,000/s) would take longer than what it measures. It writes what `AuditLog.append`
 * writes (the same preimage and hash, benchAuditEvent's content) on one connection in large
 * transactions with durability off; a wrong record would fail the verify that follows.
 * Bench use only: no other process may use the file meanwhile. A chain already at `upTo` or longer is left as it is.
 *
 * @example
 * extendBenchChain('/tmp/bench/vigil.db', 10_000_000); // { written: 9_000_000, seconds: 41.2 }
 */
export const extendBenchChain = (file: string, upTo: number): { written: number; seconds: number } => {
  const t0 = performance.now();
  const db = new Database(file);
  try {
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const head = db.prepare('select seq, hash from audit_head where id = 1').get() as { seq: number; hash: string };
    const insert = db.prepare('insert into audit_events (seq, prev_hash, hash, type, subject_kind, subject_id, actor, at, data) values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    let prev = head.hash;
    const write = db.transaction((from: number, to: number) => {
      for (let seq = from; seq <= to; seq++) {
        const e = benchAuditEvent(seq - 1);
        const data = dataJsonOf(seq - 1);
        const hash = preimageHash(auditPreimage(prev, seq, e, data));
        insert.run(seq, prev, hash, e.type, e.subjectKind, e.subjectId, e.actor, e.at, data);
        prev = hash;
      }
      db.prepare('update audit_head set seq = ?, hash = ? where id = 1').run(to, prev);
    });
    for (let from = head.seq + 1; from <= upTo; from += 500_000) write(from, Math.min(upTo, from + 499_999));
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { written: Math.max(0, upTo - head.seq), seconds: (performance.now() - t0) / 1000 };
  } finally {
    db.close();
  }
};
