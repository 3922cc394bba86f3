/** A message as the embedded bus stores it: the store does not know the message's shape, only its key and family. */
export interface QueuedMessage {
  seq: number;
  family: string;
  key: string;
  payload: Record<string, unknown>;
  /** Deliveries so far, this claim included. */
  attempts: number;
  /** Identifies this claim: a settle carrying an older claim id (an expired lease) changes nothing. */
  claimId: string;
}

export interface DeadMessage {
  family: string;
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
  reason: string;
  settledAt: string;
}

export type SettleOutcome =
  | { status: 'done'; at: string }
  | { status: 'dead'; reason: string; at: string }
  /** `uncounted`: this delivery does not count against maxDeliver (a deferral: the message was not tried). */
  | { status: 'ready'; availableAtMs: number; reason: string; uncounted?: boolean };

/**
 * The embedded bus's durable queue (`bus_messages`). Enqueue through `tx.busQueue` inside a store
 * transaction and the message commits with the state change that caused it (or not at all).
 * A claim hides a message until its lease ends; times are epoch milliseconds from the bus's clock.
 *
 * @example
 * await store.transaction(async (tx) => {
 *   await tx.violations.update([{ ...v, state: 'enforcing', version: v.version + 1 }]);
 *   await tx.busQueue.enqueue([{ family: 's3', key: 'v-1:4', payload: message, at }]);
 * });
 * const [m] = await store.busQueue.claim('s3', { max: 10, nowMs, leaseMs: 30_000, claimId, maxDeliver: 5, at });
 * await store.busQueue.settle(m.seq, m.claimId, { status: 'done', at });
 */
export interface BusQueueStore {
  /** Stores messages whose key is new (a known key, even of a done message, is dropped); returns how many were new. */
  enqueue(rows: readonly { family: string; key: string; payload: Record<string, unknown>; at: string }[]): Promise<number>;
  /**
   * Claims up to `max` ready messages of a family, oldest first, hiding them for `leaseMs`. Ready
   * messages already delivered `maxDeliver` times (their leases expired: a worker kept dying on them)
   * become dead letters instead.
   */
  claim(family: string, opts: { max: number; nowMs: number; leaseMs: number; claimId: string; maxDeliver: number; at: string }): Promise<QueuedMessage[]>;
  /** Settles a claim: done, dead (with reason) or ready again at `availableAtMs`. False when the claim is no longer held. */
  settle(seq: number, claimId: string, outcome: SettleOutcome): Promise<boolean>;
  /** Dead letters, oldest first. */
  listDead(q?: { family?: string; limit?: number }): Promise<DeadMessage[]>;
  /** Messages per status (ready includes claimed ones), for status pages and tests. */
  counts(family?: string): Promise<{ ready: number; done: number; dead: number }>;
  /** Drops done messages settled before `before` (their keys stop being recognised as duplicates). */
  purgeDone(before: string): Promise<number>;
}
