import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { connect } from 'nats';
import { ManualClock } from '../common/clock.js';
import { OutboxEnforcementRequests } from '../escalation/enforcement-requests.js';
import type { Store, StorePorts } from '../store/store.js';
import { memoryTestStore } from '../testing/test-store.js';
import { enforcementMessage } from '../testing/enforcement-fixture.js';
import { storeContract } from '../testing/store-contract.js';
import { describeWithService, NATS_URL, tcpProblem } from '../testing/test-services.js';
import type { Bus } from './bus.js';
import { EmbeddedBus } from './embedded/embedded-bus.js';
import { NatsBus } from './nats/nats-bus.js';
import { OutboxRelay, type RelayStore } from './outbox-relay.js';

const T0 = '2026-03-01T00:00:00.000Z';

/** What the manager does: requests written in its step's transaction. */
const request = async (store: Store, ids: string[]) => {
  await store.transaction((tx) => new OutboxEnforcementRequests().request(tx, ids.map((violationId) => enforcementMessage({ violationId })), T0));
};

/** The store, but the process "dies" at the first markSent after `armed` (the error stands for the crash). */
const crashingAtMarkSent = (store: Store) => {
  const crash = { armed: true };
  const wrap = (ports: StorePorts): StorePorts => ({
    ...ports,
    outbox: {
      ...ports.outbox,
      claimPending: (q) => ports.outbox.claimPending(q),
      markSent: async (...args) => {
        if (crash.armed) {
          crash.armed = false;
          throw new Error('SIGKILL');
        }
        return ports.outbox.markSent(...args);
      },
    },
  });
  const relayStore: RelayStore = { outbox: wrap(store).outbox, transaction: (fn) => store.transaction((tx) => fn(wrap(tx))) };
  return relayStore;
};

const drainAll = async (bus: Bus, family: string) => {
  const got: string[] = [];
  for (let batch = await bus.fetch(family, { max: 100, waitMs: 500 }); batch.length; batch = await bus.fetch(family, { max: 100, waitMs: 300 })) {
    for (const d of batch) {
      got.push(d.message.violationId);
      await d.ack();
    }
  }
  return got.sort();
};

await storeContract('outbox relay, embedded bus', (it) => {
  it('moves every enforcement request onto the bus once, leaves notifications alone, and marks them sent', async (store) => {
    const clock = new ManualClock(T0);
    const bus = new EmbeddedBus(store.busQueue, clock, { pollMs: 10 });
    await request(store, ['a', 'b', 'c']);
    await store.transaction((tx) => tx.outbox.enqueue([{ kind: 'notification', topic: 'payments', payload: { owner: 'payments', channel: 'email', items: [] } as never }], T0));
    const relay = new OutboxRelay(store, bus, clock, { batchSize: 2 });
    assert.deepEqual(await relay.relayOnce(), { published: 3, duplicates: 0, failed: 0 });
    assert.deepEqual(await relay.relayOnce(), { published: 0, duplicates: 0, failed: 0 });
    assert.deepEqual((await store.outbox.list({ kind: 'enforcement' })).map((r) => r.status), ['sent', 'sent', 'sent']);
    assert.deepEqual(await drainAll(bus, 's3'), ['a', 'b', 'c']);
  });

  it('a crash before the rows are marked sent rolls the enqueue back with them: relayed again, exactly once', async (store) => {
    const clock = new ManualClock(T0);
    const bus = new EmbeddedBus(store.busQueue, clock, { pollMs: 10 });
    await request(store, ['x', 'y']);
    await assert.rejects(new OutboxRelay(crashingAtMarkSent(store), bus, clock).relayOnce(), /SIGKILL/);
    assert.deepEqual(await store.busQueue.counts('s3'), { ready: 0, done: 0, dead: 0 }, 'nothing published without the mark');
    // The claim rolled back too: no lease to wait for.
    assert.deepEqual(await new OutboxRelay(store, bus, clock).relayOnce(), { published: 2, duplicates: 0, failed: 0 });
    assert.deepEqual(await drainAll(bus, 's3'), ['x', 'y']);
  });
});

test('a relay to a bus that is down keeps the requests pending with a backoff, and delivers them when it is back', async () => {
  const store = memoryTestStore();
  const clock = new ManualClock(T0);
  const real = new EmbeddedBus(store.busQueue, clock);
  let down = true;
  const flaky: Bus = {
    kind: 'nats',
    maxDeliver: 5,
    publish: (m) => (down ? Promise.reject(new Error('connection refused')) : real.publish(m)),
    fetch: (f, o) => real.fetch(f, o),
    deadLetters: (q) => real.deadLetters(q),
    close: () => real.close(),
  };
  await request(store, ['p']);
  const relay = new OutboxRelay(store, flaky, clock, { backoff: { baseMs: 1_000, maxMs: 60_000 } });
  assert.deepEqual(await relay.relayOnce(), { published: 0, duplicates: 0, failed: 1 });
  const [row] = await store.outbox.list({ kind: 'enforcement' });
  assert.equal(row?.status, 'pending');
  assert.match(row?.lastError ?? '', /connection refused/);
  down = false;
  assert.deepEqual(await relay.relayOnce(), { published: 0, duplicates: 0, failed: 0 }, 'not before its backoff');
  clock.set(Date.parse(T0) + 1_000);
  assert.deepEqual(await relay.relayOnce(), { published: 1, duplicates: 0, failed: 0 });
});

describeWithService('outbox relay, NATS JetStream', await tcpProblem(NATS_URL), 'start nats-server -js or set VIGIL_TEST_NATS_URL', () => {
  test('a crash between the publish ack and marking the rows sent: republished after the lease, dropped by the stream, delivered once', async () => {
    const store = memoryTestStore();
    const clock = new ManualClock(T0);
    const environment = `relay${randomBytes(4).toString('hex')}`;
    const bus = await NatsBus.connect({ servers: NATS_URL, environment, ackWaitMs: 2_000 }, clock);
    try {
      await bus.ensureTopology(['s3']);
      await request(store, ['n1', 'n2', 'n3']);
      await assert.rejects(new OutboxRelay(crashingAtMarkSent(store), bus, clock, { leaseMs: 30_000 }).relayOnce(), /SIGKILL/);
      assert.deepEqual((await store.outbox.list({ kind: 'enforcement' })).map((r) => r.status), ['pending', 'pending', 'pending'], 'published, not marked');
      const relay = new OutboxRelay(store, bus, clock, { leaseMs: 30_000 });
      assert.deepEqual(await relay.relayOnce(), { published: 0, duplicates: 0, failed: 0 }, 'held by the dead relay until its lease ends');
      clock.set(Date.parse(T0) + 30_001);
      assert.deepEqual(await relay.relayOnce(), { published: 0, duplicates: 3, failed: 0 });
      assert.deepEqual((await store.outbox.list({ kind: 'enforcement' })).map((r) => r.status), ['sent', 'sent', 'sent']);
      assert.deepEqual(await drainAll(bus, 's3'), ['n1', 'n2', 'n3'], 'each once');
    } finally {
      await bus.close();
      const nc = await connect({ servers: NATS_URL });
      await (await nc.jetstreamManager()).streams.delete(bus.names.stream).catch(() => undefined);
      await nc.close();
    }
  });
});
