import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '../audit/audit-event.js';
import type { TeamConfig } from '../config/vigil-config.js';
import { KyselyOutboxStore } from '../store/kysely/kysely-outbox-store.js';
import { MemoryOutboxStore, emptyOutboxTables } from '../store/memory/memory-outbox-store.js';
import type { OutboxStore } from '../store/ports/outbox-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { startHttpSink } from '../testing/http-sink.js';
import { reminderItem, testNotifiers } from '../testing/notification-fixture.js';
import { postgresFixture, postgresSkip, sqliteFixture, type SqlFixture } from '../testing/escalation-backends.js';
import { sqliteFileSession } from '../testing/delivery-race.js';
import { openTestStore } from '../testing/test-store.js';
import { buildDigest } from './notification.js';
import { NotificationDeliveryService, retryDelay, type DeliveryReport, type DeliverySettings } from './notification-delivery-service.js';

const settings: DeliverySettings = { maxAttempts: 3, backoffMs: 60_000, maxBackoffMs: 3_600_000, leaseMs: 120_000, batchSize: 50 };
const T0 = new Date('2026-12-03T10:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

/** An outbox backend: `outbox()` opens another session on the same database (another worker process). */
interface Backend {
  name: string;
  open(): Promise<{ outbox: () => OutboxStore; cleanup(): Promise<void> }>;
  skip?: () => Promise<string | false>;
}
const sqlBackend = (name: string, fixture: () => Promise<SqlFixture>, skip?: () => Promise<string | false>): Backend => ({
  name,
  ...(skip ? { skip } : {}),
  async open() {
    const f = await fixture();
    return { outbox: () => new KyselyOutboxStore(f.session()), cleanup: () => f.cleanup() };
  },
});
const backends: Backend[] = [
  { name: 'memory', open: async () => { const t = emptyOutboxTables(); return { outbox: () => new MemoryOutboxStore(t), cleanup: async () => undefined }; } },
  sqlBackend('sqlite', sqliteFixture),
  sqlBackend('postgres', postgresFixture, postgresSkip),
];

for (const impl of backends) {
  describe(`notification delivery (${impl.name} outbox)`, async () => {
    const skip = impl.skip ? await impl.skip() : false;
    if (skip) {
      it(`skipped: ${skip}`, { skip }, () => undefined);
      return;
    }
    let backend: Awaited<ReturnType<Backend['open']>>;
    let sink: Awaited<ReturnType<typeof startHttpSink>>;
    /** Path → status codes answered in turn (the last repeats); 200 when absent. */
    let script: Record<string, number[]>;
    let store: Store;
    let outbox: OutboxStore;
    before(async () => {
      sink = await startHttpSink((r, nth) => {
        const codes = script[r.path];
        return codes ? codes[Math.min(nth, codes.length) - 1]! : 200;
      });
    });
    after(() => sink.close());
    beforeEach(async () => {
      sink.requests.length = 0;
      script = {};
      store = await openTestStore();
      backend = await impl.open();
      outbox = backend.outbox();
    });
    afterEach(async () => {
      await store.close();
      await backend.cleanup();
    });

    const notifiers = () => testNotifiers({ HOOK_SECRET: 's' });
    const teams = (): Record<string, TeamConfig> => ({
      payments: { channels: { slack: { url: `${sink.url}/slack/payments` }, webhook: { url: `${sink.url}/hook/payments`, secretEnv: 'HOOK_SECRET' } } },
      data: { channels: { teams: { url: `${sink.url}/teams/data` } } },
      silent: { channels: {} },
    });
    const service = (worker = 'w1', on: OutboxStore = outbox) => new NotificationDeliveryService({ outbox: on, audit: store.audit, notifiers: notifiers(), teams: teams(), worker, settings });
    /** One manager run: a reminder per owner listed, grouped into digests, enqueued. */
    const enqueueRun = async (owners: string[], runAt = T0) => {
      const digests = buildDigest({ runAt: runAt.toISOString(), reminders: owners.map((owner, i) => ({ owner, item: reminderItem({ violationId: `v-${owner}-${i}` }) })) });
      await outbox.enqueue(digests.map((d) => ({ kind: 'notification' as const, topic: d.recipient, payload: d })), runAt.toISOString());
    };
    const hits = (path: string) => sink.requests.filter((r) => r.path === path).length;
    const events = async (): Promise<AuditEvent[]> => store.audit.list({ subjectKind: 'notification', limit: 1_000 });

    it('sends each owner one digest on every channel of their team and records notification.sent without webhook URLs', async () => {
      await enqueueRun(['payments', 'data', 'payments']);
      assert.deepEqual(await service().deliverPending(T0), { sent: 2, retrying: 0, dead: 0, lost: 0 });
      assert.deepEqual([hits('/slack/payments'), hits('/hook/payments'), hits('/teams/data')], [1, 1, 1], 'one digest per owner, not one per reminder');
      const hook = JSON.parse(sink.requests.find((r) => r.path === '/hook/payments')!.body) as { notification: { items: unknown[] } };
      assert.equal(hook.notification.items.length, 2);
      const ev = await events();
      assert.deepEqual(ev.map((e) => [e.type, e.data.channel]).sort(), [['notification.sent', 'slack'], ['notification.sent', 'teams'], ['notification.sent', 'webhook']]);
      const text = JSON.stringify(ev);
      assert.doesNotMatch(text, /\/slack\/payments|\/hook\/payments|\/teams\/data|HOOK_SECRET/, 'audit events never hold a webhook path or secret');
      assert.match(text, /"target":"slack http:\/\/127\.0\.0\.1:\d+\/…"/);
      assert.equal((await outbox.list({ status: 'sent' })).length, 2);
    });

    it('retries a 500 with exponential backoff, then succeeds', async () => {
      script['/teams/data'] = [500, 500, 200];
      await enqueueRun(['data']);
      const svc = service();
      assert.deepEqual(await svc.deliverPending(T0), { sent: 0, retrying: 1, dead: 0, lost: 0 });
      const [row] = await outbox.list();
      assert.equal(row!.nextAttemptAt, later(60_000).toISOString(), 'first retry after backoffMs');
      assert.equal(row!.attempts, 1);
      assert.deepEqual(await svc.deliverPending(later(59_999)), { sent: 0, retrying: 0, dead: 0, lost: 0 }, 'not before its time');
      assert.deepEqual(await svc.deliverPending(later(60_000)), { sent: 0, retrying: 1, dead: 0, lost: 0 });
      assert.equal((await outbox.list())[0]!.nextAttemptAt, later(60_000 + 120_000).toISOString(), 'the delay doubles');
      assert.deepEqual(await svc.deliverPending(later(180_000)), { sent: 1, retrying: 0, dead: 0, lost: 0 });
      assert.equal(hits('/teams/data'), 3);
      assert.deepEqual((await events()).map((e) => [e.type, e.data.attempt]), [['notification.failed', 1], ['notification.failed', 2], ['notification.sent', 3]]);
    });

    it('after a partial failure only the failed channel is sent again', async () => {
      script['/slack/payments'] = [503, 200];
      await enqueueRun(['payments']);
      assert.deepEqual(await service().deliverPending(T0), { sent: 0, retrying: 1, dead: 0, lost: 0 });
      assert.deepEqual(await service().deliverPending(later(60_000)), { sent: 1, retrying: 0, dead: 0, lost: 0 });
      assert.deepEqual([hits('/slack/payments'), hits('/hook/payments')], [2, 1], 'the webhook that succeeded the first time is not repeated');
    });

    it('a channel that always fails does not hold up another team, and ends recorded dead', async () => {
      script['/slack/payments'] = [500];
      await enqueueRun(['payments', 'data']);
      const svc = service();
      assert.deepEqual(await svc.deliverPending(T0), { sent: 1, retrying: 1, dead: 0, lost: 0 }, 'data went out on the first run');
      assert.equal(hits('/teams/data'), 1);
      await svc.deliverPending(later(retryDelay(1, settings)));
      const last = await svc.deliverPending(later(retryDelay(1, settings) + retryDelay(2, settings)));
      assert.deepEqual(last, { sent: 0, retrying: 0, dead: 1, lost: 0 });
      assert.equal(hits('/slack/payments'), settings.maxAttempts);
      assert.equal(hits('/hook/payments'), 1);
      const [dead] = await outbox.list({ status: 'dead' });
      assert.equal(dead!.topic, 'payments');
      assert.match(dead!.lastError!, /slack: POST http:\/\/127\.0\.0\.1:\d+\/… answered 500/);
      const final = (await events()).at(-1)!;
      assert.deepEqual([final.type, final.data.channel, final.data.dead], ['notification.failed', 'slack', true]);
      const again = await svc.deliverPending(later(86_400_000));
      assert.equal(again.sent + again.retrying + again.dead, 0, 'a dead delivery is not retried');
    });

    it('a permanent failure (webhook gone) is dead at once; an owner without a team or channel is recorded, not lost', async () => {
      script['/teams/data'] = [404];
      await enqueueRun(['data', 'nobody', 'silent']);
      assert.deepEqual(await service().deliverPending(T0), { sent: 0, retrying: 0, dead: 3, lost: 0 });
      const dead = await outbox.list({ status: 'dead' });
      assert.deepEqual(dead.map((r) => r.topic).sort(), ['data', 'nobody', 'silent']);
      assert.match(dead.find((r) => r.topic === 'nobody')!.lastError!, /no team "nobody"/);
      assert.match(dead.find((r) => r.topic === 'silent')!.lastError!, /no channel configured/);
    });

    it('never sends a digest twice: running again, or two workers racing', { skip: impl.name === 'sqlite' ? 'SQLite: two processes race in the test below' : false }, async () => {
      await enqueueRun(['payments', 'data']);
      // Two workers, each on its own connection (two processes), at the same instant.
      const [a, b] = await Promise.all([service('w1').deliverPending(T0), service('w2', backend.outbox()).deliverPending(T0)]);
      assert.equal(a.sent + b.sent, 2);
      await service('w1').deliverPending(later(1_000_000));
      assert.deepEqual([hits('/slack/payments'), hits('/hook/payments'), hits('/teams/data')], [1, 1, 1]);
      assert.equal((await events()).length, 3);
    });

    it('claims in rounds of batchSize until the due rows are drained', async () => {
      await enqueueRun(['payments', 'data']);
      const small = new NotificationDeliveryService({ outbox, audit: store.audit, notifiers: testNotifiers({ HOOK_SECRET: 's' }), teams: teams(), worker: 'w1', settings: { ...settings, batchSize: 1 } });
      assert.deepEqual(await small.deliverPending(T0), { sent: 2, retrying: 0, dead: 0, lost: 0 });
    });

    it('a reminder the manager enqueues again (same violation and step) is not delivered again', async () => {
      await enqueueRun(['data']);
      await service().deliverPending(T0);
      await enqueueRun(['data'], later(1_000));
      await service().deliverPending(later(1_000));
      assert.equal(hits('/teams/data'), 1);
    });
  });
}

describe('notification delivery: two worker processes racing on one SQLite file', () => {
  it('sends every digest exactly once', async () => {
    const sink = await startHttpSink();
    const dir = mkdtempSync(join(tmpdir(), 'vigil-race-'));
    const file = join(dir, 'vigil.db');
    const store = openSqliteStore({ file });
    try {
      await store.migrate();
      const owners = ['payments', 'data', 'ops', 'payments', 'data'];
      const digests = buildDigest({ runAt: T0.toISOString(), reminders: owners.map((owner, i) => ({ owner, item: reminderItem({ violationId: `v-${i}` }) })) });
      const session = sqliteFileSession(file);
      await new KyselyOutboxStore(session).enqueue(digests.map((d) => ({ kind: 'notification' as const, topic: d.recipient, payload: d })), T0.toISOString());
      await session.destroy();
      const run = (worker: string) =>
        new Promise<DeliveryReport>((ok, fail) => {
          execFile(process.execPath, ['--import', 'tsx', 'src/testing/delivery-race-worker.ts', file, sink.url, worker, T0.toISOString()], { cwd: process.cwd() }, (err, stdout, stderr) =>
            err ? fail(new Error(`${worker}: ${stderr || err.message}`)) : ok(JSON.parse(stdout) as DeliveryReport),
          );
        });
      const reports = await Promise.all([run('p1'), run('p2')]);
      assert.equal(reports.reduce((n, r) => n + r.sent, 0), 3, `one worker or the other delivered each digest: ${JSON.stringify(reports)}`);
      const hits = (path: string) => sink.requests.filter((r) => r.path === path).length;
      assert.deepEqual([hits('/slack/payments'), hits('/hook/payments'), hits('/teams/data'), hits('/slack/ops')], [1, 1, 1, 1]);
      assert.equal((await store.audit.list({ subjectKind: 'notification', types: ['notification.sent'] })).length, 4);
    } finally {
      await store.close();
      await sink.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
