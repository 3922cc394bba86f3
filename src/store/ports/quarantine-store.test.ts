// The QuarantineStore contract. Runs on SQLite, PostgreSQL and the in-memory fake (src/testing/store-contract.ts).
import assert from 'node:assert/strict';
import { at, storeContract } from '../../testing/store-contract.js';

await storeContract('quarantine store', (it) => {
  it('quarantine keeps bad records in arrival order, truncating huge ones', async (store) => {
    const huge = 'x'.repeat(100_000);
    await store.quarantine.add([{ source: 'file:inv.jsonl:3', reason: 'missing arn', record: '{"a":1}' }], 's1', at(0));
    await store.quarantine.add([{ source: 'file:inv.jsonl:9', reason: 'too big', record: huge }], 's2', at(1));
    const all = await store.quarantine.list();
    assert.deepEqual(all.map((q) => [q.scanId, q.source, q.reason]), [['s1', 'file:inv.jsonl:3', 'missing arn'], ['s2', 'file:inv.jsonl:9', 'too big']]);
    assert.ok(all[0]!.id < all[1]!.id);
    assert.equal(all[0]?.record, '{"a":1}');
    assert.ok(all[1]!.record.length < 20_000 && all[1]!.record.includes('truncated'));
    assert.deepEqual((await store.quarantine.list({ scanId: 's2' })).map((q) => q.source), ['file:inv.jsonl:9']);
  });
});
