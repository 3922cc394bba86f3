// The EnforcementActionStore contract. Runs on SQLite, PostgreSQL and the in-memory fake (src/testing/store-contract.ts).
import assert from 'node:assert/strict';
import { at, rejectsWithCode, storeContract } from '../../testing/store-contract.js';
import type { NewEnforcementAction } from './enforcement-action-store.js';

const action = (n: number, over: Partial<NewEnforcementAction> = {}): NewEnforcementAction => ({
  id: `act-${n}`,
  idempotencyKey: `v-${n}:4`,
  action: 's3.block-public-access',
  family: 's3',
  violationId: `v-${n}`,
  resourceArn: `arn:aws:s3:::bucket-${n}`,
  resourceType: 'aws.s3.bucket',
  accountId: '111122223333',
  region: 'eu-west-1',
  params: { keep: true },
  dryRun: false,
  before: { BlockPublicAcls: false },
  traceId: `t-${n}`,
  startedAt: at(n),
  ...over,
});

await storeContract('enforcement action store', (it) => {
  it('one record per idempotency key: a second begin returns the first record, so a redelivery sees what happened', async (store) => {
    const first = await store.enforcementActions.begin(action(1));
    assert.equal(first.created, true);
    assert.equal(first.record.status, 'started');
    const again = await store.enforcementActions.begin(action(1, { id: 'act-other' }));
    assert.equal(again.created, false);
    assert.equal(again.record.id, 'act-1');
    await store.enforcementActions.finish('act-1', { status: 'succeeded', reason: null, before: { BlockPublicAcls: false }, after: { BlockPublicAcls: true }, error: null, finishedAt: at(1.1) });
    const read = await store.enforcementActions.byKey('v-1:4');
    assert.deepEqual([read?.status, read?.before, read?.after, read?.finishedAt], ['succeeded', { BlockPublicAcls: false }, { BlockPublicAcls: true }, at(1.1)]);
    assert.equal(await store.enforcementActions.get('act-other'), undefined);
  });

  it('counts and lists by account, action, status and time (rate limits, circuit breaker)', async (store) => {
    await store.enforcementActions.begin(action(1));
    await store.enforcementActions.begin(action(2, { action: 'iam.deactivate-access-key', family: 'iam' }));
    await store.enforcementActions.begin(action(3, { accountId: '444455556666' }));
    await store.enforcementActions.finish('act-3', { status: 'skipped', reason: 'dry-run', before: null, after: null, error: null, finishedAt: at(3), dryRun: true });
    assert.equal(await store.enforcementActions.count({ accountId: '111122223333' }), 2);
    assert.equal(await store.enforcementActions.count({ action: 's3.block-public-access', since: at(2) }), 1);
    assert.equal(await store.enforcementActions.count({ statuses: ['skipped'], dryRun: true }), 1);
    // A capped count reads no further than the cap: what a rate limit asks ("more than N?").
    assert.equal(await store.enforcementActions.count({ accountId: '111122223333' }, 1), 1);
    assert.equal(await store.enforcementActions.count({ accountId: '111122223333' }, 5), 2);
    assert.equal(await store.enforcementActions.count({ accountId: '111122223333' }, 0), 0);
    assert.deepEqual((await store.enforcementActions.list()).map((r) => r.id), ['act-3', 'act-2', 'act-1']);
    assert.deepEqual((await store.enforcementActions.list({ limit: 1 })).map((r) => r.id), ['act-3']);
  });

  it('counts per account in one read: each account as count() would, capped, and 0 for an account with none', async (store) => {
    for (let n = 1; n <= 4; n++) await store.enforcementActions.begin(action(n));
    await store.enforcementActions.begin(action(5, { accountId: '444455556666' }));
    await store.enforcementActions.begin(action(6, { accountId: '444455556666' }));
    await store.enforcementActions.finish('act-6', { status: 'skipped', reason: 'dry-run', before: null, after: null, error: null, finishedAt: at(6), dryRun: true });
    const accounts = ['111122223333', '444455556666', '777788889999'];
    const acted = { statuses: ['started', 'succeeded'] as const, since: at(2), dryRun: false };
    const counts = await store.enforcementActions.countPerAccount(accounts, { ...acted, statuses: [...acted.statuses] }, 10);
    assert.deepEqual([...counts].sort(), [['111122223333', 3], ['444455556666', 1], ['777788889999', 0]]);
    for (const accountId of accounts) assert.equal(counts.get(accountId), await store.enforcementActions.count({ ...acted, statuses: [...acted.statuses], accountId }, 10));
    // Capped like count(upTo): a limit only asks "more than N?".
    assert.equal((await store.enforcementActions.countPerAccount(accounts, {}, 2)).get('111122223333'), 2);
  });

  it('an action is rolled back once; an unknown id is not-found', async (store) => {
    await store.enforcementActions.begin(action(1));
    await store.enforcementActions.markRolledBack('act-1', 'act-rb');
    assert.equal((await store.enforcementActions.get('act-1'))?.rolledBackBy, 'act-rb');
    await rejectsWithCode(store.enforcementActions.markRolledBack('act-1', 'act-rb2'), 'store.conflict');
    await rejectsWithCode(store.enforcementActions.finish('nope', { status: 'failed', reason: null, before: null, after: null, error: 'x', finishedAt: at(1) }), 'store.not-found');
  });

  it('a begin inside a rolled-back transaction leaves no record', async (store) => {
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.enforcementActions.begin(action(1));
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await store.enforcementActions.byKey('v-1:4'), undefined);
  });
});
