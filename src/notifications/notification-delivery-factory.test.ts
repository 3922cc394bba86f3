import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG, type VigilConfig } from '../config/vigil-config.js';
import { MemoryOutboxStore } from '../store/memory/memory-outbox-store.js';
import { startHttpSink } from '../testing/http-sink.js';
import { digestFor, reminderItem, testNotifiers } from '../testing/notification-fixture.js';
import { openTestStore } from '../testing/test-store.js';
import { createNotificationDelivery } from './notification-delivery-factory.js';

test('the delivery worker built from config sends to the configured team and retries per config', async () => {
  const sink = await startHttpSink((r) => (r.path === '/down' ? 500 : 200));
  const store = await openTestStore();
  try {
    const config: VigilConfig = {
      ...DEFAULT_CONFIG,
      teams: {
        payments: { channels: { webhook: { url: `${sink.url}/hook`, secretEnv: 'PAY_SECRET' } } },
        data: { channels: { slack: { url: `${sink.url}/down` } } },
      },
      notifications: { ...DEFAULT_CONFIG.notifications!, maxAttempts: 1 },
    };
    const outbox = new MemoryOutboxStore();
    await outbox.enqueue([digestFor('payments', [reminderItem({ violationId: 'v-1' })]), digestFor('data', [reminderItem({ violationId: 'v-2' })])].map((d) => ({ kind: 'notification' as const, topic: d.recipient, payload: d })), '2026-12-03T10:00:00.000Z');
    const delivery = createNotificationDelivery(config, { outbox, audit: store.audit, notifiers: testNotifiers({ PAY_SECRET: 'x' }), worker: 'test' });
    assert.deepEqual(await delivery.deliverPending(new Date('2026-12-03T10:00:00.000Z')), { sent: 1, retrying: 0, dead: 1, lost: 0 }, 'maxAttempts 1: the failing channel is dead at once');
    assert.equal(sink.requests.filter((r) => r.path === '/hook').length, 1);
  } finally {
    await store.close();
    await sink.close();
  }
});
