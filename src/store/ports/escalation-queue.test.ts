// The EscalationQueue contract (SQLite, PostgreSQL, in-memory): due violations soonest first, in the
// states the manager moves; on PostgreSQL a second manager skips what the first holds.
import assert from 'node:assert/strict';
import { at, storeContract, violation } from '../../testing/store-contract.js';

await storeContract('escalation queue', (it, backend) => {
  it('due violations in scheduled states, soonest first, up to the limit', async (store) => {
    await store.violations.insert([
      violation(1, { nextActionAt: at(2) }),
      violation(2, { nextActionAt: at(1) }),
      violation(3, { nextActionAt: at(5) }),
      violation(4, { nextActionAt: null }),
      violation(5, { nextActionAt: at(0), state: 'resolved' }),
      violation(6, { nextActionAt: at(0), state: 'excepted' }),
    ]);
    assert.deepEqual((await store.escalation.claimDue({ now: at(3), limit: 10 })).map((v) => v.id), ['v006', 'v002', 'v001']);
    assert.deepEqual((await store.escalation.claimDue({ now: at(3), limit: 2 })).map((v) => v.id), ['v006', 'v002']);
  });

  if (backend.name === 'postgres') {
    it('two managers in transactions at once take disjoint rows (FOR UPDATE SKIP LOCKED)', async (store, fresh) => {
      await store.violations.insert([1, 2, 3, 4].map((n) => violation(n, { nextActionAt: at(n) })));
      const other = fresh.open();
      try {
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let firstGot: string[] = [];
        const first = store.transaction(async (tx) => {
          firstGot = (await tx.escalation.claimDue({ now: at(9), limit: 2 })).map((v) => v.id);
          await held;
        });
        while (firstGot.length === 0) await new Promise((r) => setTimeout(r, 10));
        const secondGot = await other.transaction(async (tx) => (await tx.escalation.claimDue({ now: at(9), limit: 10 })).map((v) => v.id));
        release();
        await first;
        assert.deepEqual(firstGot, ['v001', 'v002']);
        assert.deepEqual(secondGot, ['v003', 'v004']);
      } finally {
        await other.close();
      }
    });
  }
});
