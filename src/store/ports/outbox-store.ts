import type { EnforcementMessage } from '../../violations/enforcement-message.js';
import type { Notification } from '../../notifications/notification.js';

/**
 * What the escalation manager hands to the outside world, written in the same transaction as the
 * ladder step that produced it: an owner's digest (`notification`, topic = the owner) or an
 * enforcement request (`enforcement`, topic = the action family).
 */
export type OutboxMessage =
  | { kind: 'notification'; topic: string; payload: Notification }
  | { kind: 'enforcement'; topic: string; payload: EnforcementMessage };

export type OutboxKind = OutboxMessage['kind'];

/** pending → sent, or pending → dead after the last failed attempt. */
export type OutboxStatus = 'pending' | 'sent' | 'dead';

/** One outbox row as a delivery worker sees it. */
export type OutboxRow = OutboxMessage & {
  id: number;
  status: OutboxStatus;
  /** Delivery attempts made so far (failures recorded with markFailed). */
  attempts: number;
  createdAt: string;
  /** Not delivered before this instant (retry backoff). */
  nextAttemptAt: string;
  /** The claim that holds the row until `leaseUntil`; markSent/markFailed must present it. */
  claimToken: string | null;
  leaseUntil: string | null;
  sentAt: string | null;
  lastError: string | null;
};

export interface OutboxQuery {
  kind?: OutboxKind;
  status?: OutboxStatus;
  topic?: string;
  limit?: number;
}

/** What enqueue wrote: rows and the dedupe keys it dropped because an earlier row already carried them. */
export interface EnqueueResult {
  ids: number[];
  duplicateKeys: string[];
}

/** What a delivery attempt that failed leaves behind. */
export interface OutboxFailure {
  /** The attempt count after this failure. */
  attempts: number;
  /** When to try again; null means never (the row is dead). */
  nextAttemptAt: string | null;
  error: string;
  at: string;
}

/**
 * The transactional outbox between the escalation manager and its consumers (the notification
 * delivery worker, the enforcement bus relay). Dedupe keys make "never sent twice" a property of the
 * store: a key (violation id + ladder step, see `notificationKey`/`enforcementKey`) is accepted once per
 * kind for ever, whatever process or run enqueues it again. Claims carry a lease, so two delivery
 * workers never hold the same row and a crashed worker's rows come back when the lease ends.
 *
 * @example
 * await store.transaction(async (tx) => {
 *   await tx.violations.update([reminded]);
 *   await tx.outbox.enqueue([{ kind: 'notification', topic: 'payments', payload: digest }]);
 * });
 * const rows = await store.outbox.claimPending({ limit: 50, leaseMs: 60_000, now, kind: 'notification' });
 * for (const r of rows) await store.outbox.markSent(r.id, r.claimToken!, now);
 */
export interface OutboxStore {
  /**
   * Writes messages (call it inside the transaction of the step that produced them). A notification's
   * items whose dedupe key was enqueued before are dropped, and a digest left with no item is not
   * written; an enforcement request whose idempotency key was enqueued before is not written.
   */
  enqueue(messages: OutboxMessage[], at: string): Promise<EnqueueResult>;
  /**
   * Leases up to `limit` pending rows due at `now` (oldest first) that no live lease holds: they are
   * this caller's until `now + leaseMs`. Two callers at once never receive the same row.
   */
  claimPending(q: { limit: number; leaseMs: number; now: string; kind?: OutboxKind; topic?: string }): Promise<OutboxRow[]>;
  /** Records delivery. @returns false when the claim was lost (lease expired and another worker took the row). */
  markSent(id: number, claimToken: string, at: string): Promise<boolean>;
  /** Records a failed attempt and releases the lease. @returns false when the claim was lost. */
  markFailed(id: number, claimToken: string, failure: OutboxFailure): Promise<boolean>;
  get(id: number): Promise<OutboxRow | undefined>;
  list(q?: OutboxQuery): Promise<OutboxRow[]>;
}

/** The key a message is deduplicated on, per item: namespaced by kind so a reminder and an enforcement of one step never collide. */
export const outboxKeys = (m: OutboxMessage): string[] =>
  m.kind === 'notification' ? m.payload.items.map((i) => `notification:${i.dedupeKey}`) : [`enforcement:${m.payload.idempotencyKey}`];
