import type { AuditCheckpointStore } from '../store/ports/audit-checkpoint-store.js';
import type { AuditLog } from '../store/ports/audit-log.js';
import { isoTimestamp } from '../store/iso-timestamp.js';

/** One line of an export (JSON Lines), `record` says which. */
export type ExportRecord =
  | { record: 'header'; format: 'vigil-audit-export/1'; from: string | null; to: string | null; generatedAt: string; keyId: string | null }
  | { record: 'anchor'; seq: number; hash: string }
  | { record: 'event'; seq: number; prevHash: string; hash: string; type: string; subjectKind: string; subjectId: string; actor: string; at: string; data: unknown }
  | { record: 'checkpoint'; seq: number; headHash: string; at: string; keyId: string; signature: string }
  | { record: 'end'; firstSeq: number | null; lastSeq: number | null; events: number; checkpoints: number };

export interface ExportRange {
  /** The first event exported is the first with `at` ≥ from (ISO date or instant). */
  from?: string;
  /** Export stops before the first event with `at` ≥ to. */
  to?: string;
  generatedAt: string;
  keyId?: string;
}

/**
 * Writes a contiguous stretch of the chain as JSON Lines an auditor verifies offline
 * (scripts/verify-audit-export.mjs, docs/audit.md): a header, the anchor (seq and hash of the record
 * just before the first exported one), the events in seq order, the signed checkpoints that fall in
 * the range, and an end record with the counts. Reads in pages: memory stays flat at any size.
 *
 * @example
 * for await (const line of exportAuditTrail(store.audit, store.checkpoints, { from: '2026-01-01', to: '2026-02-01', generatedAt })) out.write(line);
 */
export async function* exportAuditTrail(audit: AuditLog, checkpoints: AuditCheckpointStore, range: ExportRange, pageSize = 10_000): AsyncGenerator<string> {
  const from = range.from === undefined ? undefined : isoTimestamp(range.from, 'from');
  const to = range.to === undefined ? undefined : isoTimestamp(range.to, 'to');
  const line = (r: ExportRecord): string => `${JSON.stringify(r)}\n`;
  yield line({ record: 'header', format: 'vigil-audit-export/1', from: from ?? null, to: to ?? null, generatedAt: range.generatedAt, keyId: range.keyId ?? null });
  const anchor = await audit.anchor();
  const first = from === undefined ? (await audit.chain(anchor.seq, 1))[0] : (await audit.list({ since: from, limit: 1 }))[0];
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  let events = 0;
  let cps = 0;
  if (first && (to === undefined || first.at < to)) {
    firstSeq = first.seq;
    yield line({ record: 'anchor', seq: first.seq - 1, hash: first.seq - 1 === anchor.seq ? anchor.hash : await hashAt(audit, first.seq - 1) });
    let after = first.seq - 1;
    outer: for (;;) {
      const page = await audit.chain(after, pageSize);
      if (page.length === 0) break;
      for (const e of page) {
        if (to !== undefined && e.at >= to) break outer;
        yield line({ record: 'event', seq: e.seq, prevHash: e.prevHash, hash: e.hash, type: e.type, subjectKind: e.subjectKind, subjectId: e.subjectId, actor: e.actor, at: e.at, data: JSON.parse(e.dataJson) });
        lastSeq = e.seq;
        events++;
      }
      after = page[page.length - 1]!.seq;
    }
    if (lastSeq !== null) {
      for (const cp of await checkpoints.list({ afterSeq: firstSeq - 1, uptoSeq: lastSeq })) {
        yield line({ record: 'checkpoint', ...cp });
        cps++;
      }
    }
  }
  yield line({ record: 'end', firstSeq, lastSeq: lastSeq ?? (firstSeq === null ? null : firstSeq - 1), events, checkpoints: cps });
}

/** The hash of the stored record at `seq` (the stored chain's own prevHash of the next record is not evidence of it). */
const hashAt = async (audit: AuditLog, seq: number): Promise<string> => {
  const [e] = await audit.chain(seq - 1, 1);
  if (!e || e.seq !== seq) throw new Error(`audit export: the record before the range (seq ${seq}) is not in the store`);
  return e.hash;
};
