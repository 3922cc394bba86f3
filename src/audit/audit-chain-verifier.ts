import { auditHash } from './audit-hash.js';
import { GENESIS_HASH, type AuditEvent } from './audit-event.js';

/** Why a chain stopped verifying at one record. */
export type ChainBreak =
  | { seq: number; reason: 'changed'; detail: string }
  | { seq: number; reason: 'missing'; detail: string }
  | { seq: number; reason: 'reordered'; detail: string }
  | { seq: number; reason: 'unlinked'; detail: string };

export interface ChainVerdict {
  ok: boolean;
  /** Records checked before the first break (all of them when ok). */
  checked: number;
  /** The last good record's hash: the anchor the next record must carry. */
  head: string;
  firstBreak?: ChainBreak;
}

/**
 * Recomputes a hash chain from its first record (or from an anchor carried forward) and names the
 * first record that does not verify: `changed` (its content no longer matches its hash), `missing`
 * (a gap in seq), `reordered` (seq goes backwards) or `unlinked` (its prevHash is not its
 * predecessor's hash). Feed events in stored order; it keeps O(1) state, so it can stream.
 *
 * @example
 * const v = new AuditChainVerifier();
 * for (const e of events) if (!v.push(e)) break;
 * v.verdict(); // { ok: true, checked: 2, head: '1a6f…' }
 */
export class AuditChainVerifier {
  #expectedSeq: number;
  #head: string;
  #checked = 0;
  #break: ChainBreak | undefined;

  constructor(anchor: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH }) {
    this.#expectedSeq = anchor.seq + 1;
    this.#head = anchor.hash;
  }

  /** Checks the next record; false once the chain is broken (later records are not judged). */
  push(e: AuditEvent, dataJson?: string): boolean {
    if (this.#break) return false;
    if (e.seq < this.#expectedSeq) return this.#fail({ seq: e.seq, reason: 'reordered', detail: `seq ${e.seq} after ${this.#expectedSeq - 1}` });
    if (e.seq > this.#expectedSeq) {
      const gap = e.seq - this.#expectedSeq;
      return this.#fail({ seq: this.#expectedSeq, reason: 'missing', detail: `${gap} record${gap === 1 ? '' : 's'} missing before seq ${e.seq}` });
    }
    if (e.prevHash !== this.#head) return this.#fail({ seq: e.seq, reason: 'unlinked', detail: `prevHash ${e.prevHash.slice(0, 12)}… is not the previous record's hash ${this.#head.slice(0, 12)}…` });
    const recomputed = auditHash(e.prevHash, e.seq, e, dataJson);
    if (recomputed !== e.hash) return this.#fail({ seq: e.seq, reason: 'changed', detail: `content hashes to ${recomputed.slice(0, 12)}…, record says ${e.hash.slice(0, 12)}…` });
    this.#head = e.hash;
    this.#expectedSeq++;
    this.#checked++;
    return true;
  }

  verdict(): ChainVerdict {
    return { ok: !this.#break, checked: this.#checked, head: this.#head, ...(this.#break ? { firstBreak: this.#break } : {}) };
  }

  #fail(b: ChainBreak): false {
    this.#break = b;
    return false;
  }
}

/** Verifies a whole chain held in memory. @example verifyAuditChain(events).ok */
export const verifyAuditChain = (events: Iterable<AuditEvent>): ChainVerdict => {
  const v = new AuditChainVerifier();
  for (const e of events) if (!v.push(e)) break;
  return v.verdict();
};
