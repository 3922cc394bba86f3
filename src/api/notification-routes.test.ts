import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemClock } from '../common/clock.js';
import { NotificationDeliveryService } from '../notifications/notification-delivery-service.js';
import type { Store } from '../store/store.js';
import { startHttpSink } from '../testing/http-sink.js';
import { digestFor, reminderItem, testNotifiers } from '../testing/notification-fixture.js';
import { openTestStore } from '../testing/test-store.js';
import { createApiServer, type ApiServer } from './api-server.js';

describe('notification delivery over the API', () => {
  let store: Store;
  let server: ApiServer;
  let sink: Awaited<ReturnType<typeof startHttpSink>>;
  before(async () => {
    sink = await startHttpSink((r) => (r.path === '/gone' ? 404 : 200));
    store = await openTestStore();
    const teams = { payments: { channels: { slack: { url: `${sink.url}/ok` } } }, data: { channels: { slack: { url: `${sink.url}/gone` } } } };
    const at = '2026-12-03T10:00:00.000Z';
    await store.outbox.enqueue(
      [digestFor('payments', [reminderItem({ violationId: 'a' }), reminderItem({ violationId: 'b' })]), digestFor('data', [reminderItem({ violationId: 'c' })])].map((d) => ({ kind: 'notification' as const, topic: d.recipient, payload: d })),
      at,
    );
    const delivery = new NotificationDeliveryService({ outbox: store.outbox, audit: store.audit, notifiers: testNotifiers(), teams, worker: 'w', settings: { maxAttempts: 3, backoffMs: 1_000, maxBackoffMs: 10_000, leaseMs: 60_000, batchSize: 10 } });
    await delivery.deliverPending(new Date(at));
    server = createApiServer({ store, policies: [], clock: systemClock });
  });
  after(async () => {
    await server.close();
    await store.close();
    await sink.close();
  });

  it('lists digests with their status, and only the dead ones when asked, with the redacted reason', async () => {
    const all = (await server.fastify.inject('/api/notifications')).json() as { items: { recipient: string; status: string; items: number }[] };
    assert.deepEqual(all.items.map((i) => [i.recipient, i.status, i.items]).sort(), [['data', 'dead', 1], ['payments', 'sent', 2]]);
    const dead = (await server.fastify.inject('/api/notifications?status=dead')).json() as { items: { recipient: string; lastError: string }[] };
    assert.deepEqual(dead.items.map((i) => i.recipient), ['data']);
    assert.match(dead.items[0]!.lastError, /slack: POST http:\/\/127\.0\.0\.1:\d+\/… answered 404/);
    assert.doesNotMatch(dead.items[0]!.lastError, /\/gone/);
    assert.equal((await server.fastify.inject('/api/notifications?status=lost')).statusCode, 400);
  });

  it('shows one digest with each channel outcome from the audit trail; an unknown id is a 404', async () => {
    const [row] = (await server.fastify.inject('/api/notifications?recipient=payments')).json().items as { id: number }[];
    const detail = (await server.fastify.inject(`/api/notifications/${row!.id}`)).json() as { dedupeKeys: string[]; channels: { type: string; channel: string }[] };
    assert.deepEqual(detail.dedupeKeys.sort(), ['a:2', 'b:2']);
    assert.deepEqual(detail.channels.map((c) => [c.type, c.channel]), [['notification.sent', 'slack']]);
    assert.equal((await server.fastify.inject('/api/notifications/999')).statusCode, 404);
    assert.equal((await server.fastify.inject('/api/notifications/x')).statusCode, 404);
  });
});
