import type { AuditEventInput } from '../audit/audit-event.js';
import type { TeamConfig } from '../config/vigil-config.js';
import type { NotificationOutbox, OutboxRow } from './notification-outbox.js';
import { DeliveryError, type NotifierRegistry } from './notifier.js';

export interface DeliverySettings {
  /** Attempts per delivery before it is recorded dead. */
  maxAttempts: number;
  /** First retry delay (ms), doubled per failed attempt, capped at `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /** How long a claim hides a row from other workers; keep it well above a notifier's timeout. */
  leaseMs: number;
  /** Rows claimed per round. */
  batchSize: number;
}

export const DEFAULT_DELIVERY: Omit<DeliverySettings, 'maxAttempts' | 'backoffMs' | 'maxBackoffMs'> = { leaseMs: 120_000, batchSize: 200 };

/** What one `deliverPending` call did. */
export interface DeliveryReport {
  sent: number;
  /** Failed this time, will be retried later. */
  retrying: number;
  /** Failed for good (attempts used up, permanent error, or no channel): recorded and visible. */
  dead: number;
  /** Claimed but settled by another worker meanwhile (lease lost): not counted twice. */
  lost: number;
}

/** Delay before attempt `attempts + 1` after `attempts` failures: backoff, 2×backoff, 4×… capped. */
export const retryDelay = (attempts: number, s: Pick<DeliverySettings, 'backoffMs' | 'maxBackoffMs'>): number =>
  Math.min(s.maxBackoffMs, s.backoffMs * 2 ** Math.max(0, attempts - 1));

/**
 * Drains the notification outbox: claims due deliveries (a lease, so workers never double-send),
 * sends each on its channel, and settles it — sent, retry later with exponential backoff, or dead —
 * writing `notification.sent` / `notification.failed` audit events (channel target redacted, never a
 * secret or a webhook URL). Deliveries run side by side: a slow or failing channel holds up nobody else.
 * The manager calls `deliverPending(now)` after each run; `vigil manage` does too.
 *
 * @example
 * const delivery = new NotificationDeliveryService({ outbox, notifiers, teams: config.teams ?? {}, worker: 'manager-1', settings });
 * const report = await delivery.deliverPending(clock.now()); // { sent: 3, retrying: 1, dead: 0, lost: 0 }
 */
export class NotificationDeliveryService {
  constructor(
    private readonly deps: {
      outbox: NotificationOutbox;
      notifiers: NotifierRegistry;
      teams: Readonly<Record<string, TeamConfig>>;
      /** Who claims: recorded as the audit actor `notifier:<worker>`. */
      worker: string;
      settings: DeliverySettings;
    },
  ) {}

  async deliverPending(now: Date): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retrying: 0, dead: 0, lost: 0 };
    const { outbox, worker, settings } = this.deps;
    // Rows that fail get a later nextAttemptAt, so each round claims new rows only; the bound is a
    // guard against a store that hands the same rows back.
    for (let round = 0; round < 1_000; round++) {
      const rows = await outbox.claimPending({ now: now.toISOString(), limit: settings.batchSize, leaseMs: settings.leaseMs, worker });
      if (!rows.length) break;
      const outcomes = await Promise.all(rows.map((r) => this.#deliver(r, now)));
      for (const o of outcomes) report[o]++;
      if (rows.length < settings.batchSize) break;
    }
    return report;
  }

  async #deliver(row: OutboxRow, now: Date): Promise<keyof DeliveryReport> {
    const { outbox, worker, settings } = this.deps;
    const at = now.toISOString();
    const team = this.deps.teams[row.recipient];
    const notifier = this.deps.notifiers.find(row.channel);
    const target = team && notifier ? notifier.target(team) : undefined;
    const base = { row, target: target ?? null, at };
    let failure: DeliveryError;
    if (!team || !notifier || !target) {
      failure = new DeliveryError(
        !team ? `no team "${row.recipient}" in config teams` : !notifier ? `unknown channel "${row.channel}"` : `team "${row.recipient}" has no ${row.channel} channel configured`,
        { retryable: false },
      );
    } else {
      try {
        await notifier.send(row.notification, team, { deliveryId: `${row.id}:${row.channel}`, now });
        const ok = await outbox.markSent(row.id, { worker, at, event: this.#event('notification.sent', base, { attempt: row.attempts + 1 }) });
        return ok ? 'sent' : 'lost';
      } catch (e) {
        failure = e instanceof DeliveryError ? e : new DeliveryError(`${row.channel}: ${(e as Error)?.message ?? String(e)}`, { retryable: true });
      }
    }
    const attempt = row.attempts + 1;
    const dead = !failure.retryable || attempt >= settings.maxAttempts;
    const retryAt = dead ? null : new Date(now.getTime() + retryDelay(attempt, settings)).toISOString();
    const event = this.#event('notification.failed', base, { attempt, maxAttempts: settings.maxAttempts, error: failure.message, retryable: failure.retryable, dead, retryAt });
    const ok = await outbox.markFailed(row.id, { worker, at, error: failure.message, retryAt, event });
    return !ok ? 'lost' : dead ? 'dead' : 'retrying';
  }

  #event(type: string, b: { row: OutboxRow; target: string | null; at: string }, extra: Record<string, unknown>): AuditEventInput {
    return {
      type,
      subjectKind: 'notification',
      subjectId: b.row.id,
      actor: `notifier:${this.deps.worker}`,
      at: b.at,
      data: {
        recipient: b.row.recipient,
        channel: b.row.channel,
        target: b.target,
        runAt: b.row.notification.runAt,
        items: b.row.notification.items.map((i) => i.dedupeKey),
        ...extra,
      },
    };
  }
}
