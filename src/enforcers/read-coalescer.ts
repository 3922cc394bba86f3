/**
 * Point reads that concurrent deliveries ask for within one macrotask, answered by one batched read:
 * the 16–64 deliveries a worker handles at once each need their violation on a fresh read, and one
 * `where id in (…)` costs about what one `where id = ?` does. Each caller still gets a read made
 * after it asked (never a cached answer), so the freshness the preconditions need is kept.
 *
 * @example
 * const violations = new ReadCoalescer((ids) => store.violations.list({ ids, limit: ids.length }), (v) => v.id);
 * const v = await violations.get('v-1'); // undefined when there is none
 */
export class ReadCoalescer<V> {
  #pending = new Map<string, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
  #scheduled = false;

  constructor(
    private readonly load: (keys: string[]) => Promise<V[]>,
    private readonly keyOf: (v: V) => string,
  ) {}

  get(key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      this.#pending.set(key, [...(this.#pending.get(key) ?? []), { resolve, reject }]);
      if (this.#scheduled) return;
      this.#scheduled = true;
      setImmediate(() => void this.#flush());
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = new Map();
    this.#scheduled = false;
    try {
      const found = new Map((await this.load([...batch.keys()])).map((v) => [this.keyOf(v), v]));
      for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
    } catch (err) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
    }
  }
}
