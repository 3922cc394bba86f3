import type { VigilConfig } from '../config/vigil-config.js';
import { DEFAULT_CONFIG } from '../config/vigil-config.js';
import type { OutboxStore } from '../store/ports/outbox-store.js';
import { createNotifierRegistry } from './all-notifiers.js';
import { NotificationDeliveryService, type DeliveryAudit } from './notification-delivery-service.js';
import type { Notifier } from './notifier.js';

/** Each channel call gives up after this long; the lease (4× longer) outlives any one delivery round. */
const SEND_TIMEOUT_MS = 30_000;

/**
 * Builds the delivery worker from validated config, for the composition root: the notifier registry
 * (secrets read from `env` by the names config gives), the teams, retry settings.
 *
 * @example
 * const delivery = createNotificationDelivery(config, { outbox: store.outbox, audit: store.audit, env: process.env, worker: `manager-${process.pid}` });
 * await delivery.deliverPending(clock.now());
 */
export const createNotificationDelivery = (
  config: VigilConfig,
  deps: { outbox: OutboxStore; audit: DeliveryAudit; env: Readonly<Record<string, string | undefined>>; worker: string; extraNotifiers?: Notifier[] },
): NotificationDeliveryService => {
  const n = config.notifications ?? DEFAULT_CONFIG.notifications!;
  const notifiers = createNotifierRegistry(
    { env: deps.env, timeoutMs: SEND_TIMEOUT_MS, ...(n.email ? { email: n.email } : {}), ...(config.server.publicUrl ? { publicUrl: config.server.publicUrl } : {}) },
    deps.extraNotifiers,
  );
  return new NotificationDeliveryService({
    outbox: deps.outbox,
    audit: deps.audit,
    notifiers,
    teams: config.teams ?? {},
    worker: deps.worker,
    settings: { maxAttempts: n.maxAttempts, backoffMs: n.backoffMs, maxBackoffMs: n.maxBackoffMs, leaseMs: SEND_TIMEOUT_MS * 4, batchSize: 200 },
  });
};
