// The InventoryStore contract. Runs on SQLite, PostgreSQL and the in-memory fake (src/testing/store-contract.ts).
import assert from 'node:assert/strict';
import { scopeKey, serializeResource } from '../serialized-resource.js';
import { at, resource, rejectsWithCode, storeContract } from '../../testing/store-contract.js';

await storeContract('inventory store', (it) => {
  it('resources round-trip with their lifecycle; a rescan keeps firstSeenAt and moves lastSeenAt', async (store) => {
    await store.inventory.upsert([resource(1), resource(2, { owner: 'team-b' })], at(0));
    const changed = resource(1, { config: { ...resource(1).config, Versioning: { Status: 'Suspended' } } });
    await store.inventory.upsert([changed, resource(2, { owner: 'team-b' })], at(1));

    const r1 = await store.inventory.get('arn:aws:s3:::bucket-1');
    assert.ok(r1);
    assert.equal(r1.firstSeenAt, at(0));
    assert.equal(r1.lastSeenAt, at(1));
    assert.equal(r1.deletedAt, null);
    assert.deepEqual(r1.config, changed.config);
    assert.deepEqual(r1.tags, { owner: 'payments', 'cost-centre': 'ü-42' });
    assert.equal('owner' in r1, false, 'an unresolved owner stays absent');
    assert.equal((await store.inventory.get('arn:aws:s3:::bucket-2'))?.owner, 'team-b');
    assert.equal(await store.inventory.get('arn:aws:s3:::nope'), undefined);
  });

  it('the digest stays put while what is stored does, and moves when config, tags or owner change', async (store) => {
    const digest = async () => (await store.inventory.get('arn:aws:s3:::bucket-1'))?.digest;
    await store.inventory.upsert([resource(1, { config: { a: 1, b: { c: [1, 2] } } })], at(0));
    const d1 = await digest();
    await store.inventory.upsert([resource(1, { config: { a: 1, b: { c: [1, 2] } }, observedAt: at(1) })], at(1));
    assert.ok(d1);
    assert.equal(await digest(), d1);
    assert.equal((await store.inventory.get('arn:aws:s3:::bucket-1'))?.observedAt, at(0), 'unchanged content keeps when it was observed');
    await store.inventory.upsert([resource(1, { config: { a: 2, b: { c: [1, 2] } } })], at(2));
    const d3 = await digest();
    assert.notEqual(d3, d1);
    assert.deepEqual((await store.inventory.get('arn:aws:s3:::bucket-1'))?.config, { a: 2, b: { c: [1, 2] } });
    await store.inventory.upsert([resource(1, { config: { a: 2, b: { c: [1, 2] } }, tags: { owner: 'other' } })], at(3));
    assert.notEqual(await digest(), d3);
  });

  it('storedInventory lists each scope with its resources digests, deleted ones as empty', async (store) => {
    await store.inventory.upsert([resource(1), resource(2), resource(3, { region: 'us-east-1' })], at(0));
    const scope = { accountId: '111122223333', region: 'eu-west-1', type: 'aws.s3.bucket' };
    await store.inventory.markDeleted(scope, ['arn:aws:s3:::bucket-2'], at(1));
    const inv = await store.inventory.storedInventory();
    const eu = inv.get(scopeKey(scope));
    assert.deepEqual([...(eu?.keys() ?? [])].sort(), ['arn:aws:s3:::bucket-1', 'arn:aws:s3:::bucket-2']);
    assert.equal(eu?.get('arn:aws:s3:::bucket-1'), (await store.inventory.get('arn:aws:s3:::bucket-1'))?.digest);
    assert.equal(eu?.get('arn:aws:s3:::bucket-2'), '');
    assert.equal(inv.get(scopeKey({ ...scope, region: 'us-east-1' }))?.size, 1);
    assert.deepEqual([...(await store.inventory.storedInventory({ regions: ['us-east-1'] })).keys()], [scopeKey({ ...scope, region: 'us-east-1' })]);
    assert.equal((await store.inventory.storedInventory({ types: [] })).size, 0);
    const named = await store.inventory.storedInventory({ scopes: [{ ...scope, region: 'us-east-1' }, { ...scope, region: 'ap-south-1' }] });
    assert.deepEqual([...named.keys()], [scopeKey({ ...scope, region: 'us-east-1' })], 'only the named scopes that exist');
    assert.equal((await store.inventory.storedInventory({ scopes: [] })).size, 0);
  });

  it('serialized upserts keep a config snapshot only when given one, and a later snapshot replaces none', async (store) => {
    const r = resource(1, { config: { Name: 'bucket-1', Versioning: { Status: 'Suspended' } } });
    await store.inventory.upsertSerialized([serializeResource(r, false)], at(0));
    const bare = await store.inventory.get('arn:aws:s3:::bucket-1');
    assert.deepEqual([bare?.snapshot, bare?.config], [false, {}]);
    await store.inventory.upsertSerialized([serializeResource(r, true)], at(1));
    const kept = await store.inventory.get('arn:aws:s3:::bucket-1');
    assert.deepEqual([kept?.snapshot, kept?.config, kept?.lastSeenAt], [true, r.config, at(1)]);
    await store.inventory.upsertSerialized([serializeResource(r, false)], at(2));
    assert.equal((await store.inventory.get('arn:aws:s3:::bucket-1'))?.snapshot, false, 'a resource that passes again drops its snapshot');
  });

  it('the same ARN twice in one batch is one resource, the last one wins', async (store) => {
    await store.inventory.upsert([resource(1, { name: 'old' }), resource(1, { name: 'new' })], at(0));
    assert.equal(await store.inventory.count(), 1);
    assert.equal((await store.inventory.get('arn:aws:s3:::bucket-1'))?.name, 'new');
  });

  it('list filters, pages in ARN order, and agrees with count', async (store) => {
    const rs = Array.from({ length: 25 }, (_, i) =>
      resource(i + 10, { accountId: i % 2 ? 'A' : 'B', type: i % 5 === 0 ? 'aws.iam.user' : 'aws.s3.bucket', ...(i < 3 ? { owner: 'ops' } : {}) }),
    );
    await store.inventory.upsert(rs, at(0));
    const q = { accountId: 'A', type: 'aws.s3.bucket' };
    const all = await store.inventory.list(q);
    assert.equal(all.length, await store.inventory.count(q));
    assert.ok(all.every((r) => r.accountId === 'A' && r.type === 'aws.s3.bucket'));
    assert.deepEqual(all.map((r) => r.arn), [...all.map((r) => r.arn)].sort());
    const pages = [...(await store.inventory.list({ ...q, limit: 4 })), ...(await store.inventory.list({ ...q, limit: 4, offset: 4 })), ...(await store.inventory.list({ ...q, offset: 8 }))];
    assert.deepEqual(pages.map((r) => r.arn), all.map((r) => r.arn));
    assert.equal(await store.inventory.count({ owner: 'ops' }), 3);
    assert.deepEqual((await store.inventory.list({ arns: ['arn:aws:s3:::bucket-11', 'arn:aws:s3:::none'] })).map((r) => r.arn), ['arn:aws:s3:::bucket-11']);
    assert.deepEqual(await store.inventory.list({ arns: [] }), []);
  });

  it('markDeleted deletes live resources of that scope only, once; a re-seen one comes back', async (store) => {
    await store.inventory.upsert([resource(1), resource(2), resource(3, { region: 'us-east-1' }), resource(4, { type: 'aws.iam.user' })], at(0));
    const scope = { accountId: '111122223333', region: 'eu-west-1', type: 'aws.s3.bucket' };
    const arns = ['arn:aws:s3:::bucket-2', 'arn:aws:s3:::bucket-3', 'arn:aws:s3:::bucket-4'];
    assert.deepEqual(await store.inventory.markDeleted(scope, arns, at(1)), ['arn:aws:s3:::bucket-2'], 'resources of other scopes stay');
    assert.deepEqual(await store.inventory.markDeleted(scope, arns, at(1)), [], 'already deleted ones are not reported again');
    const gone = await store.inventory.get('arn:aws:s3:::bucket-2');
    assert.deepEqual([gone?.deletedAt, gone?.lastSeenAt], [at(1), at(1)]);
    assert.equal((await store.inventory.get('arn:aws:s3:::bucket-3'))?.deletedAt, null, 'other region is not covered');
    assert.equal(await store.inventory.count(), 3);
    assert.equal(await store.inventory.count({ includeDeleted: true }), 4);

    await store.inventory.upsert([resource(2, { observedAt: at(2) })], at(2));
    const back = await store.inventory.get('arn:aws:s3:::bucket-2');
    assert.equal(back?.deletedAt, null);
    assert.equal(back?.firstSeenAt, at(0));
    assert.equal(back?.observedAt, at(2), 'a returning resource is observed anew, though its content is unchanged');
  });

  it('markScopesSeen moves lastSeenAt of the live resources of those scopes, not of deleted ones or other scopes', async (store) => {
    await store.inventory.upsert([resource(1), resource(2), resource(3, { region: 'us-east-1' })], at(0));
    const scope = { accountId: '111122223333', region: 'eu-west-1', type: 'aws.s3.bucket' };
    await store.inventory.markDeleted(scope, ['arn:aws:s3:::bucket-2'], at(1));
    await store.inventory.markScopesSeen([scope], 'scan-2', at(2));
    const seen = async (n: number) => (await store.inventory.get(`arn:aws:s3:::bucket-${n}`))?.lastSeenAt;
    assert.deepEqual([await seen(1), await seen(2), await seen(3)], [at(2), at(1), at(0)]);
    assert.deepEqual((await store.inventory.list({ region: 'eu-west-1' })).map((r) => r.lastSeenAt), [at(2)]);
  });

  it('a timestamp that is not one is rejected before anything is written', async (store) => {
    await rejectsWithCode(store.inventory.upsert([resource(1), resource(2, { observedAt: 'yesterday' })], at(0)), 'store.invalid');
    assert.equal(await store.inventory.count(), 0);
  });
});
