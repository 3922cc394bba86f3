import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enforcementMessage } from '../testing/enforcement-fixture.js';
import { enforcementHarness, liveViolation, recordedDelivery } from '../testing/enforcement-harness.js';
import { memoryTestStore } from '../testing/test-store.js';
import { resource } from '../testing/store-contract.js';

const msg = (violationId: string, over: Parameters<typeof enforcementMessage>[0] = {}) =>
  enforcementMessage({ violationId, action: 'test.lock', resource: { arn: `arn:aws:s3:::${violationId}`, type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1' }, ...over });

const setup = async (ids: string[], over: Parameters<typeof enforcementHarness>[1] = {}) => {
  const store = memoryTestStore();
  await store.violations.insert(ids.map((id) => liveViolation(id, { resourceArn: `arn:aws:s3:::${id}` })));
  return { store, ...enforcementHarness(store, over) };
};

describe('enforcement service', () => {
  it('acts, verifies, records before/after, audits, marks the violation enforced and acks', async () => {
    const { store, estate, service } = await setup(['v1']);
    const { d, settled } = recordedDelivery(msg('v1'));
    const out = await service.handle(d);
    assert.equal(out.kind, 'succeeded');
    assert.deepEqual(settled, ['ack']);
    assert.equal(estate.applies, 1);
    const rec = await store.enforcementActions.byKey('v1:4');
    assert.deepEqual([rec?.status, rec?.before, rec?.after, rec?.dryRun], ['succeeded', { locked: false }, { locked: true }, false]);
    const v = await store.violations.get('v1');
    assert.deepEqual([v?.state, v?.resolution], ['enforced', 'enforced:test.lock']);
    const events = await store.audit.list();
    assert.deepEqual(events.map((e) => [e.type, e.actor]), [['enforcement.succeeded', 'enforcer:test'], ['violation.enforced', 'enforcer:test']]);
    assert.equal(events[0]?.data['traceId'], 'trace-v1');
  });

  it('a redelivery after success never acts again; after a crash mid-way it records the change that landed without acting twice', async () => {
    const { store, estate, service } = await setup(['v1', 'v2']);
    await service.handle(recordedDelivery(msg('v1')).d);
    const again = recordedDelivery(msg('v1'), 2);
    assert.equal((await service.handle(again.d)).kind, 'duplicate');
    assert.deepEqual(again.settled, ['ack']);
    assert.equal(estate.applies, 1);
    // v2: the worker died after acting, before recording: the record says started, the resource is locked.
    await store.enforcementActions.begin({ id: 'act-crashed', idempotencyKey: 'v2:4', action: 'test.lock', family: 'test', violationId: 'v2', resourceArn: 'arn:aws:s3:::v2', resourceType: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1', params: {}, dryRun: false, before: null, traceId: 't', startedAt: '2026-12-09T09:00:00.000Z' });
    estate.locked.set('arn:aws:s3:::v2', true);
    const out = await service.handle(recordedDelivery(msg('v2'), 2).d);
    assert.deepEqual([out.kind, out.reason], ['skipped', 'already-compliant']);
    assert.equal(estate.applies, 1);
    assert.equal((await store.enforcementActions.byKey('v2:4'))?.id, 'act-crashed');
  });

  it('skips, with the reason recorded, when the world changed since the message was sent', async () => {
    const { store, estate, service } = await setup(['ok']);
    await store.violations.insert([
      liveViolation('resolved', { state: 'resolved', resourceArn: 'arn:aws:s3:::resolved' }),
      liveViolation('excepted', { state: 'excepted', resourceArn: 'arn:aws:s3:::excepted' }),
      liveViolation('fixed', { resourceArn: 'arn:aws:s3:::fixed' }),
      liveViolation('risky', { resourceArn: 'arn:aws:s3:::risky' }),
    ]);
    estate.locked.set('arn:aws:s3:::fixed', true);
    const reasons: Record<string, string | null> = {};
    for (const [id, over] of [['resolved', {}], ['excepted', {}], ['fixed', {}], ['missing', {}], ['risky', { action: 'test.shred' }]] as const) {
      const out = await service.handle(recordedDelivery(msg(id, over)).d);
      reasons[id] = `${out.kind}:${out.reason}`;
    }
    assert.deepEqual(reasons, {
      resolved: 'skipped:violation-resolved',
      excepted: 'skipped:exception-active',
      fixed: 'skipped:already-compliant',
      missing: 'skipped:violation-not-found',
      risky: 'skipped:approval-required: irreversible action without an approval',
    });
    assert.equal(estate.applies, 0);
    const approved = await service.handle(recordedDelivery(msg('risky', { action: 'test.shred', ladderStep: 5, approval: { by: 'user:ciso@example.com', at: '2026-12-09T09:00:00.000Z' } })).d);
    assert.equal(approved.kind, 'succeeded');
    assert.equal((await store.audit.list({ types: ['enforcement.skipped'] })).length, 5);
  });

  it('dry-run (global or per action) reads and records the plan but changes nothing', async () => {
    const global = await setup(['v1'], { settings: { mode: 'dry-run' } });
    const out = await global.service.handle(recordedDelivery(msg('v1')).d);
    assert.deepEqual([out.kind, out.reason, global.estate.applies], ['skipped', 'dry-run', 0]);
    const rec = await global.store.enforcementActions.byKey('v1:4');
    assert.deepEqual([rec?.dryRun, rec?.before], [true, { locked: false }]);
    assert.equal((await global.store.audit.list({ types: ['enforcement.dry-run'] })).length, 1);
    assert.equal((await global.store.violations.get('v1'))?.state, 'enforcing');

    const perAction = await setup(['v1'], { settings: { actions: { 'test.lock': { mode: 'dry-run' } } } });
    assert.equal((await perAction.service.handle(recordedDelivery(msg('v1')).d)).reason, 'dry-run');
    assert.equal(perAction.estate.applies, 0);
  });

  it('a transient error retries with exponential backoff; the next delivery succeeds', async () => {
    const { store, estate, service } = await setup(['v1']);
    estate.failures.push(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }), Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const first = recordedDelivery(msg('v1'), 1);
    const second = recordedDelivery(msg('v1'), 2);
    assert.equal((await service.handle(first.d)).kind, 'retrying');
    assert.equal((await service.handle(second.d)).kind, 'retrying');
    assert.deepEqual([...first.settled, ...second.settled], ['nak:100', 'nak:200']);
    assert.equal((await service.handle(recordedDelivery(msg('v1'), 3).d)).kind, 'succeeded');
    assert.equal((await store.audit.list({ types: ['enforcement.retrying'] })).length, 2);
    assert.equal((await store.enforcementActions.byKey('v1:4'))?.status, 'succeeded');
  });

  it('a permanent error, or the last allowed delivery, dead-letters: recorded, audited, the violation marked failed', async () => {
    const { store, estate, service } = await setup(['denied', 'flaky'], { maxDeliver: 2 });
    estate.failures.push(Object.assign(new Error('User is not authorized'), { name: 'AccessDenied' }));
    const denied = recordedDelivery(msg('denied'), 1, 2);
    assert.equal((await service.handle(denied.d)).kind, 'dead-lettered');
    assert.match(denied.settled[0] ?? '', /^dead:AccessDenied: User is not authorized/);
    estate.failures.push(Object.assign(new Error('503'), { name: 'ServiceUnavailable' }));
    assert.equal((await service.handle(recordedDelivery(msg('flaky'), 2, 2).d)).kind, 'dead-lettered');
    assert.equal((await store.violations.get('denied'))?.state, 'failed');
    assert.equal((await store.audit.list({ types: ['enforcement.dead-lettered'] })).length, 2);
    assert.equal((await store.audit.list({ types: ['violation.enforcement-failed'] })).length, 2);
  });

  it('an action that reports success but changes nothing fails verification', async () => {
    const { store, estate, service } = await setup(['v1'], { maxDeliver: 1 });
    estate.ignoreWrites = true;
    const out = await service.handle(recordedDelivery(msg('v1'), 1, 1).d);
    assert.equal(out.kind, 'dead-lettered');
    assert.match(out.reason ?? '', /verification failed/);
    assert.equal((await store.enforcementActions.byKey('v1:4'))?.status, 'failed');
  });

  it('the circuit breaker refuses an action that would touch more than X% of an account\'s resources of one type', async () => {
    const ids = ['c1', 'c2', 'c3'];
    const { store, estate, service } = await setup(ids, { settings: { circuitBreaker: { maxPercent: 20, minResources: 5, windowHours: 24 } } });
    await store.inventory.upsert(Array.from({ length: 10 }, (_, i) => resource(i)), '2026-12-09T00:00:00.000Z');
    const kinds = [];
    for (const id of ids) kinds.push((await service.handle(recordedDelivery(msg(id)).d)).kind);
    assert.deepEqual(kinds, ['succeeded', 'succeeded', 'skipped']);
    assert.equal(estate.applies, 2);
    const [open] = await store.audit.list({ types: ['enforcement.circuit-open'] });
    assert.match(String(open?.data['reason']), /circuit-open: 3 of 10 aws.s3.bucket in account 111122223333/);
  });

  it('per-action rate limits defer the message instead of acting', async () => {
    const { estate, service } = await setup(['r1', 'r2'], { settings: { actions: { 'test.lock': { maxPerHour: 1 } } } });
    assert.equal((await service.handle(recordedDelivery(msg('r1')).d)).kind, 'succeeded');
    const second = recordedDelivery(msg('r2'));
    assert.equal((await service.handle(second.d)).kind, 'deferred');
    assert.deepEqual([second.settled, estate.applies], [['defer:60000'], 1]);
  });

  it('an unknown action, a wrong resource type or bad params is rejected to the dead letters at once', async () => {
    const { store, service } = await setup(['v1']);
    const cases = [msg('v1', { action: 'test.lok' }), msg('v1', { params: { force: 'yes' } }), msg('v1', { resource: { arn: 'arn:aws:iam::1:user/a', type: 'aws.iam.user', accountId: '111122223333', region: 'eu-west-1' } })];
    const reasons = [];
    for (const m of cases) reasons.push((await service.handle(recordedDelivery(m).d)).reason);
    assert.match(reasons[0] ?? '', /unknown action "test.lok"; did you mean "test.lock"/);
    assert.match(reasons[1] ?? '', /params of test.lock are invalid at \/force/);
    assert.match(reasons[2] ?? '', /does not apply to aws.iam.user/);
    assert.equal((await store.audit.list({ types: ['enforcement.rejected'] })).length, 3);
  });

  it('notify-only changes nothing and records that enforcement came due', async () => {
    const { store, service } = await setup(['n1']);
    const out = await service.handle(recordedDelivery(msg('n1', { action: 'notify-only' })).d);
    assert.deepEqual([out.kind, (await store.enforcementActions.byKey('n1:4'))?.reason], ['succeeded', 'notify-only: nothing changed']);
  });
});
