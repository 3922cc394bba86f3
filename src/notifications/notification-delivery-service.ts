import type { AuditEvent, AuditEventInput } from '../audit/audit-event.js';
import type { TeamConfig } from '../config/vigil-config.js';
import type { Notification } from './notification.js';
import { DeliveryError, type Notifier, type NotifierRegistry } from './notifier.js';

export interface DeliverySettings {
  /** Attempts per outbox row before its failing channels are recorded dead. */
  maxAttempts: number;
  /** First retry delay (ms), doubled per failed attempt, capped at `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How long a claim hides a row from other workers; keep it well above a notifier's timeout. */
  leaseMs: number;
  /**
   * Rows claimed per round, all sent side by side: bounds the open connections, and keeps a round
   * (at most one send timeout long) well inside the lease.
   */
  batchSize: number;
}

/** What one `deliverPending` call did, per outbox row (one row = one owner's digest). */
export interface DeliveryReport {
  /** Every channel of the row has now delivered. */
  sent: number;
  /** Some channel failed this time and will be retried later. */
  retrying: number;
  /** Some channel failed for good (attempts used up, permanent error, no channel at all): recorded, visible. */
  dead: number;
  /** The lease ran out and another worker settled the row: not counted twice. */
  lost: number;
}

/** Delay before the next attempt after `attempts` failures: backoff, 2×backoff, 4×…, capped. */
export const retryDelay = (attempts: number, s: Pick<DeliverySettings, 'backoffMs' | 'maxBackoffMs'>): number =>
  Math.min(s.maxBackoffMs, s.backoffMs * 2 ** Math.max(0, attempts - 1));

/**
 * The audit trail as the delivery worker uses it (the store's audit log port has this shape): it is
 * also the record of which channels already delivered.
 */
export interface DeliveryAudit {
  append(events: AuditEventInput[]): Promise<unknown>;
  list(q: { subjectKind: AuditEvent['subjectKind']; subjectId: string; types: string[]; limit: number }): Promise<AuditEvent[]>;
}

/** An outbox row as the delivery worker reads it (the store's outbox rows have this shape). */
export interface ClaimedRow {
  id: number;
  kind: string;
  /** The recipient (owner) of a notification row. */
  topic: string;
  payload: unknown;
  /** Failed attempts so far. */
  attempts: number;
  claimToken: string | null;
}

/**
 * The outbox as the delivery worker uses it — the store's outbox port (`store.outbox`) has this shape.
 * Declared here, not imported, so notifications do not depend on the store (the store's outbox already
 * depends on the Notification type).
 */
export interface DeliveryOutbox {
  claimPending(q: { limit: number; leaseMs: number; now: string; kind: 'notification' }): Promise<ClaimedRow[]>;
  markSent(id: number, claimToken: string, at: string): Promise<boolean>;
  markFailed(id: number, claimToken: string, failure: { attempts: number; nextAttemptAt: string | null; error: string; at: string }): Promise<boolean>;
}

type OutboxRow = ClaimedRow;

type ChannelOutcome = { channel: string; ok: true } | { channel: string; ok: false; error: DeliveryError };

/**
 * Drains the notification outbox: claims due digests (a lease, so two workers never hold one row),
 * sends each on every channel of the owner's team side by side — a slow or failing channel holds up
 * nobody else — and settles the row: sent, retry later with exponential backoff, or dead. Every
 * channel's outcome is an audit event (`notification.sent` / `notification.failed`, subject = the
 * outbox id, with the channel and a redacted target: never a secret or a webhook URL); a channel that
 * has a `notification.sent` (or a dead `notification.failed`) for the row is never tried again, so a
 * retry after a partial failure re-sends only what failed.
 * The manager calls `deliverPending(now)` after each run; `vigil manage` does too.
 *
 * @example
 * const delivery = new NotificationDeliveryService({ outbox: store.outbox, audit: store.audit, notifiers, teams: config.teams ?? {}, worker: 'manager-1', settings });
 * await delivery.deliverPending(clock.now()); // { sent: 3, retrying: 1, dead: 0, lost: 0 }
 */
export class NotificationDeliveryService {
  constructor(
    private readonly deps: {
      outbox: DeliveryOutbox;
      audit: DeliveryAudit;
      notifiers: NotifierRegistry;
      teams: Readonly<Record<string, TeamConfig>>;
      /** Recorded as the audit actor `notifier:<worker>`. */
      worker: string;
      settings: DeliverySettings;
    },
  ) {}

  async deliverPending(now: Date): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retrying: 0, dead: 0, lost: 0 };
    const { outbox, settings } = this.deps;
    // A failed row gets a later nextAttemptAt, so each round claims new rows; the bound guards
    // against a store that hands the same rows back.
    for (let round = 0; round < 1_000; round++) {
      const rows = await outbox.claimPending({ now: now.toISOString(), limit: settings.batchSize, leaseMs: settings.leaseMs, kind: 'notification' });
      if (!rows.length) break;
      const outcomes = await Promise.all(rows.map((r) => this.#deliver(r, now)));
      for (const o of outcomes) report[o]++;
      if (rows.length < settings.batchSize) break;
    }
    return report;
  }

  async #deliver(row: OutboxRow, now: Date): Promise<keyof DeliveryReport> {
    if (row.kind !== 'notification') return 'lost';
    const digest = row.payload as Notification;
    const { outbox, settings, notifiers } = this.deps;
    const at = now.toISOString();
    const attempt = row.attempts + 1;
    const team = this.deps.teams[row.topic];
    const channels = team ? notifiers.list().filter((n) => n.target(team) !== undefined) : [];
    if (!team || channels.length === 0) {
      const error = !team ? `no team "${row.topic}" in config teams: nobody to send to` : `team "${row.topic}" has no channel configured`;
      await this.#record('notification.failed', row, at, { channel: null, target: null, attempt, error, retryable: false, dead: true });
      return (await outbox.markFailed(row.id, row.claimToken!, { attempts: attempt, nextAttemptAt: null, error, at })) ? 'dead' : 'lost';
    }
    const settled = await this.#settledChannels(row.id);
    const todo = channels.filter((n) => !settled.has(n.name));
    const outcomes = await Promise.all(todo.map((n) => this.#send(n, team!, digest, row, now)));
    const failed = outcomes.filter((o): o is Extract<ChannelOutcome, { ok: false }> => !o.ok);
    const exhausted = attempt >= settings.maxAttempts;
    for (const o of outcomes) {
      const target = notifiers.get(o.channel).target(team);
      if (o.ok) await this.#record('notification.sent', row, at, { channel: o.channel, target, attempt });
      else {
        const dead = !o.error.retryable || exhausted;
        const retryAt = dead ? null : new Date(now.getTime() + retryDelay(attempt, settings)).toISOString();
        await this.#record('notification.failed', row, at, { channel: o.channel, target, attempt, maxAttempts: settings.maxAttempts, error: o.error.message, retryable: o.error.retryable, dead, retryAt });
      }
    }
    const retry = failed.filter((o) => o.error.retryable && !exhausted);
    const deadNow = failed.filter((o) => !retry.includes(o));
    // A channel recorded dead before this attempt still makes the row dead once nothing is left to retry.
    const deadBefore = [...settled.values()].some((s) => s === 'dead');
    if (failed.length === 0 && !deadBefore) return (await outbox.markSent(row.id, row.claimToken!, at)) ? 'sent' : 'lost';
    const error = failed.map((o) => `${o.channel}: ${o.error.message}`).join('; ') || 'a channel failed for good in an earlier attempt';
    const nextAttemptAt = retry.length ? new Date(now.getTime() + retryDelay(attempt, settings)).toISOString() : null;
    const ok = await outbox.markFailed(row.id, row.claimToken!, { attempts: attempt, nextAttemptAt, error, at });
    return !ok ? 'lost' : nextAttemptAt ? 'retrying' : deadNow.length || deadBefore ? 'dead' : 'sent';
  }

  async #send(n: Notifier, team: TeamConfig, digest: Notification, row: OutboxRow, now: Date): Promise<ChannelOutcome> {
    try {
      await n.send(digest, team, { deliveryId: `${row.id}:${n.name}`, now });
      return { channel: n.name, ok: true };
    } catch (e) {
      const error = e instanceof DeliveryError ? e : new DeliveryError(`${n.name}: ${e instanceof Error ? e.message : String(e)}`, { retryable: true, cause: e });
      return { channel: n.name, ok: false, error };
    }
  }

  /** Channels this row already finished with: delivered, or failed for good. */
  async #settledChannels(id: number): Promise<Map<string, 'sent' | 'dead'>> {
    const events = await this.deps.audit.list({ subjectKind: 'notification', subjectId: String(id), types: ['notification.sent', 'notification.failed'], limit: 1_000 });
    const out = new Map<string, 'sent' | 'dead'>();
    for (const e of events) {
      const channel = e.data.channel;
      if (typeof channel !== 'string') continue;
      if (e.type === 'notification.sent') out.set(channel, 'sent');
      else if (e.data.dead === true && out.get(channel) !== 'sent') out.set(channel, 'dead');
    }
    return out;
  }

  async #record(type: string, row: OutboxRow, at: string, data: Record<string, unknown>): Promise<void> {
    const digest = row.payload as Notification;
    const event: AuditEventInput = {
      type,
      subjectKind: 'notification',
      subjectId: String(row.id),
      actor: `notifier:${this.deps.worker}`,
      at,
      data: { recipient: row.topic, runAt: digest.runAt, items: digest.items.map((i) => i.dedupeKey), ...data },
    };
    await this.deps.audit.append([event]);
  }
}
