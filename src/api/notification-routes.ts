import type { FastifyInstance } from 'fastify';
import { UsageError, VigilError } from '../common/vigil-error.js';
import { deliveryDetail, listDeliveries } from '../reports/notification-deliveries.js';
import type { ApiDeps } from './api-deps.js';
import { listParam, pageParams, textParam, type RawQuery } from './query-params.js';

const STATUSES = ['pending', 'sent', 'dead'] as const;

/**
 * `GET /api/notifications` — owners' digests and their delivery: filters `status` (pending, sent,
 * dead), `recipient`, `limit`; newest first.
 * `GET /api/notifications/:id` — one digest with each channel's outcome (from the audit trail).
 *
 * @example
 * (await app.inject('/api/notifications?status=dead')).json().items[0].lastError; // 'slack: POST https://hooks.slack.com/… answered 404'
 */
export function registerNotificationRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/api/notifications', async (request) => {
    const q = request.query as RawQuery;
    const status = listParam(q, 'status', STATUSES);
    if (status && status.length > 1) throw new UsageError('status: give one of pending, sent, dead');
    const recipient = textParam(q, 'recipient');
    const { limit } = pageParams(q, 100);
    const items = await listDeliveries(deps.store, { limit, ...(status?.[0] ? { status: status[0] } : {}), ...(recipient ? { recipient } : {}) });
    return { items };
  });

  app.get('/api/notifications/:id', async (request) => {
    const raw = (request.params as { id: string }).id;
    const detail = /^\d+$/.test(raw) ? await deliveryDetail(deps.store, Number(raw)) : undefined;
    if (!detail) throw new VigilError('notification.not-found', `no notification ${JSON.stringify(raw)}`, { status: 404 });
    return detail;
  });
}
