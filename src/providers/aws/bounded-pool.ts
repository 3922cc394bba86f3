/**
 * At most `max` calls of `run` in flight; the rest wait in order. One limiter per service and
 * account keeps a scan inside that service's API rate however many regions run at once.
 *
 * @example
 * const kms = new Limiter(4);
 * await Promise.all(keys.map((k) => kms.run(() => describe(k)))); // never more than 4 at a time
 */
export class Limiter {
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(private readonly max: number) {
    if (!(max >= 1)) throw new RangeError(`Limiter: max must be at least 1, found ${max}`);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#active >= this.max) await new Promise<void>((r) => this.#waiting.push(r));
    else this.#active++;
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next waiter, so a late arrival cannot jump the queue.
      if (next) next();
      else this.#active--;
    }
  }
}

/**
 * A bounded queue between many producers and one consumer: `push` waits while it is full, so
 * producers can never run further ahead of the consumer than `capacity` items (flat memory).
 *
 * @example
 * const ch = new Channel<number>(2);
 * void (async () => { for (let i = 0; i < 5; i++) await ch.push(i); ch.close(); })();
 * for await (const n of ch) use(n);
 */
export class Channel<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  readonly #pushers: (() => void)[] = [];
  #taker: (() => void) | undefined;
  #closed = false;
  #failure: { error: unknown } | undefined;

  constructor(private readonly capacity: number) {}

  async push(item: T): Promise<void> {
    while (this.#items.length >= this.capacity && !this.#closed) await new Promise<void>((r) => this.#pushers.push(r));
    if (this.#closed) return;
    this.#items.push(item);
    this.#wakeTaker();
  }

  /** No more items: the consumer ends after the queued ones. */
  close(): void {
    this.#closed = true;
    this.#wakeTaker();
    for (const p of this.#pushers.splice(0)) p();
  }

  /** Ends the consumer with an error (after the queued items). */
  fail(error: unknown): void {
    this.#failure ??= { error };
    this.close();
  }

  #wakeTaker(): void {
    const t = this.#taker;
    this.#taker = undefined;
    t?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const item = this.#items.shift();
      if (item !== undefined) {
        this.#pushers.shift()?.();
        yield item;
        continue;
      }
      if (this.#closed) {
        if (this.#failure) throw this.#failure.error;
        return;
      }
      await new Promise<void>((r) => (this.#taker = r));
    }
  }
}
