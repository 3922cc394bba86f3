// The BusQueueStore contract beyond what bus-contract.test.ts checks through the bus: transactions and purging.
import assert from 'node:assert/strict';
import { at, storeContract } from '../../testing/store-contract.js';

await storeContract('bus queue store', (it) => {
  it('a message enqueued in a transaction that rolls back was never published', async (store) => {
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.busQueue.enqueue([{ family: 's3', key: 'v-1:4', payload: { a: 1 }, at: at(0) }]);
        throw new Error('state change failed');
      }),
      /state change failed/,
    );
    assert.deepEqual(await store.busQueue.counts(), { ready: 0, done: 0, dead: 0 });
    await store.transaction((tx) => tx.busQueue.enqueue([{ family: 's3', key: 'v-1:4', payload: { a: 1 }, at: at(0) }]));
    assert.deepEqual(await store.busQueue.counts('s3'), { ready: 1, done: 0, dead: 0 });
  });

  it('a settle from an expired claim changes nothing; purging done messages forgets their keys', async (store) => {
    await store.busQueue.enqueue([{ family: 's3', key: 'k', payload: { a: 1 }, at: at(0) }]);
    const [old] = await store.busQueue.claim('s3', { max: 1, nowMs: 1_000, leaseMs: 10, claimId: 'c1', maxDeliver: 5, at: at(0) });
    const [fresh] = await store.busQueue.claim('s3', { max: 1, nowMs: 2_000, leaseMs: 10_000, claimId: 'c2', maxDeliver: 5, at: at(0) });
    assert.deepEqual([old?.attempts, fresh?.attempts, fresh?.payload], [1, 2, { a: 1 }]);
    assert.equal(await store.busQueue.settle(old!.seq, 'c1', { status: 'done', at: at(1) }), false);
    assert.equal(await store.busQueue.settle(fresh!.seq, 'c2', { status: 'done', at: at(1) }), true);
    assert.equal(await store.busQueue.enqueue([{ family: 's3', key: 'k', payload: {}, at: at(2) }]), 0);
    assert.equal(await store.busQueue.purgeDone(at(1.5)), 1);
    assert.equal(await store.busQueue.enqueue([{ family: 's3', key: 'k', payload: {}, at: at(2) }]), 1);
  });
});
