import type { KeyObject } from 'node:crypto';
import { AuditChainVerifier } from '../audit/audit-chain-verifier.js';
import { checkpointSignatureValid } from '../audit/checkpoint-signature.js';
import type { AuditCheckpoint, AuditCheckpointStore } from '../store/ports/audit-checkpoint-store.js';
import type { AuditLog, ChainAnchor, ChainPoint } from '../store/ports/audit-log.js';

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
  /** Events per read (memory is O(pageSize)). */
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
  const pageSize = opts.pageSize ?? 20_000;
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
    const page = await audit.chain(after, pageSize);
    if (page.length === 0) break;
    for (const e of page) {
      if (!verifier.push(e, e.dataJson)) {
        firstBreak = verifier.verdict().firstBreak;
        break pages;
      }
      head = { seq: e.seq, hash: e.hash };
      // The next checkpoint's seq is known: no await per event until the chain reaches it.
      if (e.seq < nextCheckpoint) continue;
      for (let cp = await cps.peek(); cp && cp.seq <= e.seq; cp = await cps.peek()) {
        firstBreak = cp.seq === e.seq ? checkCheckpoint(cp, head) : { seq: cp.seq, reason: 'missing', detail: `a checkpoint is signed at seq ${cp.seq}, which the chain skips` };
        await cps.next();
        if (firstBreak) break pages;
      }
      nextCheckpoint = (await cps.peek())?.seq ?? Infinity;
    }
    after = page[page.length - 1]!.seq;
    opts.onProgress?.(verifier.verdict().checked);
  }
  if (!firstBreak) {
    const beyond = await cps.peek();
    if (beyond) firstBreak = { seq: head.seq + 1, reason: 'truncated', detail: `the chain ends at seq ${head.seq}, but a checkpoint is signed at seq ${beyond.seq}` };
    else if (recorded.seq !== head.seq || recorded.hash !== head.hash) {
      firstBreak = { seq: head.seq + 1, reason: 'truncated', detail: `the chain ends at seq ${head.seq}, but the store's head says seq ${recorded.seq} (${recorded.hash.slice(0, 12)}…)` };
    }
  }
  return { ok: !firstBreak, checked: verifier.verdict().checked, anchor, head, checkpoints: stats, ...(firstBreak ? { firstBreak } : {}) };
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
