import type { AuditEvent } from '../audit/audit-event.js';
import type { Notification } from '../notifications/notification.js';
import type { OutboxRow, OutboxStatus } from '../store/ports/outbox-store.js';
import type { StorePorts } from '../store/store.js';

/** One owner's digest as its delivery stands: what operators look at when reminders do not arrive. */
export interface DeliveryView {
  id: number;
  recipient: string;
  runAt: string;
  /** How many reminders the digest carries. */
  items: number;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
  /** The last failure, channel by channel (hosts only: never a webhook path or secret). */
  lastError: string | null;
}

/** A delivery with each channel's outcomes from the audit trail. */
export interface DeliveryDetail extends DeliveryView {
  dedupeKeys: string[];
  channels: { type: string; channel: string | null; target: string | null; attempt: number | null; at: string; error: string | null; dead: boolean }[];
}

const view = (r: OutboxRow & { kind: 'notification' }): DeliveryView => ({
  id: r.id,
  recipient: r.topic,
  runAt: (r.payload as Notification).runAt,
  items: (r.payload as Notification).items.length,
  status: r.status,
  attempts: r.attempts,
  createdAt: r.createdAt,
  nextAttemptAt: r.nextAttemptAt,
  sentAt: r.sentAt,
  lastError: r.lastError,
});

/**
 * Notification deliveries from the outbox, newest first, optionally only one status (`dead` are the
 * ones that gave up) or one recipient.
 *
 * @example
 * const dead = await listDeliveries(store, { status: 'dead', limit: 50 });
 */
export const listDeliveries = async (store: Pick<StorePorts, 'outbox'>, q: { status?: OutboxStatus; recipient?: string; limit: number }): Promise<DeliveryView[]> => {
  const rows = await store.outbox.list({ kind: 'notification', ...(q.status ? { status: q.status } : {}), ...(q.recipient ? { topic: q.recipient } : {}) });
  return rows
    .filter((r): r is OutboxRow & { kind: 'notification' } => r.kind === 'notification')
    .sort((a, b) => b.id - a.id)
    .slice(0, q.limit)
    .map(view);
};

/** One delivery with its channel outcomes, or undefined when there is no such notification row. */
export const deliveryDetail = async (store: Pick<StorePorts, 'outbox' | 'audit'>, id: number): Promise<DeliveryDetail | undefined> => {
  const row = await store.outbox.get(id);
  if (!row || row.kind !== 'notification') return undefined;
  const events: AuditEvent[] = await store.audit.list({ subjectKind: 'notification', subjectId: String(id), limit: 1_000 });
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    ...view(row),
    dedupeKeys: row.payload.items.map((i) => i.dedupeKey),
    channels: events.map((e) => ({
      type: e.type,
      channel: str(e.data.channel),
      target: str(e.data.target),
      attempt: typeof e.data.attempt === 'number' ? e.data.attempt : null,
      at: e.at,
      error: str(e.data.error),
      dead: e.data.dead === true,
    })),
  };
};
