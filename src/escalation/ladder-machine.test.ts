// The reminder ladder under time: example steps, then fast-check sequences of scans, clock ticks,
// exceptions, approvals and enforcer outcomes, driving the real reconciler and the pure step function.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DAY_MS } from '../common/clock.js';
import type { Finding, Violation } from '../violations/violation.js';
import { VIOLATION_STATES } from '../violations/violation.js';
import { reconcile } from '../violations/violation-reconciler.js';
import type { Ladder, LadderEnd } from './ladder.js';
import { stepViolation, type ApprovalDecision, type ActiveException, type StepOutcome } from './ladder-machine.js';

const T0 = '2026-12-01T09:00:00.000Z';
const plus = (at: string, ms: number): string => new Date(Date.parse(at) + ms).toISOString();
const ARN = 'arn:aws:s3:::payments-raw-7';
const finding: Finding = {
  policyId: 's3-public', severity: 'high', resourceArn: ARN, resourceType: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1', owner: 'payments',
  evidence: [{ path: 'PublicAccessBlockConfiguration.BlockPublicAcls', expected: '= true', actual: false }],
};
const scan = (existing: Violation[], fails: boolean, at: string): Violation | undefined => {
  const r = reconcile({ judged: new Map([[ARN, ['s3-public']]]), findings: fails ? [finding] : [], undecided: new Set(), existing, scanId: `scan-${at}`, at, actor: 'scanner' });
  return r.inserts[0] ?? r.updates[0] ?? existing[0];
};
const enforceEnd: LadderEnd = { kind: 'enforce', action: 's3.block-public-access', risk: 'safe', needsApproval: false };
const ladder = (times: number, end: LadderEnd = enforceEnd, everyMs = 2 * DAY_MS): Ladder => ({ times, everyMs, end });
const step = (v: Violation, now: string, l: Ladder, exception: ActiveException | null = null, approval: ApprovalDecision | null = null) =>
  stepViolation(v, { now, ladder: l, exception, approval, actor: 'manager' });

describe('ladder state machine: examples', () => {
  test('3 reminders 2 days apart, then enforcement, each with its deadline; nothing between steps', () => {
    let v = scan([], true, T0)!;
    const l = ladder(3);
    const seen: string[] = [];
    for (let day = 0; day <= 8; day++) {
      const now = plus(T0, day * DAY_MS);
      const out = step(v, now, l);
      if (!out) continue;
      v = out.violation;
      seen.push(`${day}:${v.state}(${v.remindersSent}) ${out.notice?.reason}${out.notice?.deadline ? ` by ${out.notice.deadline.slice(0, 10)}` : ''}${out.enforcement ? ` → ${out.enforcement.action}` : ''}`);
      assert.equal(step(v, now, l), null, 'a second run at the same instant changes nothing');
    }
    assert.deepEqual(seen, [
      '0:reminded(1) reminder by 2026-12-07',
      '2:reminded(2) reminder by 2026-12-07',
      '4:reminded(3) reminder by 2026-12-07',
      '6:enforcing(3) enforcing → s3.block-public-access',
    ]);
  });

  test('disruptive enforcement waits for approval; approval then enforces with the approver on the request', () => {
    const l = ladder(0, { ...enforceEnd, risk: 'disruptive', needsApproval: true });
    const v0 = scan([], true, T0)!;
    const waiting = step(v0, T0, l)!;
    assert.equal(waiting.violation.state, 'awaiting-approval');
    assert.equal(waiting.enforcement, null);
    assert.equal(waiting.violation.nextActionAt, null);
    // `vigil approve` records the decision and schedules the violation now.
    const scheduled = { ...waiting.violation, nextActionAt: plus(T0, 60_000), version: waiting.violation.version + 1 };
    const approved = step(scheduled, plus(T0, 60_000), l, null, { decision: 'approved', by: 'alice', at: plus(T0, 60_000), reason: 'change CHG-1' })!;
    assert.equal(approved.violation.state, 'enforcing');
    assert.deepEqual(approved.enforcement?.approval, { by: 'alice', at: plus(T0, 60_000), reason: 'change CHG-1' });
  });

  test('an exception takes it off the ladder; on expiry it restarts and the first reminder says so', () => {
    const l = ladder(2);
    let v = step(scan([], true, T0)!, T0, l)!.violation;
    const ex = { id: 'ex-1', expiresAt: plus(T0, 10 * DAY_MS) };
    const excepted = step(v, plus(T0, DAY_MS), l, ex)!;
    assert.equal(excepted.violation.state, 'excepted');
    assert.equal(excepted.violation.nextActionAt, ex.expiresAt);
    v = excepted.violation;
    assert.equal(step(v, plus(T0, 5 * DAY_MS), l, ex), null);
    const back = step(v, ex.expiresAt, l, null)!;
    assert.equal(back.violation.state, 'reminded');
    assert.equal(back.violation.remindersSent, 1);
    assert.equal(back.notice?.reason, 'exception-expired');
    assert.deepEqual(back.events.map((e) => e.type), ['violation.exception-expired', 'violation.reminded']);
  });

  test('escalate sends the violation to the team; report-only ladders end in due', () => {
    const esc = step(scan([], true, T0)!, T0, ladder(0, { kind: 'escalate', team: 'cloud-platform' }))!;
    assert.deepEqual([esc.violation.state, esc.violation.owner, esc.notice?.owner, esc.notice?.reason], ['due', 'cloud-platform', 'cloud-platform', 'escalated']);
    const rescanned = scan([esc.violation], true, plus(T0, DAY_MS))!;
    assert.equal(rescanned.owner, 'cloud-platform', 'a rescan keeps the escalation team as owner');
    const none = step(scan([], true, T0)!, T0, ladder(0, { kind: 'none' }))!;
    assert.deepEqual([none.violation.state, none.notice?.reason, none.enforcement], ['due', 'overdue', null]);
  });

  test('a resolved-then-reopened violation starts the ladder again with new message keys', () => {
    const l = ladder(1);
    const first = step(scan([], true, T0)!, T0, l)!;
    const resolved = scan([first.violation], false, plus(T0, DAY_MS))!;
    assert.equal(resolved.state, 'resolved');
    assert.equal(step(resolved, plus(T0, 9 * DAY_MS), l), null);
    const reopened = scan([resolved], true, plus(T0, 3 * DAY_MS))!;
    const again = step(reopened, plus(T0, 3 * DAY_MS), l)!;
    assert.equal(again.violation.remindersSent, 1);
    assert.notEqual(again.notice!.key, first.notice!.key);
    assert.ok(again.notice!.key.startsWith(`${first.violation.id}:1@v`));
  });
});

type Op =
  | { op: 'tick'; ms: number }
  | { op: 'scan'; fails: boolean }
  | { op: 'except'; ms: number }
  | { op: 'withdraw' }
  | { op: 'decide'; decision: 'approved' | 'rejected' }
  | { op: 'enforcer'; ok: boolean }
  | { op: 'rerun' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('tick' as const), ms: fc.constantFrom(0, 60_000, 3_600_000, DAY_MS, 2 * DAY_MS, 5 * DAY_MS) }),
  fc.record({ op: fc.constant('scan' as const), fails: fc.boolean() }),
  fc.record({ op: fc.constant('except' as const), ms: fc.constantFrom(60_000, DAY_MS, 7 * DAY_MS) }),
  fc.record({ op: fc.constant('withdraw' as const) }),
  fc.record({ op: fc.constant('decide' as const), decision: fc.constantFrom('approved' as const, 'rejected' as const) }),
  fc.record({ op: fc.constant('enforcer' as const), ok: fc.boolean() }),
  fc.record({ op: fc.constant('rerun' as const) }),
);
const endArb: fc.Arbitrary<LadderEnd> = fc.oneof(
  fc.constant(enforceEnd),
  fc.constant<LadderEnd>({ ...enforceEnd, risk: 'irreversible', needsApproval: true }),
  fc.constant<LadderEnd>({ kind: 'escalate', team: 'platform' }),
  fc.constant<LadderEnd>({ kind: 'none' }),
);

describe('ladder state machine: properties', () => {
  test('any sequence of scans, ticks, exceptions, approvals and resolutions keeps a valid state and enforces only what may be enforced, once per step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.constantFrom(60_000, 3_600_000, DAY_MS), endArb, fc.array(opArb, { maxLength: 60 }), (times, everyMs, end, ops) => {
        const l = ladder(times, end, everyMs);
        let now = T0;
        let v: Violation | undefined;
        let exception: ActiveException | null = null;
        let approval: ApprovalDecision | null = null;
        let round = 0;
        const requested = new Set<string>();
        const noticed = new Set<string>();
        const manager = () => {
          if (!v) return;
          const active = exception && exception.expiresAt > now ? exception : null;
          const before = v;
          const out: StepOutcome | null = step(v, now, l, active, before.state === 'awaiting-approval' ? approval : null);
          if (!out) return;
          if (out.enforcement) {
            assert.ok(before.state !== 'resolved' && before.state !== 'excepted', `enforcement requested from ${before.state}`);
            assert.equal(active, null, 'enforcement requested while an exception is active');
            assert.equal(end.kind, 'enforce');
            if (end.kind === 'enforce' && end.needsApproval) assert.equal(approval?.decision, 'approved', 'unapproved disruptive enforcement');
            const perStep = `${round}:${out.enforcement.step}`;
            assert.ok(!requested.has(perStep), `two enforcement requests for step ${perStep}`);
            requested.add(perStep);
          }
          if (out.notice) {
            assert.ok(!noticed.has(out.notice.key), `notice ${out.notice.key} twice`);
            noticed.add(out.notice.key);
          }
          if (out.events.some((e) => e.type === 'violation.exception-expired')) round++;
          assert.equal(out.violation.version, before.version + 1);
          assert.ok(out.events.length > 0 || out.violation.nextActionAt !== before.nextActionAt, 'a change without an audit event must only drop a stale schedule');
          v = out.violation;
          assert.equal(step(v, now, l, active, v.state === 'awaiting-approval' ? approval : null), null, 'idempotent at the same instant');
        };
        for (const o of ops) {
          if (o.op === 'tick') now = plus(now, o.ms);
          else if (o.op === 'scan') {
            const prev = v;
            v = scan(v ? [v] : [], o.fails, now);
            if (prev?.state === 'resolved' && v?.state === 'open') round++;
            if (v && v.state !== prev?.state) approval = null;
          } else if (o.op === 'except') exception = { id: `ex-${now}`, expiresAt: plus(now, o.ms) };
          else if (o.op === 'withdraw') exception = null;
          else if (o.op === 'decide' && v?.state === 'awaiting-approval') {
            approval = { decision: o.decision, by: 'alice', at: now };
            v = { ...v, nextActionAt: now, version: v.version + 1 };
          } else if (o.op === 'enforcer' && v?.state === 'enforcing') v = { ...v, state: o.ok ? 'enforced' : 'failed', stateChangedAt: now, version: v.version + 1 };
          manager();
          if (o.op === 'rerun') manager();
          if (!v) continue;
          assert.ok(VIOLATION_STATES.includes(v.state));
          assert.ok(v.remindersSent >= 0 && v.remindersSent <= times, `remindersSent ${v.remindersSent} of ${times}`);
          if (v.state === 'reminded') assert.ok(v.remindersSent >= 1 && v.nextActionAt !== null);
          if (v.state === 'excepted') assert.ok(v.nextActionAt !== null && v.resolution?.startsWith('exception:'));
          if (['resolved', 'enforcing', 'due', 'awaiting-approval'].includes(v.state)) assert.equal(v.nextActionAt, null, `${v.state} keeps a schedule`);
          if (v.state === 'open') assert.ok(v.nextActionAt !== null && v.nextActionAt > now, 'an open violation due now was not advanced');
        }
      }),
      { numRuns: 5_000 },
    );
  });
});
