import { AuditChainVerifier, type ChainBreak } from '../audit/audit-chain-verifier.js';
import type { ChainRow } from '../audit/audit-event.js';
import type { AuditLog, ChainPoint } from '../store/ports/audit-log.js';

/**
 * Events verify reads per query. Small enough that a page dies young: at 20,000 a page outlived the
 * young generation and half the CPU went to collecting it (1M events: 6.5 s of CPU at 20,000, 2.7 s at 2,000).
 */
export const VERIFY_PAGE_SIZE = 2_000;

/** A slice of the chain to verify: the events with `after` < seq ≤ `upTo` (no upper end: to the chain's end). */
export interface ChainRange {
  after: number;
  upTo?: number;
}

/** What `vigil audit verify` hands a worker thread: which store, which slice, which seqs' hashes to report. */
export interface ChainRangeWorkerInput {
  /** The store the parent verifies (already migrated by it). */
  storeUrl: string;
  range: ChainRange;
  wantAt: number[];
  pageSize: number;
}

/**
 * What verifying one slice found. Inside the slice every link and hash is checked; whether its first
 * record links to the previous slice's last one is for the caller to check (`first.prevHash`).
 */
export interface ChainRangeResult {
  range: ChainRange;
  first?: { seq: number; prevHash: string };
  /** The last record that verified. */
  last?: ChainPoint;
  checked: number;
  firstBreak?: ChainBreak;
  /** The hash of each record whose seq was asked for (checkpoint seqs), when the slice holds it. */
  hashesAt: Record<number, string>;
}

/**
 * Verifies the events of one range, read `pageSize` at a time through `audit.chain`: what one worker
 * thread of `vigil audit verify` does over its share of the chain.
 *
 * @example
 * const r = await verifyChainRange(store.audit, { after: 0, upTo: 5_000_000 }, [10_000, 20_000]);
 * r.firstBreak ?? r.last; // { seq: 5000000, hash: '…' }
 */
export const verifyChainRange = async (audit: Pick<AuditLog, 'chainRows'>, range: ChainRange, wantAt: readonly number[], pageSize = VERIFY_PAGE_SIZE): Promise<ChainRangeResult> => {
  const want = new Set(wantAt);
  const out: ChainRangeResult = { range, checked: 0, hashesAt: {} };
  let verifier: AuditChainVerifier | undefined;
  let last: ChainRow | undefined;
  for (let after = range.after; range.upTo === undefined || after < range.upTo; ) {
    const limit = range.upTo === undefined ? pageSize : Math.min(pageSize, range.upTo - after);
    const page = await audit.chainRows(after, limit);
    if (page.length === 0) break;
    for (const r of page) {
      if (range.upTo !== undefined && r[0] > range.upTo) return done(out, verifier, last);
      // The slice's first record is taken at its word for its predecessor; the caller checks that link.
      if (!verifier) {
        const prevHash = r[2].slice(0, Math.max(0, r[2].indexOf('\u0000')));
        out.first = { seq: r[0], prevHash };
        verifier = new AuditChainVerifier({ seq: range.after, hash: prevHash });
      }
      if (!verifier.pushRow(r)) return done(out, verifier, last);
      last = r;
      if (want.size && want.has(r[0])) out.hashesAt[r[0]] = r[1];
    }
    after = page[page.length - 1]![0];
  }
  return done(out, verifier, last);
};

const done = (out: ChainRangeResult, verifier: AuditChainVerifier | undefined, last: ChainRow | undefined): ChainRangeResult => {
  if (!verifier) return out;
  const v = verifier.verdict();
  return { ...out, ...(last ? { last: { seq: last[0], hash: last[1] } } : {}), checked: v.checked, ...(v.firstBreak ? { firstBreak: v.firstBreak } : {}) };
};

/**
 * Splits the chain after the anchor into `n` ranges of about equal size up to the recorded head; the
 * last one has no upper end (events past the recorded head are verified too, then reported).
 * @example splitChain(0, 10, 2); // [{ after: 0, upTo: 5 }, { after: 5 }]
 */
export const splitChain = (anchorSeq: number, headSeq: number, n: number): ChainRange[] => {
  const size = Math.max(1, Math.ceil((headSeq - anchorSeq) / n));
  const out: ChainRange[] = [];
  for (let after = anchorSeq; out.length < n - 1 && after + size < headSeq; after += size) out.push({ after, upTo: after + size });
  out.push({ after: out.length ? out[out.length - 1]!.upTo! : anchorSeq });
  return out;
};
