import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { iso, type Clock } from '../../common/clock.js';
import { checkedFamily, DEFAULT_ACK_WAIT_MS, DEFAULT_MAX_DELIVER, type Bus, type BusDelivery, type BusOptions, type DeadLetter, type FetchOptions, type PublishResult } from '../bus.js';
import { actionFamily, type EnforcementMessage } from '../../violations/enforcement-message.js';
import type { BusQueueStore, QueuedMessage, SettleOutcome } from '../../store/ports/bus-queue-store.js';

export interface EmbeddedBusOptions extends BusOptions {
  /** How often an idle fetch looks for messages another process published (ms, default 50). */
  readonly pollMs?: number;
}

/**
 * The embedded bus: a table in the store, so a crash loses nothing. A fetch claims rows with a lease
 * (a crashed worker's messages come back when it expires); ack marks a row done; nak makes it ready
 * again later; after `maxDeliver` deliveries it goes to the dead letters. Publishing in this process
 * wakes waiting fetches at once; other processes' messages are found by polling.
 *
 * @example
 * const bus = new EmbeddedBus(store.busQueue, systemClock, { maxDeliver: 5 });
 * await bus.publish([msg]);
 * const [d] = await bus.fetch('s3', { max: 1, waitMs: 1_000 });
 * await d?.ack();
 */
export class EmbeddedBus implements Bus {
  readonly kind = 'embedded' as const;
  readonly maxDeliver: number;
  readonly #ackWaitMs: number;
  readonly #pollMs: number;
  readonly #waiters = new Set<() => void>();
  #closed = false;

  constructor(
    private readonly queue: BusQueueStore,
    private readonly clock: Clock,
    opts: EmbeddedBusOptions = {},
  ) {
    this.maxDeliver = opts.maxDeliver ?? DEFAULT_MAX_DELIVER;
    this.#ackWaitMs = opts.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
    this.#pollMs = opts.pollMs ?? 50;
  }

  publish(messages: readonly EnforcementMessage[]): Promise<PublishResult> {
    return this.publishWithin({ busQueue: this.queue }, messages);
  }

  async publishWithin(tx: { readonly busQueue: BusQueueStore }, messages: readonly EnforcementMessage[]): Promise<PublishResult> {
    const at = iso(this.clock.now());
    const rows = messages.map((message) => ({ family: checkedFamily(actionFamily(message.action)), key: message.idempotencyKey, payload: message as unknown as Record<string, unknown>, at }));
    const accepted = await tx.busQueue.enqueue(rows);
    // Inside a transaction the rows are not visible yet: a woken fetch that finds nothing waits again (or polls).
    for (const wake of this.#waiters) wake();
    return { accepted, duplicates: messages.length - accepted };
  }

  async fetch(family: string, opts: FetchOptions): Promise<BusDelivery[]> {
    checkedFamily(family);
    const deadline = performance.now() + opts.waitMs;
    for (;;) {
      if (this.#closed) return [];
      const now = this.clock.now();
      const claimed = await this.queue.claim(family, {
        max: opts.max,
        nowMs: now.getTime(),
        leaseMs: this.#ackWaitMs,
        claimId: randomUUID(),
        maxDeliver: this.maxDeliver,
        at: iso(now),
      });
      if (claimed.length > 0) return claimed.map((m) => this.#delivery(m));
      const left = deadline - performance.now();
      if (left <= 0) return [];
      await this.#waitForWork(Math.min(left, this.#pollMs));
    }
  }

  async deadLetters(q: { family?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    const rows = await this.queue.listDead(q);
    return rows.map((r) => ({ family: r.family, message: r.payload as unknown as EnforcementMessage, attempts: r.attempts, reason: r.reason, at: r.settledAt }));
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const wake of this.#waiters) wake();
  }

  #waitForWork(ms: number): Promise<void> {
    const ac = new AbortController();
    return new Promise<void>((resolve) => {
      const wake = () => {
        this.#waiters.delete(wake);
        ac.abort();
        resolve();
      };
      this.#waiters.add(wake);
      sleep(ms, undefined, { signal: ac.signal }).then(wake, () => undefined);
    });
  }

  #delivery(m: QueuedMessage): BusDelivery {
    const { queue, clock } = this;
    const settle = (outcome: SettleOutcome) => queue.settle(m.seq, m.claimId, outcome);
    const deadLetter = async (reason: string) => {
      await settle({ status: 'dead', reason, at: iso(clock.now()) });
    };
    return {
      message: m.payload as unknown as EnforcementMessage,
      family: m.family,
      attempt: m.attempts,
      ack: async () => {
        await settle({ status: 'done', at: iso(clock.now()) });
      },
      ackWithin: async (tx) => {
        await tx.busQueue.settle(m.seq, m.claimId, { status: 'done', at: iso(clock.now()) });
      },
      nak: async (delayMs, reason) => {
        if (m.attempts >= this.maxDeliver) {
          await deadLetter(`${reason} (after ${m.attempts} deliveries)`);
          return 'dead-lettered';
        }
        await settle({ status: 'ready', availableAtMs: clock.now().getTime() + Math.max(0, delayMs), reason });
        return 'retry';
      },
      defer: async (delayMs, reason) => {
        await settle({ status: 'ready', availableAtMs: clock.now().getTime() + Math.max(0, delayMs), reason, uncounted: true });
      },
      deadLetter,
    };
  }
}
