import type { VigilConfig } from '../config/vigil-config.js';
import { DEFAULT_CONFIG } from '../config/vigil-config.js';
import { SEND_TIMEOUT_MS } from './all-notifiers.js';
import { NotificationDeliveryService, type DeliveryAudit, type DeliveryOutbox } from './notification-delivery-service.js';
import type { NotifierRegistry } from './notifier.js';

/**
 * The delivery worker with its settings from validated config (teams, attempts, backoff); the
 * composition root hands in the notifier registry and the store's ports.
 *
 * @example
 * const notifiers = new Registry<Notifier>('notifier', allNotifiers(notifierDeps(config, process.env)));
 * const delivery = createNotificationDelivery(config, { outbox: store.outbox, audit: store.audit, notifiers, worker: `manager-${process.pid}` });
 * await delivery.deliverPending(clock.now());
 */
export const createNotificationDelivery = (
  config: VigilConfig,
  deps: { outbox: DeliveryOutbox; audit: DeliveryAudit; notifiers: NotifierRegistry; worker: string },
): NotificationDeliveryService => {
  const n = config.notifications ?? DEFAULT_CONFIG.notifications!;
  return new NotificationDeliveryService({
    outbox: deps.outbox,
    audit: deps.audit,
    notifiers: deps.notifiers,
    teams: config.teams ?? {},
    worker: deps.worker,
    settings: { maxAttempts: n.maxAttempts, backoffMs: n.backoffMs, maxBackoffMs: n.maxBackoffMs, leaseMs: SEND_TIMEOUT_MS * 4, batchSize: 16 },
  });
};
