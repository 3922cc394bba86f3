import { UsageError } from '../common/vigil-error.js';
import type { EnforcementMessage } from '../violations/enforcement-message.js';
import type { BusQueueStore } from '../store/ports/bus-queue-store.js';

/**
 * One delivery of a message to a worker. Exactly one of `ack`, `nak` or `deadLetter` settles it; a
 * delivery left unsettled (the worker crashed) comes back after the bus's lease (`ackWaitMs`).
 */
export interface BusDelivery {
  readonly message: EnforcementMessage;
  readonly family: string;
  /** 1 on the first delivery; counts redeliveries after a nak or an expired lease. */
  readonly attempt: number;
  /** Done: never delivered again. */
  ack(): Promise<void>;
  /**
   * Only on the embedded bus: the ack as a write in a store transaction, so the outcome the enforcer
   * records and the ack commit together (one transaction, never one without the other).
   */
  ackWithin?(tx: { readonly busQueue: BusQueueStore }): Promise<void>;
  /**
   * Deliver again after `delayMs`. On the bus's last allowed attempt (`maxDeliver`) the message goes
   * to the dead letters with `reason` instead.
   * @returns what happened to it.
   */
  nak(delayMs: number, reason: string): Promise<'retry' | 'dead-lettered'>;
  /**
   * Deliver again after `delayMs` without counting this delivery against `maxDeliver`: for a message
   * that was not tried (a rate limit said "later"), so waiting never dead-letters it.
   */
  defer(delayMs: number, reason: string): Promise<void>;
  /** A permanent failure: straight to the dead letters, never delivered again. */
  deadLetter(reason: string): Promise<void>;
}

/** A message that will not be delivered again, kept for people to look at (and republish). */
export interface DeadLetter {
  family: string;
  message: EnforcementMessage;
  attempts: number;
  reason: string;
  at: string;
}

export interface FetchOptions {
  /** Most deliveries returned by one call. */
  max: number;
  /** How long to wait for the first message when none is ready (ms); 0 returns at once. */
  waitMs: number;
}

export interface PublishResult {
  /** Messages the bus stored for delivery. */
  accepted: number;
  /** Messages whose idempotency key the bus already had: dropped, not delivered twice. */
  duplicates: number;
}

/**
 * The message bus between the escalation manager and the enforcers: one topic per action family,
 * durable, at-least-once with explicit acknowledgement, a bounded number of deliveries and then the
 * dead letters. Two adapters: `embedded` (a table in the store) and `nats` (JetStream); the same
 * contract suite (bus-contract.test.ts) runs against both.
 *
 * @example
 * await bus.publish([msg]);                                  // topic: actionFamily(msg.action)
 * for (const d of await bus.fetch('s3', { max: 10, waitMs: 1_000 })) {
 *   try { await act(d.message); await d.ack(); }
 *   catch (err) { await d.nak(backoff(d.attempt), String(err)); }
 * }
 * await bus.deadLetters({ family: 's3' });
 */
export interface Bus {
  readonly kind: 'embedded' | 'nats';
  /** Deliveries of one message before it goes to the dead letters. */
  readonly maxDeliver: number;
  /** Publishes each message on its action family's topic, dropping a repeated idempotency key. */
  publish(messages: readonly EnforcementMessage[]): Promise<PublishResult>;
  /** Claims up to `max` ready messages of one family (pull: the worker decides its own pace). */
  fetch(family: string, opts: FetchOptions): Promise<BusDelivery[]>;
  /**
   * Only on a bus whose queue lives in the store (embedded): publishes through a transaction's
   * `busQueue`, so the messages commit with whatever else that transaction writes (the outbox relay
   * marks its rows sent in the same transaction: exactly once, whatever crashes).
   */
  publishWithin?(tx: { readonly busQueue: BusQueueStore }, messages: readonly EnforcementMessage[]): Promise<PublishResult>;
  /** Dead letters, oldest first. */
  deadLetters(q?: { family?: string; limit?: number }): Promise<DeadLetter[]>;
  close(): Promise<void>;
}

/** Settings both adapters share. */
export interface BusOptions {
  /** Deliveries before the dead letters (default 5). */
  readonly maxDeliver?: number;
  /** How long a fetched, unsettled delivery stays invisible before it is delivered again (ms, default 30 s). */
  readonly ackWaitMs?: number;
}

export const DEFAULT_MAX_DELIVER = 5;
export const DEFAULT_ACK_WAIT_MS = 30_000;

/** Action families are subject tokens and table keys: lower-case words and dashes. */
export const FAMILY_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** @throws UsageError for a family that cannot be a topic. */
export const checkedFamily = (family: string): string => {
  if (!FAMILY_PATTERN.test(family)) throw new UsageError(`action family "${family}" is not a valid topic name (lower-case letters, digits and dashes)`, { field: 'action' });
  return family;
};
