// The ApprovalStore contract (SQLite, PostgreSQL, in-memory): decisions are kept, the latest since a
// violation began waiting is what counts, and history keeps every one.
import assert from 'node:assert/strict';
import { at, storeContract } from '../../testing/store-contract.js';

await storeContract('approval store', (it) => {
  it('the latest decision since the violation began waiting wins; older ones stay in its history', async (store) => {
    await store.approvals.record({ violationId: 'v1', decision: 'approved', by: 'alice', reason: null, at: at(1) });
    await store.transaction(async (tx) => {
      await tx.approvals.record({ violationId: 'v1', decision: 'rejected', by: 'bob', reason: 'change freeze', at: at(3) });
      await tx.approvals.record({ violationId: 'v2', decision: 'approved', by: 'alice', reason: 'CHG-1', at: at(3) });
    });
    const latest = await store.approvals.latest(['v1', 'v2', 'v3'], at(2));
    assert.deepEqual([...latest.keys()].sort(), ['v1', 'v2']);
    assert.deepEqual(latest.get('v1'), { violationId: 'v1', decision: 'rejected', by: 'bob', reason: 'change freeze', at: at(3) });
    // Per violation: v2 began waiting after its approval, so that approval does not count.
    const perId = await store.approvals.latest(['v1', 'v2'], new Map([['v1', at(0)], ['v2', at(4)]]));
    assert.deepEqual([...perId.keys()], ['v1']);
    assert.deepEqual((await store.approvals.history('v1')).map((a) => a.by), ['alice', 'bob']);
  });

  it('a transaction that fails records no decision', async (store) => {
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.approvals.record({ violationId: 'v1', decision: 'approved', by: 'alice', reason: null, at: at(1) });
        throw new Error('boom');
      }),
    );
    assert.deepEqual(await store.approvals.history('v1'), []);
  });
});
