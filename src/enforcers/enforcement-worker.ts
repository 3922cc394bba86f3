import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Bus, BusDelivery } from '../bus/bus.js';
import type { Clock } from '../common/clock.js';
import { iso } from '../common/clock.js';
import type { DeliveryOutcome } from './enforcement-service.js';

export type WorkerState = 'created' | 'starting' | 'running' | 'stopping' | 'stopped';

/** A snapshot of one worker for status pages, `vigil worker` logs and health checks. */
export interface WorkerStatus {
  name: string;
  family: string;
  state: WorkerState;
  processed: number;
  succeeded: number;
  skipped: number;
  failed: number;
  /** Retries scheduled (transient errors) and deferrals (rate limits). */
  retried: number;
  deadLettered: number;
  duplicates: number;
  inFlight: number;
  lastError: { message: string; at: string } | null;
}

/**
 * One enforcer: consumes its family's topic until stopped. Every worker of every family implements
 * this; `BusWorker` is the one implementation.
 *
 * @example
 * const worker = new BusWorker({ bus, family: 's3', name: 'enforcer:s3#1', handle: (d) => service.handle(d), clock });
 * worker.on('error', (err) => log.warn(err.message, { family: err.family, worker: err.worker }));
 * await worker.start();
 * …
 * await worker.stop(); // waits for the deliveries in hand
 */
export interface EnforcementWorker {
  start(): Promise<void>;
  /** Stops fetching and resolves when the deliveries in hand are settled. */
  stop(): Promise<void>;
  status(): WorkerStatus;
}

export interface BusWorkerOptions {
  readonly bus: Bus;
  readonly family: string;
  readonly name: string;
  readonly handle: (d: BusDelivery) => Promise<DeliveryOutcome>;
  readonly clock: Clock;
  /** Deliveries per fetch (default 64). */
  readonly batchSize?: number;
  /**
   * Deliveries handled at once (default: the batch size, 64). Their store writes share transactions
   * (group commit), so this is also the largest group: 64 against 16 took a quarter less CPU per
   * message in the enforcement bench. The per-account limits and the circuit breaker count every
   * delivery in hand (each records its attempt before it counts), so more at once is never more acted.
   */
  readonly concurrency?: number;
  /** How long one fetch waits for work (ms, default 1,000): also how quickly stop() is noticed when idle. */
  readonly fetchWaitMs?: number;
  /** Backoff after the loop itself failed (bus down, store down): base doubling to max (ms). */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
}

/** An error the loop survived, tagged with where it happened. */
export class WorkerLoopError extends Error {
  constructor(
    readonly family: string,
    readonly worker: string,
    override readonly cause: unknown,
  ) {
    super(`${worker} (${family}): ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'WorkerLoopError';
  }
}

/**
 * The worker loop, pg-boss style: explicit states, a loop that never dies (it catches, tags the
 * error with family and worker, emits `error`, backs off and goes on), and a stop() that waits for
 * the work in hand. Handling is per delivery and settles it; the loop only fetches and counts.
 */
export class BusWorker extends EventEmitter implements EnforcementWorker {
  #state: WorkerState = 'created';
  #loop: Promise<void> | null = null;
  #abort = new AbortController();
  readonly #counts = { processed: 0, succeeded: 0, skipped: 0, failed: 0, retried: 0, deadLettered: 0, duplicates: 0, inFlight: 0 };
  #lastError: WorkerStatus['lastError'] = null;

  constructor(private readonly o: BusWorkerOptions) {
    super();
    // An unheard 'error' event would throw; the status keeps the last error anyway.
    this.on('error', () => undefined);
  }

  async start(): Promise<void> {
    if (this.#state !== 'created') return;
    this.#state = 'starting';
    this.#loop = this.#run();
    this.#state = 'running';
    this.emit('state', this.#state);
  }

  async stop(): Promise<void> {
    if (this.#state === 'stopped' || this.#state === 'created') {
      this.#state = 'stopped';
      return;
    }
    this.#state = 'stopping';
    this.emit('state', this.#state);
    this.#abort.abort();
    await this.#loop;
    this.#state = 'stopped';
    this.emit('state', this.#state);
  }

  status(): WorkerStatus {
    return { name: this.o.name, family: this.o.family, state: this.#state, ...this.#counts, lastError: this.#lastError };
  }

  /**
   * Lanes (`concurrency` of them) take deliveries from the batch in hand; when it runs dry while
   * lanes are still busy, the next batch is already being fetched (one fetch at a time), so the lanes
   * never wait for a whole batch to finish before the next claim and group commits stay full. At most
   * two batches are in hand; stopping ends the fetching and lets every claimed delivery finish.
   */
  async #run(): Promise<void> {
    const { baseMs, maxMs } = this.o.backoff ?? { baseMs: 200, maxMs: 30_000 };
    const queue: BusDelivery[] = [];
    let failures = 0;
    let fetching: Promise<void> | null = null;
    const refill = (): Promise<void> =>
      (fetching ??= (async () => {
        try {
          const batch = await this.o.bus.fetch(this.o.family, { max: this.o.batchSize ?? 64, waitMs: this.o.fetchWaitMs ?? 1_000 });
          queue.push(...batch);
          failures = 0;
        } catch (err) {
          failures++;
          this.#noteError(err);
          await sleep(Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 16)), undefined, { signal: this.#abort.signal }).catch(() => undefined);
        } finally {
          fetching = null;
        }
      })());
    const lane = async (): Promise<void> => {
      for (;;) {
        const d = queue.shift();
        if (d) {
          // The last delivery of the batch taken: claim the next while this one is handled.
          if (queue.length === 0 && !this.#abort.signal.aborted) void refill();
          await this.#handleOne(d);
          continue;
        }
        if (this.#abort.signal.aborted) return;
        await refill();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.o.concurrency ?? this.o.batchSize ?? 64) }, lane));
    // A fetch begun just before the stop may still claim deliveries: they are in hand, so handle them.
    await fetching;
    await Promise.all(queue.splice(0).map((d) => this.#handleOne(d)));
  }

  async #handleOne(d: BusDelivery): Promise<void> {
    this.#counts.inFlight++;
    try {
      this.#count(await this.o.handle(d));
    } catch (err) {
      // The handler settles every outcome itself; reaching here means the store or bus failed
      // mid-way. The delivery stays unsettled and comes back after the lease.
      this.#counts.failed++;
      this.#noteError(err);
    } finally {
      this.#counts.inFlight--;
      this.#counts.processed++;
    }
  }

  #count(o: DeliveryOutcome): void {
    const c = this.#counts;
    if (o.kind === 'succeeded') c.succeeded++;
    else if (o.kind === 'skipped') c.skipped++;
    else if (o.kind === 'failed') c.failed++;
    else if (o.kind === 'retrying' || o.kind === 'deferred') c.retried++;
    else if (o.kind === 'dead-lettered') c.deadLettered++;
    else c.duplicates++;
    this.emit('outcome', o);
  }

  #noteError(err: unknown): void {
    const tagged = new WorkerLoopError(this.o.family, this.o.name, err);
    this.#lastError = { message: tagged.message, at: iso(this.o.clock.now()) };
    this.emit('error', tagged);
  }
}
