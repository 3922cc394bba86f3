import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Bus } from '../bus/bus.js';
import { EmbeddedBus } from '../bus/embedded/embedded-bus.js';
import { systemClock } from '../common/clock.js';
import { enforcementMessage } from '../testing/enforcement-fixture.js';
import { enforcementHarness, liveViolation } from '../testing/enforcement-harness.js';
import { memoryTestStore } from '../testing/test-store.js';
import { BusWorker, type WorkerState } from './enforcement-worker.js';

const msg = (id: string) => enforcementMessage({ violationId: id, action: 'test.lock', resource: { arn: `arn:aws:s3:::${id}`, type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1' } });

const waitFor = async (cond: () => boolean | Promise<boolean>, ms = 5_000) => {
  const until = performance.now() + ms;
  while (!(await cond())) {
    if (performance.now() > until) throw new Error('timed out waiting');
    await sleep(10);
  }
};

describe('enforcement worker', () => {
  it('runs through its states, handles every message of its family once, and stop() waits for the work in hand', async () => {
    const store = memoryTestStore();
    const ids = Array.from({ length: 20 }, (_, i) => `w${i}`);
    await store.violations.insert(ids.map((id) => liveViolation(id, { resourceArn: `arn:aws:s3:::${id}` })));
    const { service, estate } = enforcementHarness(store);
    const bus = new EmbeddedBus(store.busQueue, systemClock, { pollMs: 10 });
    const worker = new BusWorker({ bus, family: 'test', name: 'enforcer:test#1', handle: (d) => service.handle(d), clock: systemClock, fetchWaitMs: 50 });
    const states: WorkerState[] = [];
    worker.on('state', (s: WorkerState) => states.push(s));
    await worker.start();
    await bus.publish(ids.map(msg));
    await waitFor(() => worker.status().processed === 20);
    await worker.stop();
    assert.deepEqual(states, ['running', 'stopping', 'stopped']);
    const s = worker.status();
    assert.deepEqual([s.state, s.succeeded, s.inFlight, s.lastError], ['stopped', 20, 0, null]);
    assert.equal(estate.applies, 20);
    assert.deepEqual(await store.busQueue.counts('test'), { ready: 0, done: 20, dead: 0 });
  });

  it('the loop survives a failing bus: it tags the error with family and worker, backs off and carries on', async () => {
    const store = memoryTestStore();
    await store.violations.insert([liveViolation('x1', { resourceArn: 'arn:aws:s3:::x1' })]);
    const { service } = enforcementHarness(store);
    const real = new EmbeddedBus(store.busQueue, systemClock, { pollMs: 10 });
    let failures = 2;
    const flaky: Bus = Object.assign(Object.create(real) as Bus, {
      fetch: (family: string, o: { max: number; waitMs: number }) => (failures-- > 0 ? Promise.reject(new Error('connection refused')) : real.fetch(family, o)),
    });
    const worker = new BusWorker({ bus: flaky, family: 'test', name: 'enforcer:test#2', handle: (d) => service.handle(d), clock: systemClock, fetchWaitMs: 50, backoff: { baseMs: 10, maxMs: 50 } });
    const errors: { family: string; worker: string }[] = [];
    worker.on('error', (e: { family: string; worker: string }) => errors.push({ family: e.family, worker: e.worker }));
    await worker.start();
    await real.publish([msg('x1')]);
    await waitFor(() => worker.status().succeeded === 1);
    await worker.stop();
    assert.deepEqual(errors, [{ family: 'test', worker: 'enforcer:test#2' }, { family: 'test', worker: 'enforcer:test#2' }]);
    assert.match(worker.status().lastError?.message ?? '', /enforcer:test#2 \(test\): connection refused/);
  });

  it('a stop while a slow action runs waits for it to settle', async () => {
    const store = memoryTestStore();
    await store.violations.insert([liveViolation('s1', { resourceArn: 'arn:aws:s3:::s1' })]);
    const { service } = enforcementHarness(store);
    const bus = new EmbeddedBus(store.busQueue, systemClock, { pollMs: 10 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const worker = new BusWorker({ bus, family: 'test', name: 'w', clock: systemClock, fetchWaitMs: 50, handle: async (d) => (await gate, service.handle(d)) });
    await worker.start();
    await bus.publish([msg('s1')]);
    await waitFor(() => worker.status().inFlight === 1);
    const stopped = worker.stop();
    await sleep(50);
    assert.equal(worker.status().state, 'stopping');
    release();
    await stopped;
    assert.deepEqual([worker.status().state, worker.status().succeeded], ['stopped', 1]);
    assert.deepEqual(await store.busQueue.counts(), { ready: 0, done: 1, dead: 0 });
  });
});
