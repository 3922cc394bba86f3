import { iso, type Clock } from '../common/clock.js';
import type { OutboxRow, OutboxStore } from '../store/ports/outbox-store.js';
import type { StorePorts } from '../store/store.js';
import type { EnforcementMessage } from '../violations/enforcement-message.js';
import type { Bus } from './bus.js';

export interface OutboxRelayOptions {
  /** Outbox rows per claim (and per transaction on the embedded bus); default 500. */
  readonly batchSize?: number;
  /** How long a claim holds its rows: longer than one publish round trip (ms, default 60 s). */
  readonly leaseMs?: number;
  /** Retry delay after a failed publish: base doubling to max (ms). Requests are never given up. */
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
}

/** What one `relayOnce` moved. */
export interface RelayReport {
  /** Requests the bus stored for delivery. */
  published: number;
  /** Requests the bus already had (an earlier relay crashed after publishing, before marking sent). */
  duplicates: number;
  /** Requests whose publish failed this time (they stay pending, retried after a backoff). */
  failed: number;
}

/** The store as the relay needs it: the outbox, and transactions for a bus that lives in it. */
export interface RelayStore {
  readonly outbox: OutboxStore;
  transaction<T>(fn: (tx: StorePorts) => Promise<T>): Promise<T>;
}

/**
 * Moves the escalation manager's enforcement requests (outbox rows of kind `enforcement`, written in
 * the transaction of the ladder step that decided them) onto the bus, exactly once in effect:
 *
 * - embedded bus: claim, enqueue into the bus queue and mark sent in ONE store transaction: a crash
 *   anywhere leaves either all of it or none of it.
 * - NATS: claim (a lease), publish with the idempotency key as the `Nats-Msg-Id`, and mark the rows sent
 *   only after JetStream's publish ack. A crash between the ack and the mark leaves the rows claimed;
 *   when the lease ends they are published again and the stream drops them as duplicates; beyond the
 *   stream's duplicate window the enforcer's own record of the key keeps the action from running twice.
 *
 * @example
 * const relay = new OutboxRelay(store, bus, clock);
 * await manager.runOnce();
 * await relay.relayOnce(); // { published: 3, duplicates: 0, failed: 0 }
 */
export class OutboxRelay {
  readonly #batchSize: number;
  readonly #leaseMs: number;
  readonly #backoff: { baseMs: number; maxMs: number };

  constructor(
    private readonly store: RelayStore,
    private readonly bus: Bus,
    private readonly clock: Clock,
    opts: OutboxRelayOptions = {},
  ) {
    this.#batchSize = opts.batchSize ?? 500;
    this.#leaseMs = opts.leaseMs ?? 60_000;
    this.#backoff = { baseMs: 1_000, maxMs: 300_000, ...opts.backoff };
  }

  /** Relays every enforcement request due now, a batch at a time. */
  async relayOnce(): Promise<RelayReport> {
    const report: RelayReport = { published: 0, duplicates: 0, failed: 0 };
    for (;;) {
      const n = await this.#batch(report);
      if (n < this.#batchSize) return report;
    }
  }

  async #batch(report: RelayReport): Promise<number> {
    const now = iso(this.clock.now());
    const claim = { limit: this.#batchSize, leaseMs: this.#leaseMs, now, kind: 'enforcement' as const };
    const within = this.bus.publishWithin?.bind(this.bus);
    if (within) {
      return this.store.transaction(async (tx) => {
        const rows = await tx.outbox.claimPending(claim);
        if (rows.length === 0) return 0;
        const r = await within(tx, messagesOf(rows));
        for (const row of rows) await tx.outbox.markSent(row.id, row.claimToken as string, now);
        report.published += r.accepted;
        report.duplicates += r.duplicates;
        return rows.length;
      });
    }
    const rows = await this.store.outbox.claimPending(claim);
    if (rows.length === 0) return 0;
    try {
      const r = await this.bus.publish(messagesOf(rows));
      report.published += r.accepted;
      report.duplicates += r.duplicates;
    } catch (err) {
      // Published in part, perhaps: all of them go again later, and the bus drops what it already has.
      for (const row of rows) {
        const attempts = row.attempts + 1;
        const delay = Math.min(this.#backoff.maxMs, this.#backoff.baseMs * 2 ** Math.min(attempts - 1, 20));
        await this.store.outbox.markFailed(row.id, row.claimToken as string, { attempts, nextAttemptAt: iso(new Date(this.clock.now().getTime() + delay)), error: (err as Error).message, at: iso(this.clock.now()) });
      }
      report.failed += rows.length;
      // Stop this round: the bus is likely down; the rows are due again after their backoff.
      return 0;
    }
    // Only after the publish ack: a crash before this line republishes the rows, which the bus drops.
    const at = iso(this.clock.now());
    await this.store.transaction(async (tx) => {
      for (const row of rows) await tx.outbox.markSent(row.id, row.claimToken as string, at);
    });
    return rows.length;
  }
}

const messagesOf = (rows: readonly OutboxRow[]): EnforcementMessage[] => rows.map((r) => r.payload as EnforcementMessage);
