import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { connect } from 'nats';
import { systemClock } from '../common/clock.js';
import { enforcementMessage } from '../testing/enforcement-fixture.js';
import { describeWithService, NATS_URL, tcpProblem } from '../testing/test-services.js';
import { storeContract } from '../testing/store-contract.js';
import type { Bus, BusOptions } from './bus.js';
import { EmbeddedBus } from './embedded/embedded-bus.js';
import { NatsBus } from './nats/nats-bus.js';

type OpenBus = (opts: BusOptions) => Promise<Bus>;

const FAST: BusOptions = { maxDeliver: 3, ackWaitMs: 600 };

/** The behaviour every bus adapter owes the enforcers; see bus.ts. */
type BusTest = (name: string, fn: (open: OpenBus) => Promise<void>) => void;

const contract = (test: BusTest) => {
  test('a message reaches its action family only, once, with attempt 1', async (open) => {
    const bus = await open(FAST);
    await bus.publish([enforcementMessage({ violationId: 'a' }), enforcementMessage({ violationId: 'b', action: 'iam.deactivate-access-key' })]);
    const s3 = await bus.fetch('s3', { max: 10, waitMs: 1_000 });
    assert.deepEqual(s3.map((d) => [d.message.violationId, d.family, d.attempt]), [['a', 's3', 1]]);
    const iam = await bus.fetch('iam', { max: 10, waitMs: 1_000 });
    assert.deepEqual(iam.map((d) => d.message.action), ['iam.deactivate-access-key']);
    await Promise.all([...s3, ...iam].map((d) => d.ack()));
    assert.deepEqual(await bus.fetch('s3', { max: 10, waitMs: 0 }), []);
  });

  test('messages of a family come in publish order, and max bounds a fetch', async (open) => {
    const bus = await open(FAST);
    await bus.publish(Array.from({ length: 5 }, (_, i) => enforcementMessage({ violationId: `o${i}` })));
    const first = await bus.fetch('s3', { max: 3, waitMs: 1_000 });
    const rest = await bus.fetch('s3', { max: 10, waitMs: 1_000 });
    assert.deepEqual([...first, ...rest].map((d) => d.message.violationId), ['o0', 'o1', 'o2', 'o3', 'o4']);
    assert.equal(first.length, 3);
    await Promise.all([...first, ...rest].map((d) => d.ack()));
  });

  test('a re-published idempotency key is dropped, not delivered twice', async (open) => {
    const bus = await open(FAST);
    const m = enforcementMessage({ violationId: 'dup' });
    assert.deepEqual(await bus.publish([m]), { accepted: 1, duplicates: 0 });
    assert.deepEqual(await bus.publish([m, enforcementMessage({ violationId: 'dup', ladderStep: 5 })]), { accepted: 1, duplicates: 1 });
    const got = await bus.fetch('s3', { max: 10, waitMs: 1_000 });
    assert.deepEqual(got.map((d) => d.message.idempotencyKey).sort(), ['dup:4', 'dup:5']);
    await Promise.all(got.map((d) => d.ack()));
  });

  test('a delivery nobody settles (the worker died) comes back after the ack wait, with attempt 2', async (open) => {
    const bus = await open(FAST);
    await bus.publish([enforcementMessage({ violationId: 'crash' })]);
    const [first] = await bus.fetch('s3', { max: 1, waitMs: 1_000 });
    assert.equal(first?.attempt, 1);
    assert.deepEqual(await bus.fetch('s3', { max: 1, waitMs: 0 }), [], 'invisible while leased');
    const [again] = await bus.fetch('s3', { max: 1, waitMs: 3_000 });
    assert.equal(again?.message.violationId, 'crash');
    assert.equal(again?.attempt, 2);
    await again?.ack();
  });

  test('a nak redelivers after its delay, not before', async (open) => {
    const bus = await open(FAST);
    await bus.publish([enforcementMessage({ violationId: 'nak' })]);
    const [d] = await bus.fetch('s3', { max: 1, waitMs: 1_000 });
    const t0 = performance.now();
    assert.equal(await d!.nak(300, 'throttled'), 'retry');
    const [again] = await bus.fetch('s3', { max: 1, waitMs: 3_000 });
    assert.ok(performance.now() - t0 >= 250, `redelivered after ${Math.round(performance.now() - t0)} ms`);
    assert.equal(again?.attempt, 2);
    await again?.ack();
  });

  test('after maxDeliver naks the message is a dead letter with the last reason, and never delivered again', async (open) => {
    const bus = await open(FAST);
    await bus.publish([enforcementMessage({ violationId: 'poison' })]);
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [d] = await bus.fetch('s3', { max: 1, waitMs: 2_000 });
      assert.equal(d?.attempt, i + 1);
      outcomes.push(await d!.nak(0, `AccessDenied #${i + 1}`));
    }
    assert.deepEqual(outcomes, ['retry', 'retry', 'dead-lettered']);
    assert.deepEqual(await bus.fetch('s3', { max: 1, waitMs: 800 }), []);
    const dead = await bus.deadLetters({ family: 's3' });
    assert.equal(dead.length, 1);
    assert.equal(dead[0]?.message.violationId, 'poison');
    assert.equal(dead[0]?.attempts, 3);
    assert.match(dead[0]!.reason, /AccessDenied #3/);
  });

  test('a deferral (rate limit) redelivers after its delay and never counts against maxDeliver', async (open) => {
    const bus = await open(FAST);
    await bus.publish([enforcementMessage({ violationId: 'patient' })]);
    // Deferred more often than maxDeliver (3) allows deliveries: still delivered, still attempt 1.
    for (let i = 0; i < 4; i++) {
      const [d] = await bus.fetch('s3', { max: 1, waitMs: 2_000 });
      assert.equal(d?.attempt, 1, `deferral ${i}`);
      // The first delay is long enough that the immediate fetch below answers within it even on a loaded machine.
      await d!.defer(i === 0 ? 1_000 : 150, 'rate-limited');
      if (i === 0) {
        const [early] = await bus.fetch('s3', { max: 1, waitMs: 0 });
        assert.equal(early, undefined, 'not delivered before its delay');
      }
    }
    // A real failure after the deferrals still has every attempt left.
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [d] = await bus.fetch('s3', { max: 1, waitMs: 2_000 });
      assert.equal(d?.attempt, i + 1);
      outcomes.push(await d!.nak(0, 'Throttling'));
    }
    assert.deepEqual(outcomes, ['retry', 'retry', 'dead-lettered']);
    assert.deepEqual((await bus.deadLetters({ family: 's3' })).map((x) => x.attempts), [3]);
  });

  test('deadLetter() is immediate and visible per family', async (open) => {
    const bus = await open(FAST);
    await bus.publish([enforcementMessage({ violationId: 'bad', action: 'kms.enable-key-rotation' })]);
    const [d] = await bus.fetch('kms', { max: 1, waitMs: 1_000 });
    await d!.deadLetter('params do not match the action schema');
    assert.deepEqual((await bus.deadLetters({ family: 'kms' })).map((x) => [x.message.violationId, x.reason]), [['bad', 'params do not match the action schema']]);
    assert.deepEqual(await bus.deadLetters({ family: 's3' }), []);
    assert.deepEqual(await bus.fetch('kms', { max: 1, waitMs: 800 }), []);
  });

  test('a message whose worker keeps dying goes to the dead letters after maxDeliver leases', async (open) => {
    const bus = await open({ maxDeliver: 2, ackWaitMs: 400 });
    await bus.publish([enforcementMessage({ violationId: 'crashloop' })]);
    assert.equal((await bus.fetch('s3', { max: 1, waitMs: 1_000 }))[0]?.attempt, 1);
    assert.equal((await bus.fetch('s3', { max: 1, waitMs: 2_000 }))[0]?.attempt, 2);
    assert.deepEqual(await bus.fetch('s3', { max: 1, waitMs: 1_500 }), []);
    const dead = await bus.deadLetters({ family: 's3' });
    assert.deepEqual(dead.map((x) => x.message.violationId), ['crashloop']);
  });

  test('a fetch waiting on an empty topic returns the message published meanwhile', async (open) => {
    const bus = await open(FAST);
    const waiting = bus.fetch('s3', { max: 5, waitMs: 5_000 });
    await sleep(100);
    const t0 = performance.now();
    await bus.publish([enforcementMessage({ violationId: 'late' })]);
    const got = await waiting;
    assert.deepEqual(got.map((d) => d.message.violationId), ['late']);
    assert.ok(performance.now() - t0 < 1_000);
    await got[0]?.ack();
  });

  test('an action family that cannot be a topic is refused', async (open) => {
    const bus = await open(FAST);
    await assert.rejects(bus.publish([enforcementMessage({ action: 'S3 Block.x' })]), /not a valid topic/);
  });
};

/** Runs a test with an `open` whose buses are closed (and their resources dropped) after it. */
const withClosers = (fn: (open: OpenBus) => Promise<void>, open: (opts: BusOptions, closers: (() => Promise<void>)[]) => Promise<Bus>) => async () => {
  const closers: (() => Promise<void>)[] = [];
  try {
    await fn((opts) => open(opts, closers));
  } finally {
    for (const c of closers.reverse()) await c();
  }
};

// The embedded bus over every store implementation: SQLite (a file), PostgreSQL (a schema per test), the in-memory fake.
await storeContract('embedded bus', (it) =>
  contract((name, fn) =>
    it(name, async (store) =>
      withClosers(fn, async (opts, closers) => {
        const bus = new EmbeddedBus(store.busQueue, systemClock, { ...opts, pollMs: 20 });
        closers.push(() => bus.close());
        return bus;
      })(),
    ),
  ),
);

describeWithService('NATS JetStream bus', await tcpProblem(NATS_URL), 'start nats-server -js or set VIGIL_TEST_NATS_URL', () => {
  const run = randomBytes(4).toString('hex');
  let n = 0;
  contract((name, fn) =>
    test(
      name,
      withClosers(fn, async (opts, closers) => {
        // A stream of its own per bus: no test sees another's messages or dead letters.
        const environment = `t${run}-${n++}`;
        const bus = await NatsBus.connect({ servers: NATS_URL, environment, ...opts }, systemClock);
        await bus.ensureTopology(['s3', 'iam', 'kms']);
        closers.push(async () => {
          await bus.close();
          const nc = await connect({ servers: NATS_URL });
          const jsm = await nc.jetstreamManager();
          await jsm.streams.delete(bus.names.stream).catch(() => undefined);
          await nc.close();
        });
        return bus;
      }),
    ),
  );
});
