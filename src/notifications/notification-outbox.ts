import type { AuditEventInput } from '../audit/audit-event.js';
import type { TeamConfig } from '../config/vigil-config.js';
import type { Notification } from './notification.js';
import type { NotifierRegistry } from './notifier.js';

/**
 * One delivery to write to the outbox: a digest on one channel of its recipient's team. The
 * manager writes these in the same transaction as the ladder steps they report, so a step is never
 * taken without its reminder, nor a reminder queued twice for one step (`key` is unique).
 */
export interface OutboxEntry {
  /** Unique per delivery: `<runAt>:<recipient>:<channel>`; enqueueing an existing key is a no-op. */
  key: string;
  recipient: string;
  /** A notifier name (`email`, `slack`, `teams`, `webhook`), or `none` when the team has no channel (recorded, never sent). */
  channel: string;
  notification: Notification;
}

export type OutboxState = 'pending' | 'sent' | 'dead';

/** A stored delivery, as the delivery worker claims it. */
export interface OutboxRow extends OutboxEntry {
  id: string;
  state: OutboxState;
  /** Delivery attempts so far (failed ones; the one in flight is not counted yet). */
  attempts: number;
  /** Not to be claimed before this (ISO); backoff after a failure. */
  nextAttemptAt: string;
  lastError: string | null;
}

/**
 * The outbox as the delivery worker uses it. Claims are leases: a claimed row is invisible to other
 * workers until `leaseMs` has passed, and only the worker holding the lease can settle it — so two
 * workers racing never send the same row twice, and a worker that dies mid-send only delays its rows.
 * `markSent`/`markFailed` write the row and the audit event in one transaction.
 *
 * @example
 * const rows = await outbox.claimPending({ now: '2026-12-03T10:00:00.000Z', limit: 100, leaseMs: 60_000, worker: 'manager-1' });
 * await outbox.markSent(rows[0].id, { worker: 'manager-1', at, event });
 */
export interface NotificationOutbox {
  enqueue(entries: OutboxEntry[], at: string): Promise<void>;
  /** Pending rows due at `now` whose lease (if any) has expired, oldest first; leases them to `worker`. */
  claimPending(opts: { now: string; limit: number; leaseMs: number; worker: string }): Promise<OutboxRow[]>;
  /** false when `worker` no longer holds the lease (the row was settled or re-claimed meanwhile): nothing written. */
  markSent(id: string, opts: { worker: string; at: string; event: AuditEventInput }): Promise<boolean>;
  /** `retryAt` null = dead (no more attempts). Counts the attempt. false when the lease was lost. */
  markFailed(id: string, opts: { worker: string; at: string; error: string; retryAt: string | null; event: AuditEventInput }): Promise<boolean>;
  /** Rows by state, newest first (dead deliveries must stay visible). */
  list(q?: { state?: OutboxState; limit?: number }): Promise<OutboxRow[]>;
}

/**
 * The outbox entries of a run's digests: one per configured channel of each recipient's team, or
 * one `none` entry when the recipient has no team or no channel (so it shows as dead, not lost).
 * The manager calls this and enqueues the result in its step transaction.
 *
 * @example
 * await tx.enqueueNotifications(outboxEntries(buildDigest({ runAt, reminders }), config.teams ?? {}, notifiers));
 */
export const outboxEntries = (digests: readonly Notification[], teams: Readonly<Record<string, TeamConfig>>, notifiers: NotifierRegistry): OutboxEntry[] =>
  digests.flatMap((n) => {
    const team = teams[n.recipient];
    const channels = team ? notifiers.keys().filter((c) => notifiers.get(c).target(team) !== undefined) : [];
    return (channels.length ? channels : ['none']).map((channel) => ({ key: `${n.runAt}:${n.recipient}:${channel}`, recipient: n.recipient, channel, notification: n }));
  });
