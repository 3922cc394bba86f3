import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { NotificationDeliveryService } from '../notifications/notification-delivery-service.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { runVigil, tempDir } from '../testing/cli-harness.js';
import { startHttpSink } from '../testing/http-sink.js';
import { digestFor, reminderItem, testNotifiers } from '../testing/notification-fixture.js';

const dir = await tempDir();
after(() => dir.cleanup());

test('`vigil notifications` shows which digests went out and why the dead ones did not, per channel', async () => {
  const db = join(dir.path, 'vigil.db');
  const sink = await startHttpSink((r) => (r.path === '/gone' ? 404 : 200));
  const store = openSqliteStore({ file: db });
  try {
    await store.migrate();
    const at = '2026-12-03T10:00:00.000Z';
    await store.outbox.enqueue(
      [digestFor('payments', [reminderItem({ violationId: 'a' })]), digestFor('data', [reminderItem({ violationId: 'b' })])].map((d) => ({ kind: 'notification' as const, topic: d.recipient, payload: d })),
      at,
    );
    const teams = { payments: { channels: { teams: { url: `${sink.url}/ok` } } }, data: { channels: { teams: { url: `${sink.url}/gone` } } } };
    await new NotificationDeliveryService({ outbox: store.outbox, audit: store.audit, notifiers: testNotifiers(), teams, worker: 'w', settings: { maxAttempts: 3, backoffMs: 1_000, maxBackoffMs: 1_000, leaseMs: 60_000, batchSize: 10 } }).deliverPending(new Date(at));
  } finally {
    await store.close();
    await sink.close();
  }
  const dead = await runVigil(['notifications', '--status', 'dead', '--db', db], { cwd: dir.path });
  assert.equal(dead.code, 0, dead.stderr);
  assert.match(dead.stdout, /data +1 reminder\(s\) +dead after 1 attempt\(s\): teams: POST http:\/\/127\.0\.0\.1:\d+\/… answered 404/);
  assert.doesNotMatch(dead.stdout, /payments/);
  const all = JSON.parse((await runVigil(['notifications', '--format', 'json', '--db', db], { cwd: dir.path })).stdout) as { id: number; recipient: string; status: string }[];
  assert.deepEqual(all.map((r) => [r.recipient, r.status]).sort(), [['data', 'dead'], ['payments', 'sent']]);
  const one = await runVigil(['notifications', String(all.find((r) => r.recipient === 'payments')!.id), '--db', db], { cwd: dir.path });
  assert.match(one.stdout, /notification\.sent +teams +teams http:\/\/127\.0\.0\.1:\d+\/…/);
  assert.equal((await runVigil(['notifications', '--limit', 'x', '--db', db], { cwd: dir.path })).code, 2);
});
