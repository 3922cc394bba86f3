import type { EnforcementMessage } from '../enforcement-message.js';

/** A message as the embedded bus stores it. */
export interface QueuedMessage {
  seq: number;
  family: string;
  message: EnforcementMessage;
  /** Deliveries so far, this claim included. */
  attempts: number;
  /** Identifies this claim: a settle carrying an older claim id (an expired lease) changes nothing. */
  claimId: string;
}

export interface DeadLetterRow {
  family: string;
  message: EnforcementMessage;
  attempts: number;
  reason: string;
  settledAt: string;
}

/**
 * The embedded bus's table (`bus_messages`), a store port: enqueue can run inside the caller's
 * store transaction, so a violation's state change and its enforcement message commit together.
 * Times are epoch milliseconds from the bus's clock.
 *
 * @example
 * await queue.enqueue([{ family: 's3', message, at }]);              // → 1 (0 for a known key)
 * const [m] = await queue.claim('s3', { max: 10, nowMs, leaseMs: 30_000, claimId, maxDeliver: 5, at });
 * await queue.settle(m.seq, m.claimId, { status: 'done', at });
 */
export interface BusQueueStore {
  /** Stores messages whose idempotency key is new; returns how many were new. */
  enqueue(rows: readonly { family: string; message: EnforcementMessage; at: string }[]): Promise<number>;
  /**
   * Claims up to `max` ready messages of a family (oldest first), hiding them for `leaseMs`.
   * Ready messages already delivered `maxDeliver` times (leases that expired: a crashing worker)
   * go to the dead letters instead.
   */
  claim(family: string, opts: { max: number; nowMs: number; leaseMs: number; claimId: string; maxDeliver: number; at: string }): Promise<QueuedMessage[]>;
  /** Settles a claim: done, dead (with reason) or ready again at `availableAtMs`. False when the claim is no longer held. */
  settle(
    seq: number,
    claimId: string,
    outcome: { status: 'done'; at: string } | { status: 'dead'; reason: string; at: string } | { status: 'ready'; availableAtMs: number; reason: string },
  ): Promise<boolean>;
  /** The earliest time (epoch ms) a message of this family becomes ready, or null when none waits. */
  nextReadyAt(family: string): Promise<number | null>;
  listDead(q?: { family?: string; limit?: number }): Promise<DeadLetterRow[]>;
  /** Drops done messages settled before `before` (their keys stop being recognised as duplicates). */
  purgeDone(before: string): Promise<number>;
}
