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

  it('pages on (nextActionAt, id): a batch continues after the last row of the one before, rows left due are not handed back', async (store) => {
    await store.violations.insert([1, 2, 3, 4, 5].map((n) => violation(n, { nextActionAt: n <= 3 ? at(1) : at(2) })));
    const first = await store.escalation.claimDue({ now: at(3), limit: 2 });
    assert.deepEqual(first.map((v) => v.id), ['v001', 'v002']);
    const last = first.at(-1)!;
    const next = await store.escalation.claimDue({ now: at(3), limit: 2, after: { nextActionAt: last.nextActionAt!, id: last.id } });
    assert.deepEqual(next.map((v) => v.id), ['v003', 'v004'], 'same instant: on by id; then the later instant');
    assert.deepEqual((await store.escalation.claimDue({ now: at(3), limit: 9, after: { nextActionAt: at(2), id: 'v004' } })).map((v) => v.id), ['v005']);
  });

  it('advance writes the ladder fields only, from version - 1; a row moved by another writer fails the whole call and writes nothing', async (store) => {
    const [a, b] = [violation(1, { nextActionAt: at(1) }), violation(2, { nextActionAt: at(1) })];
    await store.violations.insert([a, b]);
    const step = (v: typeof a) => ({
      id: v.id, version: v.version + 1, owner: 'platform', state: 'reminded' as const, remindersSent: 1, stateChangedAt: at(1), nextActionAt: at(3), resolvedAt: null, resolution: null,
    });
    await store.escalation.advance([step(a)]);
    const got = (await store.violations.get('v001'))!;
    assert.deepEqual({ ...got }, { ...a, owner: 'platform', state: 'reminded', remindersSent: 1, stateChangedAt: at(1), nextActionAt: at(3), version: a.version + 1 }, 'evidence and the rest untouched');
    await assert.rejects(store.escalation.advance([step(b), step(a)]), (e: Error & { code?: string }) => e.code === 'store.conflict' && /v001/.test(e.message));
    assert.equal((await store.violations.get('v002'))!.version, b.version, 'nothing written when one row conflicts');
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
