// The AuditLog contract. Runs on SQLite, PostgreSQL and the in-memory fake (src/testing/store-contract.ts).
import assert from 'node:assert/strict';
import { auditHash } from '../../audit/audit-hash.js';
import { GENESIS_HASH } from '../../audit/audit-event.js';
import { event, storeContract } from '../../testing/store-contract.js';

await storeContract('audit log', (it, backend) => {
  it('append builds a gap-free hash chain that a verifier can recompute', async (store) => {
    const first = await store.audit.append([event('v1', 'violation.opened', { b: 2, a: [1, { z: null }] }), event('v2')]);
    const second = await store.audit.append([{ ...event('v1', 'violation.reminded'), at: '2026-03-01T02:00:00+01:00' }]);
    assert.deepEqual([...first, ...second].map((e) => e.seq), [1, 2, 3]);
    assert.equal(second[0]?.at, '2026-03-01T01:00:00.000Z');

    const all = await store.audit.list();
    assert.deepEqual(all, [...first, ...second]);
    let prev = GENESIS_HASH;
    for (const e of all) {
      assert.equal(e.prevHash, prev);
      assert.equal(e.hash, auditHash(prev, e.seq, e));
      prev = e.hash;
    }
    assert.deepEqual(await store.audit.last(), all[2]);
    assert.deepEqual((await store.audit.list({ subjectId: 'v1' })).map((e) => e.seq), [1, 3]);
    assert.deepEqual((await store.audit.list({ types: ['violation.reminded'] })).map((e) => e.seq), [3]);
    assert.deepEqual((await store.audit.list({ afterSeq: 1, limit: 1 })).map((e) => e.seq), [2]);
    assert.deepEqual((await store.audit.list({ since: '2026-03-01T00:30:00Z' })).map((e) => e.seq), [3]);
    assert.deepEqual(await store.audit.append([]), []);
  });

  it('concurrent writers never fork or gap the chain', async (store, fresh) => {
    const writers = [store, ...Array.from({ length: backend.writers - 1 }, () => fresh.open())];
    try {
      await Promise.all(
        writers.flatMap((w, i) => Array.from({ length: 10 }, (_, j) => w.audit.append([event(`w${i}-${j}`), event(`w${i}-${j}`, 'violation.reminded')]))),
      );
    } finally {
      await Promise.all(writers.slice(1).map((w) => w.close()));
    }
    const all = await store.audit.list();
    assert.equal(all.length, writers.length * 20);
    let prev = GENESIS_HASH;
    all.forEach((e, i) => {
      assert.equal(e.seq, i + 1);
      assert.equal(e.prevHash, prev);
      assert.equal(e.hash, auditHash(prev, e.seq, e));
      prev = e.hash;
    });
  });
});
