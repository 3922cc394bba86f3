import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { TeamConfig } from '../config/vigil-config.js';
import { startHttpSink } from '../testing/http-sink.js';
import { digestFor, reminderItem } from '../testing/notification-fixture.js';
import { createNotifierRegistry } from './all-notifiers.js';
import { FakeNotificationOutbox } from './fake-notification-outbox.js';
import { buildDigest } from './notification.js';
import { NotificationDeliveryService, retryDelay, type DeliverySettings } from './notification-delivery-service.js';
import { outboxEntries, type NotificationOutbox } from './notification-outbox.js';

const settings: DeliverySettings = { maxAttempts: 3, backoffMs: 60_000, maxBackoffMs: 3_600_000, leaseMs: 120_000, batchSize: 50 };
const T0 = new Date('2026-12-03T10:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('notification delivery', () => {
  let sink: Awaited<ReturnType<typeof startHttpSink>>;
  /** Path → status codes to answer in turn (the last one repeats); default 200. */
  let script: Record<string, number[]>;
  before(async () => {
    sink = await startHttpSink((r, nth) => {
      const codes = script[r.path];
      return codes ? codes[Math.min(nth, codes.length) - 1]! : 200;
    });
  });
  after(() => sink.close());
  beforeEach(() => {
    sink.requests.length = 0;
    script = {};
  });

  const notifiers = () => createNotifierRegistry({ env: { HOOK_SECRET: 's' }, timeoutMs: 5_000 });
  const teams = (): Record<string, TeamConfig> => ({
    payments: { channels: { slack: { url: `${sink.url}/slack/payments` }, webhook: { url: `${sink.url}/hook/payments`, secretEnv: 'HOOK_SECRET' } } },
    data: { channels: { teams: { url: `${sink.url}/teams/data` } } },
  });
  const service = (outbox: NotificationOutbox, worker = 'w1') => new NotificationDeliveryService({ outbox, notifiers: notifiers(), teams: teams(), worker, settings });
  const enqueueRun = async (outbox: NotificationOutbox, owners: string[]) => {
    const digests = buildDigest({ runAt: T0.toISOString(), reminders: owners.map((owner, i) => ({ owner, item: reminderItem({ violationId: `v-${owner}-${i}` }) })) });
    await outbox.enqueue(outboxEntries(digests, teams(), notifiers()), T0.toISOString());
  };
  const hits = (path: string) => sink.requests.filter((r) => r.path === path).length;

  it('sends each owner digest on every channel of their team and records notification.sent without webhook URLs', async () => {
    const outbox = new FakeNotificationOutbox();
    await enqueueRun(outbox, ['payments', 'data', 'payments']);
    const report = await service(outbox).deliverPending(T0);
    assert.deepEqual(report, { sent: 3, retrying: 0, dead: 0, lost: 0 });
    assert.equal(hits('/slack/payments'), 1, 'one digest per owner, not one per reminder');
    assert.equal(hits('/hook/payments'), 1);
    assert.equal(hits('/teams/data'), 1);
    const payments = JSON.parse(sink.requests.find((r) => r.path === '/hook/payments')!.body) as { notification: { items: unknown[] } };
    assert.equal(payments.notification.items.length, 2);
    assert.deepEqual(outbox.events.map((e) => e.type), ['notification.sent', 'notification.sent', 'notification.sent']);
    const text = JSON.stringify(outbox.events);
    assert.doesNotMatch(text, /\/slack\/payments|\/hook\/payments|\/teams\/data/, 'audit events never hold a webhook path');
    assert.match(text, /"target":"slack http:\/\/127\.0\.0\.1:\d+\/…"/);
  });

  it('retries a 500 with exponential backoff, then succeeds', async () => {
    script['/teams/data'] = [500, 500, 200];
    const outbox = new FakeNotificationOutbox();
    await enqueueRun(outbox, ['data']);
    const svc = service(outbox);
    assert.deepEqual(await svc.deliverPending(T0), { sent: 0, retrying: 1, dead: 0, lost: 0 });
    const [row] = await outbox.list();
    assert.equal(row!.nextAttemptAt, later(60_000).toISOString(), 'first retry after backoffMs');
    assert.equal(row!.attempts, 1);
    assert.deepEqual(await svc.deliverPending(later(59_999)), { sent: 0, retrying: 0, dead: 0, lost: 0 }, 'not before its time');
    assert.deepEqual(await svc.deliverPending(later(60_000)), { sent: 0, retrying: 1, dead: 0, lost: 0 });
    assert.equal((await outbox.list())[0]!.nextAttemptAt, later(60_000 + 120_000).toISOString(), 'the delay doubles');
    assert.deepEqual(await svc.deliverPending(later(180_000)), { sent: 1, retrying: 0, dead: 0, lost: 0 });
    assert.equal(hits('/teams/data'), 3);
    assert.deepEqual(outbox.events.map((e) => [e.type, e.data.attempt]), [['notification.failed', 1], ['notification.failed', 2], ['notification.sent', 3]]);
    assert.equal((await outbox.list({ state: 'sent' })).length, 1);
  });

  it('a channel that always fails does not hold up another team, and ends recorded dead', async () => {
    script['/slack/payments'] = [500];
    const outbox = new FakeNotificationOutbox();
    await enqueueRun(outbox, ['payments', 'data']);
    const svc = service(outbox);
    const first = await svc.deliverPending(T0);
    assert.deepEqual(first, { sent: 2, retrying: 1, dead: 0, lost: 0 }, 'data (teams) and the payments webhook went out on the first run');
    await svc.deliverPending(later(retryDelay(1, settings)));
    const last = await svc.deliverPending(later(retryDelay(1, settings) + retryDelay(2, settings)));
    assert.deepEqual(last, { sent: 0, retrying: 0, dead: 1, lost: 0 });
    assert.equal(hits('/slack/payments'), settings.maxAttempts);
    const [dead] = await outbox.list({ state: 'dead' });
    assert.equal(dead!.channel, 'slack');
    assert.match(dead!.lastError!, /answered 500/);
    const final = outbox.events.at(-1)!;
    assert.equal(final.type, 'notification.failed');
    assert.equal(final.data.dead, true);
    assert.equal(await svc.deliverPending(later(86_400_000)).then((r) => r.sent + r.retrying + r.dead), 0, 'a dead delivery is not retried');
  });

  it('a permanent failure (webhook gone) is dead at once; a recipient without a team is recorded, not lost', async () => {
    script['/teams/data'] = [404];
    const outbox = new FakeNotificationOutbox();
    await enqueueRun(outbox, ['data', 'nobody']);
    assert.deepEqual(await service(outbox).deliverPending(T0), { sent: 0, retrying: 0, dead: 2, lost: 0 });
    const dead = await outbox.list({ state: 'dead' });
    assert.deepEqual(dead.map((r) => [r.recipient, r.channel]).sort(), [['data', 'teams'], ['nobody', 'none']]);
    assert.match(dead.find((r) => r.recipient === 'nobody')!.lastError!, /no team "nobody"/);
  });

  it('never sends a delivery twice: running again, or two workers racing', async () => {
    const outbox = new FakeNotificationOutbox();
    await enqueueRun(outbox, ['payments', 'data']);
    const [a, b] = await Promise.all([service(outbox, 'w1').deliverPending(T0), service(outbox, 'w2').deliverPending(T0)]);
    assert.equal(a.sent + b.sent, 3);
    await service(outbox, 'w1').deliverPending(later(1_000_000));
    assert.deepEqual([hits('/slack/payments'), hits('/hook/payments'), hits('/teams/data')], [1, 1, 1]);
    assert.equal(outbox.events.length, 3);
  });

  it('enqueueing the same run twice queues nothing new', async () => {
    const outbox = new FakeNotificationOutbox();
    await enqueueRun(outbox, ['data']);
    await enqueueRun(outbox, ['data']);
    assert.equal((await outbox.list()).length, 1);
  });

  it('a lease that expired mid-send is not settled by the old worker', async () => {
    const outbox = new FakeNotificationOutbox();
    await outbox.enqueue(outboxEntries([digestFor('data')], teams(), notifiers()), T0.toISOString());
    const [stale] = await outbox.claimPending({ now: T0.toISOString(), limit: 1, leaseMs: 1_000, worker: 'slow' });
    const [fresh] = await outbox.claimPending({ now: later(2_000).toISOString(), limit: 1, leaseMs: 1_000, worker: 'fast' });
    assert.equal(fresh!.id, stale!.id);
    const event = { type: 'notification.sent', subjectKind: 'notification' as const, subjectId: stale!.id, actor: 'x', at: T0.toISOString(), data: {} };
    assert.equal(await outbox.markSent(stale!.id, { worker: 'slow', at: T0.toISOString(), event }), false);
    assert.equal(await outbox.markSent(fresh!.id, { worker: 'fast', at: T0.toISOString(), event }), true);
  });
});
