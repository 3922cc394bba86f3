import type { AuditEventInput } from '../audit/audit-event.js';
import type { Store, StorePorts } from '../store/store.js';

interface Pending {
  fn: (tx: StorePorts) => Promise<unknown>;
  audit: readonly AuditEventInput[];
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for the enforcers: the writes that concurrent deliveries ask for while a transaction is
 * committing are run one after the other in the NEXT single transaction, so a worker handling 64
 * messages at once commits a few transactions (and appends to the audit chain a few times), not 64.
 * Each caller still learns only when its own writes are durable. The audit events the callers hand
 * in are appended once per group, in the callers' order, after their writes and in the same
 * transaction: one chain-head update for the group instead of two per caller. If the group's
 * transaction fails, every write in it is run again in a transaction of its own (with its own
 * events), so one conflict fails only its own caller.
 *
 * @example
 * const group = new GroupCommit(store);
 * await group.run((tx) => tx.enforcementActions.finish(id, outcome), [event]); // resolves once committed, event appended
 */
export class GroupCommit {
  #queue: Pending[] = [];
  #running: Promise<void> | null = null;

  constructor(
    private readonly store: Pick<Store, 'transaction'>,
    private readonly maxGroup = 256,
  ) {}

  run<T>(fn: (tx: StorePorts) => Promise<T>, audit: readonly AuditEventInput[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, audit, resolve: resolve as (v: unknown) => void, reject });
      this.#running ??= this.#drain();
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        // Let the deliveries in flight reach their writes: one macrotask gathers a group.
        await new Promise<void>((r) => setImmediate(r));
        const group = this.#queue.splice(0, this.maxGroup);
        await this.#commit(group);
      }
    } finally {
      this.#running = null;
      if (this.#queue.length > 0) this.#running = this.#drain();
    }
  }

  async #commit(group: Pending[]): Promise<void> {
    if (group.length === 1) return this.#alone(group[0] as Pending);
    let results: unknown[];
    try {
      results = await this.store.transaction(async (tx) => {
        const out: unknown[] = [];
        for (const p of group) out.push(await p.fn(tx));
        await tx.audit.append(group.flatMap((p) => p.audit));
        return out;
      });
    } catch {
      // Which one failed is not known (and the others are rolled back with it): each on its own.
      for (const p of group) await this.#alone(p);
      return;
    }
    group.forEach((p, i) => p.resolve(results[i]));
  }

  async #alone(p: Pending): Promise<void> {
    try {
      p.resolve(
        await this.store.transaction(async (tx) => {
          const out = await p.fn(tx);
          await tx.audit.append([...p.audit]);
          return out;
        }),
      );
    } catch (err) {
      p.reject(err);
    }
  }
}
