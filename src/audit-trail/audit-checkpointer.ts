import type { SigningKey } from '../audit/checkpoint-signature.js';
import type { Clock } from '../common/clock.js';
import type { AuditCheckpoint } from '../store/ports/audit-checkpoint-store.js';
import type { StorePorts } from '../store/store.js';

/**
 * Writes signed checkpoints of the audit chain's head: at the end of every scan (`checkpoint`) and
 * whenever `every` events have been appended since the last one (`maybeCheckpoint`). Without a
 * signing key it writes nothing: the chain alone still verifies, but a rewritten tail would not show.
 *
 * @example
 * const cp = await new AuditCheckpointer(key, 10_000, clock).checkpoint(store);
 * cp?.seq === (await store.audit.head()).seq; // true
 */
export class AuditCheckpointer {
  constructor(
    private readonly key: SigningKey | undefined,
    private readonly every: number,
    private readonly clock: Clock,
  ) {}

  /** Signs the current head unless it is already checkpointed (or the chain is empty). */
  async checkpoint(store: Pick<StorePorts, 'audit' | 'checkpoints'>): Promise<AuditCheckpoint | undefined> {
    if (!this.key) return undefined;
    const head = await store.audit.head();
    const latest = await store.checkpoints.latest();
    if (head.seq === 0 || (latest && latest.seq >= head.seq)) return undefined;
    const at = this.clock.now().toISOString();
    const cp: AuditCheckpoint = { seq: head.seq, headHash: head.hash, at, ...this.key.sign({ seq: head.seq, headHash: head.hash, at }) };
    try {
      await store.checkpoints.add(cp);
    } catch (e) {
      // Another process checkpointed the same head first: its checkpoint says the same thing.
      if ((e as { code?: string }).code === 'store.conflict') return undefined;
      throw e;
    }
    return cp;
  }

  /** Checkpoints when at least `every` events were appended since the last checkpoint. */
  async maybeCheckpoint(store: Pick<StorePorts, 'audit' | 'checkpoints'>): Promise<AuditCheckpoint | undefined> {
    if (!this.key) return undefined;
    const [head, latest, anchor] = await Promise.all([store.audit.head(), store.checkpoints.latest(), store.audit.anchor()]);
    return head.seq - Math.max(latest?.seq ?? 0, anchor.seq) >= this.every ? this.checkpoint(store) : undefined;
  }
}
