// The AuditLog contract. Runs on SQLite, PostgreSQL and the in-memory fake (src/testing/store-contract.ts).
import assert from 'node:assert/strict';
import { auditHash, auditPreimage, preimageHash } from '../../audit/audit-hash.js';
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

  it('chain pages the stored records with the exact data text that was hashed', async (store) => {
    await store.audit.append([event('v1', 'violation.opened', { b: 2, a: [1, { z: null }] }), event('v2'), event('v3')]);
    const first = await store.audit.chain(0, 2);
    assert.deepEqual(first.map((e) => e.seq), [1, 2]);
    assert.equal(first[0]!.dataJson, '{"a":[1,{"z":null}],"b":2}');
    assert.equal(first[0]!.hash, auditHash(GENESIS_HASH, 1, first[0]!, first[0]!.dataJson));
    assert.deepEqual((await store.audit.chain(2, 10)).map((e) => e.seq), [3]);
    assert.deepEqual(await store.audit.chain(3, 10), []);
    assert.deepEqual(await store.audit.head(), { seq: 3, hash: (await store.audit.last())!.hash });
  });

  it('chainRows hands verify each record\'s hash and the exact text it covers, beyond ASCII too', async (store) => {
    const data = { owner: 'Zoë Ångström 🛡', note: 'line\nbreak "quoted" \\ back', n: 1.5, none: null };
    await store.audit.append([event('v1', 'violation.opened', data), { ...event('ünïcode/ärn'), actor: 'user:zoë@example.com' }, event('v3')]);
    const events = await store.audit.chain(0, 10);
    const rows = await store.audit.chainRows(0, 2);
    assert.deepEqual(rows, events.slice(0, 2).map((e) => [e.seq, e.hash, auditPreimage(e.prevHash, e.seq, e, e.dataJson)]));
    for (const [, hash, preimage] of rows) assert.equal(preimageHash(preimage), hash);
    assert.deepEqual((await store.audit.chainRows(2, 10)).map((r) => r[0]), [3]);
    assert.deepEqual(await store.audit.chainRows(3, 10), []);
  });

  it('last and list filter by type and period', async (store) => {
    await store.audit.append([event('a', 'config.changed'), { ...event('b', 'scan.finished'), at: '2026-03-02T00:00:00Z' }, event('c', 'config.changed')]);
    assert.equal((await store.audit.last({ types: ['config.changed'] }))?.subjectId, 'c');
    assert.equal(await store.audit.last({ types: ['nothing'] }), undefined);
    assert.deepEqual((await store.audit.list({ until: '2026-03-01T12:00:00Z' })).map((e) => e.subjectId), ['a', 'c']);
  });

  it('expire moves the anchor to the last expired record, deletes up to it, and never moves back', async (store) => {
    const events = await store.audit.append(Array.from({ length: 5 }, (_, i) => event(`v${i}`)));
    assert.deepEqual(await store.audit.anchor(), { seq: 0, hash: GENESIS_HASH, at: null });
    const anchor = await store.audit.expire(3, '2026-04-01T00:00:00Z');
    assert.deepEqual(anchor, { seq: 3, hash: events[2]!.hash, at: '2026-04-01T00:00:00.000Z' });
    assert.deepEqual(await store.audit.anchor(), anchor);
    assert.deepEqual((await store.audit.list()).map((e) => e.seq), [4, 5]);
    assert.deepEqual(await store.audit.expire(2, '2026-04-02T00:00:00Z'), anchor);
    await assert.rejects(store.audit.expire(9, '2026-04-02T00:00:00Z'), { code: 'store.not-found' });
    // The chain goes on after the anchor, and the head is unchanged.
    const [next] = await store.audit.append([event('v9')]);
    assert.deepEqual([next!.seq, next!.prevHash], [6, events[4]!.hash]);
  });
});

await storeContract('audit checkpoints', (it) => {
  const cp = (seq: number) => ({ seq, headHash: 'h'.repeat(64), at: '2026-03-01T00:00:00.000Z', keyId: 'k1', signature: 'c2ln' });
  it('adds checkpoints once per seq and lists them in seq order', async (store) => {
    await store.checkpoints.add(cp(10));
    await store.checkpoints.add(cp(3));
    await assert.rejects(store.checkpoints.add(cp(10)), { code: 'store.conflict' });
    assert.deepEqual((await store.checkpoints.list()).map((c) => c.seq), [3, 10]);
    assert.deepEqual(await store.checkpoints.latest(), cp(10));
    assert.deepEqual((await store.checkpoints.list({ afterSeq: 3 })).map((c) => c.seq), [10]);
    assert.deepEqual((await store.checkpoints.list({ uptoSeq: 3 })).map((c) => c.seq), [3]);
  });
});
