// The OutboxStore contract, on SQLite, PostgreSQL and the in-memory fake: dedupe keys hold across
// runs and processes, claims are leased and never shared, failures back off, dead rows stay dead.
import assert from 'node:assert/strict';
import type { EnforcementMessage } from '../../violations/enforcement-message.js';
import { enforcementKey } from '../../violations/enforcement-message.js';
import { notificationKey, type Notification, type NotificationItem } from '../../notifications/notification.js';
import { storeContract, type Fresh } from '../../testing/store-contract.js';
import type { Store } from '../store.js';
import type { OutboxStore } from './outbox-store.js';

const T0 = '2026-03-01T00:00:00.000Z';
const plus = (ms: number): string => new Date(Date.parse(T0) + ms).toISOString();

const item = (violationId: string, step: number): NotificationItem => ({
  violationId, ladderStep: step, dedupeKey: notificationKey(violationId, step), policyId: 'p', title: 'P', severity: 'high',
  resource: { arn: `arn:aws:s3:::${violationId}`, type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1' },
  evidence: [], guidance: 'fix it', deadline: null, nextAction: { kind: 'none', description: 'nothing' }, exceptionHowTo: 'exceptions/',
});
const digest = (recipient: string, items: NotificationItem[]): Notification => ({ recipient, runAt: T0, items });
const enforcement = (violationId: string, step: number): EnforcementMessage => ({
  idempotencyKey: enforcementKey(violationId, step), action: 's3.block-public-access', params: {}, violationId, ladderStep: step,
  resource: item(violationId, step).resource, policy: { id: 'p', version: 'v1' }, approval: null, traceId: 't', requestedAt: T0,
});

/** Each `open()` is another worker: the test's store first, then new handles (connections) on the same database. */
const withWorkers = async (store: Store, fresh: Fresh, fn: (open: () => OutboxStore) => Promise<void>): Promise<void> => {
  const extra: Store[] = [];
  let first = true;
  const open = (): OutboxStore => {
    if (first) return (first = false), store.outbox;
    const s = fresh.open();
    extra.push(s);
    return s.outbox;
  };
  try {
    await fn(open);
  } finally {
    for (const s of extra) await s.close();
  }
};

await storeContract('outbox store', (it) => {
  it('a reminder enqueued twice (another run, another process) is written once; a digest keeps only its new items', async (store, fresh) => {
    await withWorkers(store, fresh, async (open) => {
      const a = open();
      const first = await a.enqueue([{ kind: 'notification', topic: 'payments', payload: digest('payments', [item('v1', 1), item('v2', 1)]) }], T0);
      assert.equal(first.ids.length, 1);
      assert.deepEqual(first.duplicateKeys, []);
      const again = await open().enqueue(
        [
          { kind: 'notification', topic: 'payments', payload: digest('payments', [item('v1', 1), item('v3', 1)]) },
          { kind: 'notification', topic: 'data', payload: digest('data', [item('v2', 1)]) },
        ],
        plus(1000),
      );
      assert.equal(again.ids.length, 1, 'the digest made only of old items is not written');
      assert.deepEqual(again.duplicateKeys.sort(), ['notification:v1:1', 'notification:v2:1']);
      const rows = await a.list({ kind: 'notification' });
      assert.deepEqual(rows.map((r) => (r.kind === 'notification' ? r.payload.items.map((i) => i.dedupeKey) : [])), [['v1:1', 'v2:1'], ['v3:1']]);
      assert.equal(rows[0]!.status, 'pending');
      assert.equal(rows[0]!.attempts, 0);
    });
  });

  it('an enforcement request is keyed apart from the reminder of the same step, and written once', async (store, fresh) => {
    await withWorkers(store, fresh, async (open) => {
      const o = open();
      await o.enqueue([{ kind: 'notification', topic: 'payments', payload: digest('payments', [item('v1', 4)]) }], T0);
      const e1 = await o.enqueue([{ kind: 'enforcement', topic: 's3', payload: enforcement('v1', 4) }], T0);
      const e2 = await o.enqueue([{ kind: 'enforcement', topic: 's3', payload: enforcement('v1', 4) }], T0);
      assert.equal(e1.ids.length, 1);
      assert.deepEqual(e2, { ids: [], duplicateKeys: ['enforcement:v1:4'] });
      const [row] = await o.list({ kind: 'enforcement' });
      assert.equal(row!.topic, 's3');
      assert.deepEqual(row!.payload, enforcement('v1', 4));
    });
  });

  it('claims are leased: a second claimer gets other rows, and a lapsed lease lets another worker take the row', async (store, fresh) => {
    await withWorkers(store, fresh, async (open) => {
      const a = open();
      const b2 = open();
      for (let i = 1; i <= 5; i++) await a.enqueue([{ kind: 'notification', topic: `t${i}`, payload: digest(`t${i}`, [item(`v${i}`, 1)]) }], T0);
      const first = await a.claimPending({ limit: 3, leaseMs: 60_000, now: T0 });
      const second = await b2.claimPending({ limit: 10, leaseMs: 60_000, now: plus(1) });
      assert.deepEqual(first.map((r) => r.topic), ['t1', 't2', 't3']);
      assert.deepEqual(second.map((r) => r.topic), ['t4', 't5']);
      assert.deepEqual(await a.claimPending({ limit: 10, leaseMs: 60_000, now: plus(2) }), []);
      // Worker A died holding t1..t3: after the lease, B takes them, and A's late ack is refused.
      const retaken = await b2.claimPending({ limit: 10, leaseMs: 60_000, now: plus(60_000) });
      assert.deepEqual(retaken.map((r) => r.topic), ['t1', 't2', 't3']);
      assert.equal(await a.markSent(first[0]!.id, first[0]!.claimToken!, plus(60_001)), false);
      assert.equal(await b2.markSent(retaken[0]!.id, retaken[0]!.claimToken!, plus(60_001)), true);
      const sent = await a.get(retaken[0]!.id);
      assert.equal(sent!.status, 'sent');
      assert.equal(sent!.sentAt, plus(60_001));
      assert.equal(await b2.markSent(retaken[0]!.id, retaken[0]!.claimToken!, plus(60_002)), false, 'a sent row is not sent again');
    });
  });

  it('a failed attempt waits for its backoff; the last one leaves the row dead', async (store, fresh) => {
    await withWorkers(store, fresh, async (open) => {
      const o = open();
      await o.enqueue([{ kind: 'notification', topic: 'payments', payload: digest('payments', [item('v1', 1)]) }], T0);
      const [r] = await o.claimPending({ limit: 1, leaseMs: 60_000, now: T0 });
      assert.equal(await o.markFailed(r!.id, r!.claimToken!, { attempts: 1, nextAttemptAt: plus(30_000), error: 'smtp 451', at: T0 }), true);
      assert.deepEqual(await o.claimPending({ limit: 1, leaseMs: 60_000, now: plus(29_999) }), []);
      const [again] = await o.claimPending({ limit: 1, leaseMs: 60_000, now: plus(30_000) });
      assert.equal(again!.attempts, 1);
      assert.equal(again!.lastError, 'smtp 451');
      await o.markFailed(again!.id, again!.claimToken!, { attempts: 2, nextAttemptAt: null, error: 'smtp 550', at: plus(30_000) });
      assert.equal((await o.get(r!.id))!.status, 'dead');
      assert.deepEqual(await o.claimPending({ limit: 1, leaseMs: 60_000, now: plus(10 * 86_400_000) }), []);
      assert.deepEqual((await o.list({ status: 'dead' })).map((x) => x.id), [r!.id]);
    });
  });

  it('kind and topic narrow a claim (the bus relay takes enforcement rows, the notifier digests)', async (store, fresh) => {
    await withWorkers(store, fresh, async (open) => {
      const o = open();
      await o.enqueue([{ kind: 'notification', topic: 'payments', payload: digest('payments', [item('v1', 1)]) }, { kind: 'enforcement', topic: 's3', payload: enforcement('v2', 2) }], T0);
      assert.deepEqual((await o.claimPending({ limit: 5, leaseMs: 1, now: T0, kind: 'enforcement' })).map((r) => r.kind), ['enforcement']);
      assert.deepEqual((await o.claimPending({ limit: 5, leaseMs: 1, now: T0, topic: 'payments' })).map((r) => r.topic), ['payments']);
    });
  });
});
