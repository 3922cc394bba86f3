import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { Channel, Limiter } from './bounded-pool.js';

test('Limiter: never more than max at once, and waiters run in arrival order', async () => {
  const limit = new Limiter(2);
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      limit.run(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await tick();
        running--;
      }),
    ),
  );
  assert.equal(peak, 2);
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7]);
  await assert.rejects(limit.run(async () => Promise.reject(new Error('boom'))), /boom/);
  assert.equal(await limit.run(async () => 'slot freed after a failure'), 'slot freed after a failure');
});

test('Channel: a producer waits while the channel is full, so it stays at most `capacity` ahead', async () => {
  const ch = new Channel<number>(2);
  let pushed = 0;
  const producer = (async () => {
    for (let i = 0; i < 6; i++) {
      await ch.push(i);
      pushed++;
    }
    ch.close();
  })();
  await tick();
  await tick();
  assert.equal(pushed, 2, 'blocked at capacity with nobody reading');
  const got: number[] = [];
  for await (const n of ch) got.push(n);
  await producer;
  assert.deepEqual(got, [0, 1, 2, 3, 4, 5]);
});

test('Channel: fail() ends the consumer with the error after what was queued; close() releases blocked producers', async () => {
  const ch = new Channel<string>(1);
  await ch.push('a');
  const blocked = ch.push('b');
  ch.fail(new Error('pool broke'));
  await blocked;
  const got: string[] = [];
  await assert.rejects(async () => {
    for await (const s of ch) got.push(s);
  }, /pool broke/);
  assert.deepEqual(got, ['a']);
});
