import { canonicalJson } from '../common/stable-hash.js';
import { auditPreimage, preimageHash } from './audit-hash.js';
import { GENESIS_HASH, type AuditEvent, type ChainRow } from './audit-event.js';

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
  push(e: AuditEvent, dataJson = canonicalJson(e.data)): boolean {
    return this.pushRow([e.seq, e.hash, auditPreimage(e.prevHash, e.seq, e, dataJson)]);
  }

  /** {@link push} for a stored row as `AuditLog.chainRows` reads it (verify's hot path: one digest, no parsing). */
  pushRow(r: ChainRow): boolean {
    if (this.#break) return false;
    const [seq, hash, preimage] = r;
    if (seq < this.#expectedSeq) return this.#fail({ seq, reason: 'reordered', detail: `seq ${seq} after ${this.#expectedSeq - 1}` });
    if (seq > this.#expectedSeq) {
      const gap = seq - this.#expectedSeq;
      return this.#fail({ seq: this.#expectedSeq, reason: 'missing', detail: `${gap} record${gap === 1 ? '' : 's'} missing before seq ${seq}` });
    }
    // The preimage starts with the record's prevHash and a NUL.
    if (!preimage.startsWith(this.#head) || preimage.charCodeAt(this.#head.length) !== 0) {
      const prevHash = preimage.slice(0, Math.max(0, preimage.indexOf('\u0000')));
      return this.#fail({ seq, reason: 'unlinked', detail: `prevHash ${prevHash.slice(0, 12)}… is not the previous record's hash ${this.#head.slice(0, 12)}…` });
    }
    const recomputed = preimageHash(preimage);
    if (recomputed !== hash) return this.#fail({ seq, reason: 'changed', detail: `content hashes to ${recomputed.slice(0, 12)}…, record says ${hash.slice(0, 12)}…` });
    this.#head = hash;
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
