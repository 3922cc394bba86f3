// The ViolationStore contract. Runs on SQLite, PostgreSQL and the in-memory fake (src/testing/store-contract.ts).
import assert from 'node:assert/strict';
import type { Violation } from '../../violations/violation.js';
import { at, violation, rejectsWithCode, storeContract } from '../../testing/store-contract.js';

await storeContract('violation store', (it) => {
  it('violations round-trip exactly, evidence included', async (store) => {
    const v = violation(1, { nextActionAt: at(2), owner: null, evidence: [{ path: 'Rules[0].Days', expected: '≥ 35', actual: 7 }] });
    await store.violations.insert([v]);
    assert.deepEqual(await store.violations.get(v.id), v);
    assert.equal(await store.violations.get('nope'), undefined);
  });

  it('inserting an existing violation id is a store.conflict and writes nothing of the batch', async (store) => {
    await store.violations.insert([violation(1)]);
    await rejectsWithCode(store.violations.insert([violation(2), violation(1)]), 'store.conflict');
    assert.equal(await store.violations.get('v002'), undefined);
  });

  it('update writes when the stored version is one behind, and otherwise conflicts and writes nothing', async (store) => {
    await store.violations.insert([violation(1), violation(2)]);
    const reminded = violation(1, { state: 'reminded', remindersSent: 1, version: 2, stateChangedAt: at(1) });
    await store.violations.update([reminded]);
    assert.deepEqual(await store.violations.get('v001'), reminded);

    // A second worker still holding version 1 loses, and its other change is not written either.
    const stale = violation(1, { state: 'due', version: 2 });
    const other = violation(2, { state: 'resolved', version: 2, resolution: 'passes', resolvedAt: at(1) });
    await rejectsWithCode(store.violations.update([other, stale]), 'store.conflict');
    assert.equal((await store.violations.get('v001'))?.state, 'reminded');
    assert.equal((await store.violations.get('v002'))?.state, 'open');
    await rejectsWithCode(store.violations.update([violation(9, { version: 2 })]), 'store.conflict');
  });

  it('markSeen moves lastSeenAt and lastScanId, keeps the rest, and bumps the version so stale copies conflict', async (store) => {
    await store.violations.insert([violation(1), violation(2)]);
    await store.violations.markSeen(['v001'], 'scan-2', at(3));
    const v = await store.violations.get('v001');
    assert.deepEqual({ ...v }, { ...violation(1), lastSeenAt: at(3), lastScanId: 'scan-2', version: 2 });
    assert.deepEqual(await store.violations.get('v002'), violation(2));
    await rejectsWithCode(store.violations.update([{ ...violation(1), state: 'reminded', version: 2 }]), 'store.conflict');
  });

  it('large update batches are all-or-nothing across statement chunks; one id twice applies both versions', async (store) => {
    const n = 4_000;
    await store.violations.insert(Array.from({ length: n }, (_, i) => violation(i)));
    await store.violations.update(Array.from({ length: n }, (_, i) => violation(i, { lastSeenAt: at(1), lastScanId: 'scan-2', version: 2 })));
    assert.equal(await store.violations.count({ scanId: 'scan-2' }), n);

    const next = Array.from({ length: n }, (_, i) => violation(i, { lastSeenAt: at(2), lastScanId: 'scan-3', version: i === n - 1 ? 2 : 3 }));
    await rejectsWithCode(store.violations.update(next), 'store.conflict');
    assert.equal(await store.violations.count({ scanId: 'scan-3' }), 0, 'rows of earlier chunks were rolled back too');

    await store.violations.update([violation(1, { state: 'reminded', version: 3 }), violation(1, { state: 'due', version: 4 })]);
    assert.deepEqual([(await store.violations.get('v001'))?.state, (await store.violations.get('v001'))?.version], ['due', 4]);
  });

  it('list filters, orders and pages; count agrees', async (store) => {
    await store.violations.insert([
      violation(1, { severity: 'low', lastSeenAt: at(5), firstSeenAt: at(0) }),
      violation(2, { severity: 'critical', lastSeenAt: at(3), firstSeenAt: at(2), owner: null }),
      violation(3, { severity: 'high', lastSeenAt: at(4), firstSeenAt: at(1), state: 'resolved', policyId: 'iam-mfa' }),
      violation(4, { severity: 'critical', lastSeenAt: at(6), firstSeenAt: at(3), nextActionAt: at(1) }),
      violation(5, { severity: 'medium', lastSeenAt: at(1), firstSeenAt: at(4), nextActionAt: at(9), lastScanId: 'scan-2' }),
    ]);
    const ids = (vs: Violation[]) => vs.map((v) => v.id);
    assert.deepEqual(ids(await store.violations.list()), ['v004', 'v001', 'v003', 'v002', 'v005']);
    assert.deepEqual(ids(await store.violations.list({ orderBy: 'age' })), ['v001', 'v003', 'v002', 'v004', 'v005']);
    assert.deepEqual(ids(await store.violations.list({ orderBy: 'severity' })), ['v004', 'v002', 'v003', 'v005', 'v001']);
    assert.deepEqual(ids(await store.violations.list({ orderBy: 'severity', limit: 2, offset: 1 })), ['v002', 'v003']);
    assert.deepEqual(ids(await store.violations.list({ states: ['open'], severities: ['critical', 'low'] })), ['v004', 'v001', 'v002']);
    assert.deepEqual(ids(await store.violations.list({ policyIds: ['iam-mfa'] })), ['v003']);
    assert.deepEqual(ids(await store.violations.list({ actionDueBy: at(2) })), ['v004'], 'the work queue skips unscheduled and future ones');
    assert.deepEqual(ids(await store.violations.list({ actionDueBy: '2026-03-10T01:00:00+01:00' })), ['v004', 'v005'], 'offsets compare as instants');
    assert.deepEqual(await store.violations.list({ states: [] }), [], 'an empty list matches nothing');
    assert.deepEqual(ids(await store.violations.list({ resourceArn: 'arn:aws:s3:::bucket-2' })), ['v002']);
    assert.deepEqual(ids(await store.violations.list({ scanId: 'scan-2' })), ['v005']);
    assert.equal(await store.violations.count({ states: ['open'] }), 4);
    assert.equal(await store.violations.count({ owner: 'payments' }), 4);
    assert.equal(await store.violations.count(), 5);
  });

  it('pages yields what list returns, in its order, a page at a time, ignoring limit and offset', async (store) => {
    await store.violations.insert([
      violation(1, { severity: 'low', lastSeenAt: at(5) }),
      violation(2, { severity: 'critical', lastSeenAt: at(3) }),
      violation(3, { severity: 'high', lastSeenAt: at(4), state: 'resolved' }),
      violation(4, { severity: 'critical', lastSeenAt: at(6) }),
      violation(5, { severity: 'medium', lastSeenAt: at(1) }),
    ]);
    const paged: string[][] = [];
    for await (const page of store.violations.pages({ orderBy: 'severity', states: ['open'], limit: 1, offset: 1 }, 2)) paged.push(page.map((v) => v.id));
    assert.deepEqual(paged, [['v004', 'v002'], ['v005', 'v001']]);
    const pages: unknown[] = [];
    for await (const page of store.violations.pages({ states: [] })) pages.push(page);
    assert.deepEqual(pages, [], 'nothing matching: no page at all');
  });

  it('group counts per key, biggest first, with a null group for unowned ones', async (store) => {
    await store.violations.insert([
      violation(1, { severity: 'high' }),
      violation(2, { severity: 'high', owner: null }),
      violation(3, { severity: 'low', owner: null }),
      violation(4, { severity: 'high', state: 'resolved' }),
    ]);
    assert.deepEqual(await store.violations.group(['severity'], { states: ['open'] }), [
      { key: { severity: 'high' }, count: 2 },
      { key: { severity: 'low' }, count: 1 },
    ]);
    assert.deepEqual(await store.violations.group(['owner', 'state']), [
      { key: { owner: null, state: 'open' }, count: 2 },
      { key: { owner: 'payments', state: 'open' }, count: 1 },
      { key: { owner: 'payments', state: 'resolved' }, count: 1 },
    ]);
    assert.deepEqual(await store.violations.group([]), [{ key: {}, count: 4 }]);
  });

  it('resourcesWith lists each resource once that has a violation in the given states', async (store) => {
    await store.violations.insert([violation(1), violation(2, { state: 'resolved' }), violation(3, { state: 'excepted' }), violation(4, { id: 'v004b', resourceArn: 'arn:aws:s3:::bucket-1', policyId: 'x' })]);
    assert.deepEqual((await store.violations.resourcesWith(['open', 'excepted'])).sort(), ['arn:aws:s3:::bucket-1', 'arn:aws:s3:::bucket-3']);
    assert.deepEqual(await store.violations.resourcesWith([]), []);
  });

  it('ofResources returns every state of every listed resource', async (store) => {
    await store.violations.insert([violation(1), violation(2, { state: 'resolved' }), violation(3), violation(4, { id: 'v004b', resourceArn: 'arn:aws:s3:::bucket-2', policyId: 'x' })]);
    const got = await store.violations.ofResources(['arn:aws:s3:::bucket-2', 'arn:aws:s3:::bucket-1', 'arn:aws:s3:::none']);
    assert.deepEqual(got.map((v) => v.id), ['v001', 'v002', 'v004b']);
    assert.deepEqual(await store.violations.ofResources([]), []);
  });
});
