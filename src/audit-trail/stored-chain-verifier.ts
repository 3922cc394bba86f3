import type { KeyObject } from 'node:crypto';
import { AuditChainVerifier } from '../audit/audit-chain-verifier.js';
import { checkpointSignatureValid } from '../audit/checkpoint-signature.js';
import type { AuditCheckpoint, AuditCheckpointStore } from '../store/ports/audit-checkpoint-store.js';
import type { AuditLog, ChainAnchor, ChainPoint } from '../store/ports/audit-log.js';
import { splitChain, VERIFY_PAGE_SIZE, type ChainRange, type ChainRangeResult } from './chain-range.js';

/** Why the stored trail stopped verifying at one record. */
export type AuditBreakReason = 'changed' | 'missing' | 'reordered' | 'unlinked' | 'bad-signature' | 'truncated';

export interface AuditBreak {
  seq: number;
  reason: AuditBreakReason;
  detail: string;
}

export interface AuditVerifyReport {
  ok: boolean;
  /** Events that verified (all of them when ok). */
  checked: number;
  /** Where verification started: the retention anchor (seq 0 before any expiry). */
  anchor: ChainAnchor;
  /** The last verified record. */
  head: ChainPoint;
  /** Checkpoints whose signature and head hash were checked; `unsigned` when no public key was given. */
  checkpoints: { checked: number; unverifiedSignatures: number; latest?: AuditCheckpoint };
  firstBreak?: AuditBreak;
}

export interface VerifyOptions {
  /** Checkpoints' signatures are checked against it; without one only their head hashes are. */
  publicKey?: KeyObject;
  /**
   * Events per read (memory is O(pageSize); default {@link VERIFY_PAGE_SIZE}).
   */
  pageSize?: number;
  onProgress?: (checked: number) => void;
}

/**
 * Streams the stored chain from its anchor in seq pages and names the first broken record: content
 * `changed`, a `missing` seq, a record `unlinked` from its predecessor, a checkpoint with a
 * `bad-signature` or a head hash the chain does not have, or a `truncated` tail (the chain ends before
 * the store's recorded head or a signed checkpoint).
 *
 * @example
 * const report = await verifyStoredChain(store.audit, store.checkpoints, { publicKey });
 * report.ok || console.log(report.firstBreak); // { seq: 5, reason: 'changed', detail: '…' }
 */
export const verifyStoredChain = async (audit: AuditLog, checkpoints: AuditCheckpointStore, opts: VerifyOptions = {}): Promise<AuditVerifyReport> => {
  const pageSize = opts.pageSize ?? VERIFY_PAGE_SIZE;
  const anchor = await audit.anchor();
  const recorded = await audit.head();
  const verifier = new AuditChainVerifier(anchor);
  const cps = checkpointCursor(checkpoints);
  const stats = { checked: 0, unverifiedSignatures: 0 } as { checked: number; unverifiedSignatures: number; latest?: AuditCheckpoint };
  let head: ChainPoint = { seq: anchor.seq, hash: anchor.hash };
  let firstBreak: AuditBreak | undefined;

  const checkCheckpoint = (cp: AuditCheckpoint, at: ChainPoint | undefined): AuditBreak | undefined => {
    stats.checked++;
    stats.latest = cp;
    if (opts.publicKey) {
      if (!checkpointSignatureValid(cp, opts.publicKey)) return { seq: cp.seq, reason: 'bad-signature', detail: `checkpoint at seq ${cp.seq} (key ${cp.keyId}) does not verify with the given public key` };
    } else stats.unverifiedSignatures++;
    if (at && at.hash !== cp.headHash) return { seq: cp.seq, reason: 'changed', detail: `record ${cp.seq} hashes to ${at.hash.slice(0, 12)}…, the signed checkpoint says ${cp.headHash.slice(0, 12)}…` };
    return undefined;
  };

  // Checkpoints at or behind the anchor: their records are gone, their signatures still count.
  for (let cp = await cps.peek(); cp && cp.seq <= anchor.seq && !firstBreak; cp = await cps.peek()) {
    firstBreak = checkCheckpoint(cp, cp.seq === anchor.seq ? anchor : undefined);
    await cps.next();
  }
  let after = anchor.seq;
  let nextCheckpoint = (await cps.peek())?.seq ?? Infinity;
  pages: while (!firstBreak) {
    const page = await audit.chainRows(after, pageSize);
    if (page.length === 0) break;
    for (const r of page) {
      if (!verifier.pushRow(r)) {
        firstBreak = verifier.verdict().firstBreak;
        break pages;
      }
      // The next checkpoint's seq is known: no await (and no object) per event until the chain reaches it.
      if (r[0] < nextCheckpoint) continue;
      head = { seq: r[0], hash: r[1] };
      for (let cp = await cps.peek(); cp && cp.seq <= r[0]; cp = await cps.peek()) {
        firstBreak = cp.seq === r[0] ? checkCheckpoint(cp, head) : { seq: cp.seq, reason: 'missing', detail: `a checkpoint is signed at seq ${cp.seq}, which the chain skips` };
        await cps.next();
        if (firstBreak) break pages;
      }
      nextCheckpoint = (await cps.peek())?.seq ?? Infinity;
    }
    after = page[page.length - 1]![0];
    opts.onProgress?.(verifier.verdict().checked);
  }
  // The verifier walked on from the anchor without a gap: its count and head are the last good record.
  const verdict = verifier.verdict();
  head = { seq: anchor.seq + verdict.checked, hash: verdict.head };
  if (!firstBreak) {
    const beyond = await cps.peek();
    if (beyond) firstBreak = { seq: head.seq + 1, reason: 'truncated', detail: `the chain ends at seq ${head.seq}, but a checkpoint is signed at seq ${beyond.seq}` };
    else if (recorded.seq !== head.seq || recorded.hash !== head.hash) {
      firstBreak = { seq: head.seq + 1, reason: 'truncated', detail: `the chain ends at seq ${head.seq}, but the store's head says seq ${recorded.seq} (${recorded.hash.slice(0, 12)}…)` };
    }
  }
  return { ok: !firstBreak, checked: verdict.checked, anchor, head, checkpoints: stats, ...(firstBreak ? { firstBreak } : {}) };
};

export interface ParallelVerifyOptions {
  publicKey?: KeyObject;
  /** How many ranges the chain is cut into (one per worker thread). */
  ranges: number;
  /** Verifies one range (on a worker thread, with its own database connection). */
  runRange(range: ChainRange, checkpointSeqs: readonly number[]): Promise<ChainRangeResult>;
}

/**
 * The same verdict as {@link verifyStoredChain}, with the chain cut into ranges verified at once (each
 * on a worker thread with its own connection: reading and hashing on every core), then stitched: each
 * range's first record must link to the previous range's last, checkpoints must match the hashes the
 * ranges saw at their seqs, and the chain must reach the recorded head.
 *
 * @example
 * const report = await verifyStoredChainInRanges(store.audit, store.checkpoints, { ranges: 2, runRange, publicKey });
 */
export const verifyStoredChainInRanges = async (audit: AuditLog, checkpoints: AuditCheckpointStore, opts: ParallelVerifyOptions): Promise<AuditVerifyReport> => {
  const anchor = await audit.anchor();
  const recorded = await audit.head();
  const cps: AuditCheckpoint[] = [];
  for (let after = -1; ; ) {
    const page = await checkpoints.list({ afterSeq: after, limit: 1_000 });
    cps.push(...page);
    if (page.length < 1_000) break;
    after = page[page.length - 1]!.seq;
  }
  const wanted = cps.filter((c) => c.seq > anchor.seq).map((c) => c.seq);
  const results = await Promise.all(splitChain(anchor.seq, recorded.seq, opts.ranges).map((r) => opts.runRange(r, wanted.filter((s) => s > r.after && (r.upTo === undefined || s <= r.upTo)))));
  // Stitch: the first break in seq order ends the chain; what lies beyond it is not judged.
  let head: ChainPoint = { seq: anchor.seq, hash: anchor.hash };
  let checked = 0;
  let chainBreak: AuditBreak | undefined;
  const hashes = new Map<number, string>();
  for (const r of results) {
    if (r.first) {
      if (r.first.seq !== head.seq + 1) {
        const gap = r.first.seq - head.seq - 1;
        chainBreak = { seq: head.seq + 1, reason: 'missing', detail: `${gap} record${gap === 1 ? '' : 's'} missing before seq ${r.first.seq}` };
      } else if (r.first.prevHash !== head.hash) {
        chainBreak = { seq: r.first.seq, reason: 'unlinked', detail: `prevHash ${r.first.prevHash.slice(0, 12)}… is not the previous record's hash ${head.hash.slice(0, 12)}…` };
      }
    }
    if (chainBreak) break;
    checked += r.checked;
    for (const [seq, hash] of Object.entries(r.hashesAt)) hashes.set(Number(seq), hash);
    if (r.last) head = r.last;
    if (r.firstBreak) {
      chainBreak = r.firstBreak;
      break;
    }
    // A range that ends short of its upper end leaves a gap the next range's first record shows.
  }
  const stats = { checked: 0, unverifiedSignatures: 0 } as { checked: number; unverifiedSignatures: number; latest?: AuditCheckpoint };
  let cpBreak: AuditBreak | undefined;
  for (const cp of cps) {
    if (chainBreak && cp.seq >= chainBreak.seq) break;
    if (cp.seq > head.seq) {
      if (!chainBreak) cpBreak = { seq: head.seq + 1, reason: 'truncated', detail: `the chain ends at seq ${head.seq}, but a checkpoint is signed at seq ${cp.seq}` };
      break;
    }
    stats.checked++;
    stats.latest = cp;
    if (opts.publicKey) {
      if (!checkpointSignatureValid(cp, opts.publicKey)) cpBreak = { seq: cp.seq, reason: 'bad-signature', detail: `checkpoint at seq ${cp.seq} (key ${cp.keyId}) does not verify with the given public key` };
    } else stats.unverifiedSignatures++;
    const at = cp.seq === anchor.seq ? anchor.hash : cp.seq > anchor.seq ? hashes.get(cp.seq) : undefined;
    if (!cpBreak && cp.seq > anchor.seq && at === undefined) cpBreak = { seq: cp.seq, reason: 'missing', detail: `a checkpoint is signed at seq ${cp.seq}, which the chain skips` };
    else if (!cpBreak && at !== undefined && at !== cp.headHash) cpBreak = { seq: cp.seq, reason: 'changed', detail: `record ${cp.seq} hashes to ${at.slice(0, 12)}…, the signed checkpoint says ${cp.headHash.slice(0, 12)}…` };
    if (cpBreak) break;
  }
  let firstBreak = cpBreak && (!chainBreak || cpBreak.seq <= chainBreak.seq) ? cpBreak : chainBreak;
  if (!firstBreak && (recorded.seq !== head.seq || recorded.hash !== head.hash)) {
    firstBreak = { seq: head.seq + 1, reason: 'truncated', detail: `the chain ends at seq ${head.seq}, but the store's head says seq ${recorded.seq} (${recorded.hash.slice(0, 12)}…)` };
  }
  // Events verified before the first break (all of them when none).
  const before = firstBreak ? Math.min(checked, Math.max(0, firstBreak.seq - 1 - anchor.seq)) : checked;
  const last = firstBreak && firstBreak.seq <= head.seq ? { seq: firstBreak.seq - 1, hash: hashes.get(firstBreak.seq - 1) ?? head.hash } : head;
  return { ok: !firstBreak, checked: before, anchor, head: last, checkpoints: stats, ...(firstBreak ? { firstBreak } : {}) };
};

/** Checkpoints in seq order, read a page at a time. */
const checkpointCursor = (store: AuditCheckpointStore) => {
  let buf: AuditCheckpoint[] = [];
  let after = -1;
  let done = false;
  const fill = async () => {
    if (buf.length || done) return;
    buf = await store.list({ afterSeq: after, limit: 1_000 });
    if (buf.length === 0) done = true;
    else after = buf[buf.length - 1]!.seq;
  };
  return {
    async peek(): Promise<AuditCheckpoint | undefined> {
      await fill();
      return buf[0];
    },
    async next(): Promise<void> {
      await fill();
      buf.shift();
    },
  };
};
