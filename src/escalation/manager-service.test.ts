// The escalation manager on SQLite, PostgreSQL and the in-memory store: whole ladders through the
// clock, one digest per owner, idempotent runs, exceptions in and out, approvals, and (PostgreSQL)
// two managers at once sending each reminder exactly once.
import assert from 'node:assert/strict';
import { ManualClock } from '../common/clock.js';
import type { PolicyException } from '../exceptions/policy-exception.js';
import type { Store } from '../store/store.js';
import { storeContract, violation } from '../testing/store-contract.js';
import { day, managerOn, MANAGER_T0 } from '../testing/manager-fixture.js';

const open = (n: number, policyId: string, owner = 'payments') =>
  violation(n, { policyId, owner, accountId: '111122223333', firstSeenAt: MANAGER_T0, lastSeenAt: MANAGER_T0, stateChangedAt: MANAGER_T0, nextActionAt: MANAGER_T0 });

/** Everything observable a run can change: violation rows, the audit trail's length, the outbox. */
const snapshot = async (store: Store) => ({
  violations: (await store.violations.list({ limit: 10_000 })).map((v) => `${v.id}:${v.state}:${v.remindersSent}:${v.nextActionAt}:${v.version}`).sort(),
  events: (await store.audit.list({ limit: 100_000 })).length,
  outbox: (await store.outbox.list()).map((r) => r.id),
});

const notifiedKeys = async (store: Store): Promise<string[]> =>
  (await store.outbox.list({ kind: 'notification' })).flatMap((r) => (r.kind === 'notification' ? r.payload.items.map((i) => i.dedupeKey) : []));

await storeContract('escalation manager', (it, backend) => {
  it('walks a ladder through the clock: reminders, one digest per owner, then enforcement requested durably; twice at one instant changes nothing', async (store) => {
    await store.violations.insert([open(1, 's3-public'), open(2, 's3-public'), open(3, 'tags', 'data')]);
    const clock = new ManualClock(MANAGER_T0);
    const manager = managerOn(store, clock);
    const r0 = await manager.runOnce();
    assert.deepEqual([r0.reminded, r0.digests, r0.enforcementRequested], [3, 2, 0]);
    const digests = await store.outbox.list({ kind: 'notification' });
    assert.deepEqual(digests.map((d) => d.topic), ['data', 'payments']);
    const payments = digests[1]!;
    assert.ok(payments.kind === 'notification');
    assert.equal(payments.payload.items.length, 2);
    assert.equal(payments.payload.items[0]!.deadline, day(2), 'the deadline is when enforcement happens');
    assert.match(payments.payload.items[0]!.nextAction.description, /s3\.block-public-access/);
    assert.equal(payments.payload.items[0]!.guidance, 'Block public access.');

    const before = await snapshot(store);
    const again = await manager.runOnce();
    assert.equal(again.stepped, 0);
    assert.deepEqual(await snapshot(store), before, 'a second run at the same instant changes nothing');

    clock.set(day(1));
    const r1 = await manager.runOnce();
    assert.deepEqual([r1.reminded, r1.overdue], [2, 1], 'the one-reminder ladder ends a day after its reminder');
    clock.set(day(2));
    const r2 = await manager.runOnce();
    assert.deepEqual([r2.enforcementRequested, r2.overdue], [2, 0]);
    const requests = await store.outbox.list({ kind: 'enforcement' });
    assert.deepEqual(requests.map((r) => r.topic), ['s3', 's3']);
    const msg = requests[0]!.payload as { action: string; ladderStep: number; policy: { version: string }; approval: unknown; params: unknown };
    assert.deepEqual([msg.action, msg.ladderStep, msg.policy.version, msg.approval], ['s3.block-public-access', 3, 'sha256:s3-public', null]);
    assert.deepEqual(msg.params, { ignoreWebsites: false }, "the policy's params for its action travel in the message");
    assert.equal((await store.violations.get('v001'))!.state, 'enforcing');
    const trail = (await store.audit.list({ subjectId: 'v001' })).map((e) => e.type);
    assert.deepEqual(trail, ['violation.reminded', 'violation.reminded', 'violation.due', 'enforcement.requested']);
    const keys = await notifiedKeys(store);
    assert.equal(new Set(keys).size, keys.length, 'no reminder written twice');
  });

  it('disruptive enforcement waits for a security approval, then carries it; the security team hears of it', async (store) => {
    await store.violations.insert([open(1, 'iam-keys')]);
    const clock = new ManualClock(MANAGER_T0);
    const manager = managerOn(store, clock);
    await manager.runOnce();
    clock.set(day(1));
    const waiting = await manager.runOnce();
    assert.deepEqual([waiting.awaitingApproval, waiting.enforcementRequested], [1, 0]);
    assert.deepEqual((await store.outbox.list({ kind: 'notification' })).map((r) => r.topic).sort(), ['payments', 'payments', 'security']);
    clock.set(day(3));
    assert.equal((await manager.runOnce()).stepped, 0, 'nothing happens without an approval');
    const v = (await store.violations.get('v001'))!;
    await store.transaction(async (tx) => {
      await tx.approvals.record({ violationId: v.id, decision: 'approved', by: 'alice', reason: 'CHG-7', at: day(3) });
      await tx.violations.update([{ ...v, nextActionAt: day(3), version: v.version + 1 }]);
    });
    const r = await manager.runOnce();
    assert.equal(r.enforcementRequested, 1);
    const [req] = await store.outbox.list({ kind: 'enforcement' });
    assert.deepEqual((req!.payload as { approval: unknown }).approval, { by: 'alice', at: day(3), reason: 'CHG-7' });
  });

  it('an exception takes matching violations off the ladder; at expiry they come back and the owner is told; both are audit events', async (store) => {
    await store.violations.insert([open(1, 's3-public'), open(2, 's3-public')]);
    const clock = new ManualClock(MANAGER_T0);
    const ex: PolicyException = {
      id: 'site-assets', policies: ['s3-public'], selector: { arn: 'arn:aws:s3:::bucket-1' }, justification: 'Public website', requestedBy: 'bob',
      approvedBy: 'alice', expiresAt: day(5), source: { file: 'exceptions/a.yaml', line: 1, col: 3 },
    };
    const manager = managerOn(store, clock, { exceptions: async () => [ex] });
    const r0 = await manager.runOnce();
    assert.deepEqual([r0.excepted, r0.reminded], [1, 1]);
    assert.equal((await store.violations.get('v001'))!.state, 'excepted');
    for (const d of [1, 2, 3]) {
      clock.set(day(d));
      await manager.runOnce();
    }
    assert.equal((await store.violations.get('v001'))!.state, 'excepted', 'never enforced while excepted');
    assert.equal((await store.violations.get('v002'))!.state, 'enforcing');
    clock.set(day(5));
    const back = await manager.runOnce();
    assert.deepEqual([back.exceptionsExpired, back.reminded], [1, 1]);
    const v1 = (await store.violations.get('v001'))!;
    assert.deepEqual([v1.state, v1.remindersSent], ['reminded', 1]);
    const told = (await store.outbox.list({ kind: 'notification' })).at(-1)!;
    assert.ok(told.kind === 'notification' && /exception ended/.test(told.payload.items[0]!.nextAction.description));
    assert.deepEqual((await store.audit.list({ subjectKind: 'exception' })).map((e) => e.type), ['exception.loaded', 'exception.expired']);
    assert.equal((await manager.runOnce()).exceptionsExpired, 0, 'expiry is recorded once');
  });

  it('an exception longer than the maximum: refused when new, capped at the maximum when it was honoured before (the maximum lowered since); both audited', async (store) => {
    await store.violations.insert([open(1, 's3-public'), open(2, 's3-public')]);
    const clock = new ManualClock(MANAGER_T0);
    const ex = (n: number, expiresAt: string, approvedAt?: string): PolicyException => ({
      id: `ex-${n}`, policies: ['s3-public'], selector: { arn: `arn:aws:s3:::bucket-${n}` }, justification: 'Vendor migration window', requestedBy: 'bob',
      approvedBy: 'alice', expiresAt, ...(approvedAt ? { approvedAt } : {}), source: { file: 'exceptions/long.yaml', line: n, col: 3 },
    });
    // ex-1 asks for a year from its approval today: refused outright. ex-2 (60 days) is within the 90-day maximum.
    const set = [ex(1, day(365), MANAGER_T0), ex(2, day(60))];
    const r0 = await managerOn(store, clock, { exceptions: async () => set }).runOnce();
    assert.deepEqual([r0.exceptionsRefused, r0.excepted, r0.reminded], [1, 1, 1]);
    assert.equal((await store.violations.get('v001'))!.state, 'reminded', 'a refused exception covers nothing');
    assert.equal((await store.violations.get('v002'))!.state, 'excepted');
    const [refused] = await store.audit.list({ subjectId: 'ex-1', types: ['exception.refused'] });
    assert.match(String(refused!.data['reason']), /lasts 365 days from approval, longer than the maximum of 90 days \(escalation\.maxExceptionDuration\)/);
    assert.equal((await managerOn(store, clock, { exceptions: async () => set }).runOnce()).exceptionsRefused, 0, 'refused once per version, not every run');

    // The organisation lowers the maximum to 30 days: ex-2, honoured since day 0, now ends on day 30, not day 60.
    clock.set(day(1));
    const lowered = managerOn(store, clock, { exceptions: async () => set, maxExceptionMs: 30 * 86_400_000 });
    assert.equal((await lowered.runOnce()).exceptionsCapped, 1);
    const [capped] = await store.audit.list({ subjectId: 'ex-2', types: ['exception.capped'] });
    assert.deepEqual([capped!.data['requestedExpiresAt'], capped!.data['expiresAt'], capped!.data['countedFrom']], [day(60), day(30), MANAGER_T0]);
    clock.set(day(29));
    await lowered.runOnce();
    assert.equal((await store.violations.get('v002'))!.state, 'excepted', 'still covered inside the maximum');
    clock.set(day(30));
    const back = await lowered.runOnce();
    assert.deepEqual([back.exceptionsExpired, back.exceptionsCapped], [1, 0]);
    assert.equal((await store.violations.get('v002'))!.state, 'reminded', 'not honoured past the maximum: back on the ladder, owner told');
    const [expired] = await store.audit.list({ subjectId: 'ex-2', types: ['exception.expired'] });
    assert.deepEqual([expired!.data['expiresAt'], expired!.data['requestedExpiresAt']], [day(30), day(60)]);
  });

  it('an OU selector covers the accounts in that OU (nested), and no others', async (store) => {
    await store.violations.insert([open(1, 'tags'), { ...open(2, 'tags'), accountId: '444455556666' }]);
    const ex = (ou: string): PolicyException => ({
      id: `ou-${ou.replaceAll('/', '-')}`, policies: 'all', selector: { ou }, justification: 'Sandbox teardown', requestedBy: 'bob', approvedBy: 'alice', expiresAt: day(30),
      source: { file: 'exceptions/ou.yaml', line: 1, col: 3 },
    });
    const clock = new ManualClock(MANAGER_T0);
    assert.equal((await managerOn(store, clock, { exceptions: async () => [ex('root/dev')] }).runOnce()).excepted, 0);
    clock.set(day(0.5));
    const r = await managerOn(store, clock, { exceptions: async () => [ex('root/prod')] }).runOnce();
    assert.equal(r.excepted, 1);
    assert.equal((await store.violations.get('v001'))!.state, 'excepted');
    assert.equal((await store.violations.get('v002'))!.state, 'reminded', 'an account outside the OU is not covered');
  });

  if (backend.name === 'postgres') {
    it('two managers with separate connections at the same instant send each reminder exactly once', async (store, fresh) => {
      const n = 60;
      await store.violations.insert(Array.from({ length: n }, (_, i) => open(i + 1, i % 2 ? 's3-public' : 'tags', `team-${i % 5}`)));
      const other = fresh.open();
      try {
        const clock = new ManualClock(MANAGER_T0);
        const [a, b] = await Promise.all([managerOn(store, clock, { batchSize: 7 }).runOnce(), managerOn(other, clock, { batchSize: 7 }).runOnce()]);
        assert.equal(a.reminded + b.reminded, n);
        const keys = await notifiedKeys(store);
        assert.equal(keys.length, n);
        assert.equal(new Set(keys).size, n);
        const reminded = await store.audit.list({ types: ['violation.reminded'], limit: 1_000 });
        assert.equal(reminded.length, n, 'one audit event per reminder');
      } finally {
        await other.close();
      }
    });
  }
});
