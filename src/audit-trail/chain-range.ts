import { AuditChainVerifier, type ChainBreak } from '../audit/audit-chain-verifier.js';
import type { AuditLog, ChainPoint } from '../store/ports/audit-log.js';

/** A slice of the chain to verify: the events with `after` < seq ≤ `upTo` (no upper end: to the chain's end). */
export interface ChainRange {
  after: number;
  upTo?: number;
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
export const verifyChainRange = async (audit: Pick<AuditLog, 'chain'>, range: ChainRange, wantAt: readonly number[], pageSize = 20_000): Promise<ChainRangeResult> => {
  const want = new Set(wantAt);
  const out: ChainRangeResult = { range, checked: 0, hashesAt: {} };
  let verifier: AuditChainVerifier | undefined;
  for (let after = range.after; range.upTo === undefined || after < range.upTo; ) {
    const limit = range.upTo === undefined ? pageSize : Math.min(pageSize, range.upTo - after);
    const page = await audit.chain(after, limit);
    if (page.length === 0) break;
    for (const e of page) {
      if (range.upTo !== undefined && e.seq > range.upTo) return done(out, verifier);
      // The slice's first record is taken at its word for its predecessor; the caller checks that link.
      if (!verifier) {
        out.first = { seq: e.seq, prevHash: e.prevHash };
        verifier = new AuditChainVerifier({ seq: range.after, hash: e.prevHash });
      }
      if (!verifier.push(e, e.dataJson)) return done(out, verifier);
      out.last = { seq: e.seq, hash: e.hash };
      if (want.has(e.seq)) out.hashesAt[e.seq] = e.hash;
    }
    after = page[page.length - 1]!.seq;
  }
  return done(out, verifier);
};

const done = (out: ChainRangeResult, verifier: AuditChainVerifier | undefined): ChainRangeResult => {
  if (!verifier) return out;
  const v = verifier.verdict();
  return { ...out, checked: v.checked, ...(v.firstBreak ? { firstBreak: v.firstBreak } : {}) };
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
