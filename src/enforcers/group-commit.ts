import type { Store, StorePorts } from '../store/store.js';

interface Pending {
  fn: (tx: StorePorts) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for the enforcers: the writes that concurrent deliveries ask for while a transaction is
 * committing are run one after the other in the NEXT single transaction, so a worker handling 64
 * messages at once commits a few transactions (and appends to the audit chain a few times), not 64.
 * Each caller still learns only when its own writes are durable; the hash chain stays one chain
 * (appends run in order inside the transaction). If the group's transaction fails, every write in it
 * is run again in a transaction of its own, so one conflict fails only its own caller.
 *
 * @example
 * const group = new GroupCommit(store);
 * await group.run((tx) => tx.enforcementActions.finish(id, outcome)); // resolves once committed
 */
export class GroupCommit {
  #queue: Pending[] = [];
  #running: Promise<void> | null = null;

  constructor(
    private readonly store: Pick<Store, 'transaction'>,
    private readonly maxGroup = 256,
  ) {}

  run<T>(fn: (tx: StorePorts) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
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
      p.resolve(await this.store.transaction(p.fn));
    } catch (err) {
      p.reject(err);
    }
  }
}
