// The PersonalDataStore contract (SQLite, PostgreSQL, in-memory): erasing a person reaches owners,
// tags, configuration snapshots, evidence, queued notifications and approvals, and nothing else.
import assert from 'node:assert/strict';
import { digestFor, reminderItem } from '../../testing/notification-fixture.js';
import { ERASED_VALUE } from '../../audit/personal-data-seal.js';
import { verifyStoredChain } from '../../audit-trail/stored-chain-verifier.js';
import { at, event, resource, storeContract, violation } from '../../testing/store-contract.js';

const ALICE = 'alice@example.com';
const ERASED = 'erased:5f1c2a9e';

await storeContract('personal data store', (it) => {
  it('erases an e-mail address from owners, tags, snapshots, evidence, notifications and approvals; the audit trail is untouched', async (store) => {
    await store.inventory.upsert(
      [
        resource(1, { owner: ALICE, tags: { owner: ALICE, note: `ask ${ALICE} first` }, config: { Policy: { Principal: `arn:aws:iam::111122223333:user/x`, Contact: ALICE } } }),
        resource(2, { owner: 'payments' }),
      ],
      at(0),
    );
    await store.violations.insert([
      violation(1, { owner: ALICE, evidence: [{ path: 'Tags.owner', expected: 'a team', actual: ALICE }] }),
      violation(2, { owner: 'payments' }),
    ]);
    await store.outbox.enqueue([{ kind: 'notification', topic: ALICE, payload: digestFor(ALICE, [reminderItem({ violationId: 'v001', evidence: [{ path: 'Tags.owner', expected: 'x', actual: ALICE }] })]) }], at(0));
    await store.approvals.record({ violationId: 'v001', decision: 'approved', by: ALICE, reason: `on behalf of ${ALICE}`, at: at(1) });
    await store.approvals.record({ violationId: 'v002', decision: 'approved', by: 'bob', reason: null, at: at(1) });
    const [before] = await store.audit.append([event('v001', 'violation.opened', { resourceArn: 'arn:aws:s3:::bucket-1' })]);

    const counts = await store.transaction((tx) => tx.personalData.erase(ALICE, ERASED));
    assert.deepEqual(counts, { resources: 1, violations: 1, notifications: 1, approvals: 1, auditKeys: 0 });

    const r1 = await store.inventory.get('arn:aws:s3:::bucket-1');
    assert.equal(r1?.owner, undefined);
    assert.deepEqual(r1?.tags, { owner: ERASED, note: `ask ${ERASED} first` });
    assert.equal((await store.inventory.get('arn:aws:s3:::bucket-2'))?.owner, 'payments');
    const [v1, v2] = (await store.violations.list()).sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.equal(v1?.owner, null);
    assert.equal(v1?.evidence[0]?.actual, ERASED);
    assert.equal(v2?.owner, 'payments');
    const [row] = await store.outbox.list();
    assert.equal(row?.topic, ERASED);
    assert.doesNotMatch(JSON.stringify(row?.payload), /alice/);
    assert.deepEqual((await store.approvals.history('v001')).map((a) => [a.by, a.reason]), [[ERASED, `on behalf of ${ERASED}`]]);
    assert.deepEqual((await store.approvals.history('v002')).map((a) => a.by), ['bob']);
    const [after] = await store.audit.chain(0, 1);
    assert.equal(after?.hash, before?.hash);
    // Nothing left to erase: a second run changes nothing.
    assert.deepEqual(await store.personalData.erase(ALICE, ERASED), { resources: 0, violations: 0, notifications: 0, approvals: 0, auditKeys: 0 });
  });

  it('a name is erased only as a whole value: erasing "ops" leaves "devops" and "ops-team" alone', async (store) => {
    await store.inventory.upsert([resource(1, { owner: 'ops', tags: { owner: 'ops', team: 'devops' } }), resource(2, { owner: 'ops-team', tags: { owner: 'ops-team' } })], at(0));
    await store.violations.insert([violation(1, { owner: 'ops' }), violation(2, { owner: 'devops' })]);
    assert.deepEqual(await store.personalData.erase('ops', ERASED), { resources: 1, violations: 1, notifications: 0, approvals: 0, auditKeys: 0 });
    assert.deepEqual((await store.inventory.get('arn:aws:s3:::bucket-1'))?.tags, { owner: ERASED, team: 'devops' });
    assert.equal((await store.inventory.get('arn:aws:s3:::bucket-2'))?.owner, 'ops-team');
    assert.deepEqual((await store.violations.list({ owner: 'devops' })).length, 1);
  });

  it('audit events keep people sealed under per-person keys: readable until erase-person destroys the key, then "[erased]", the chain still verifying', async (store) => {
    const userArn = 'arn:aws:iam::111122223333:user/ops/alice';
    await store.audit.append([
      event('v001', 'violation.opened', { resourceArn: userArn, evidence: [{ path: 'UserName', expected: 'x', actual: 'alice' }], owner: ALICE }),
      { ...event('v001', 'exception.approved', { note: `asked by ${ALICE} and bob@example.com` }), actor: `user:${ALICE}` },
      event('v002', 'violation.opened', { resourceArn: 'arn:aws:s3:::bucket-2' }),
    ]);
    // Stored (and hashed): no name, only sealed values; read: the names.
    const stored = JSON.stringify(await store.audit.chain(0, 10));
    assert.doesNotMatch(stored, /alice|bob@/);
    const [opened, approved, plain] = await store.audit.list();
    assert.deepEqual(opened?.data, { resourceArn: userArn, evidence: [{ path: 'UserName', expected: 'x', actual: 'alice' }], owner: ALICE });
    assert.equal(approved?.actor, `user:${ALICE}`);
    assert.equal(approved?.data.note, `asked by ${ALICE} and bob@example.com`);
    assert.equal(plain?.data.resourceArn, 'arn:aws:s3:::bucket-2');

    assert.equal((await store.personalData.erase('alice', ERASED)).auditKeys, 1);
    assert.equal((await store.personalData.erase(ALICE, ERASED)).auditKeys, 1);
    const [o2, a2] = await store.audit.list();
    assert.deepEqual(o2?.data, { resourceArn: `arn:aws:iam::111122223333:user/ops/${ERASED_VALUE}`, evidence: [{ path: 'UserName', expected: 'x', actual: ERASED_VALUE }], owner: ERASED_VALUE });
    assert.equal(a2?.actor, `user:${ERASED_VALUE}`);
    // Only the erased person: bob still reads.
    assert.equal(a2?.data.note, `asked by ${ERASED_VALUE} and bob@example.com`);
    const report = await verifyStoredChain(store.audit, store.checkpoints);
    assert.deepEqual([report.ok, report.checked], [true, 3]);
  });
});
