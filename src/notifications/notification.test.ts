import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDigest, earliestDeadline, notificationKey, type NotificationItem } from './notification.js';

const item = (over: Partial<NotificationItem> & { violationId: string }): NotificationItem => ({
  ladderStep: 1,
  dedupeKey: notificationKey(over.violationId, over.ladderStep ?? 1),
  policyId: 'p',
  title: 'T',
  severity: 'medium',
  resource: { arn: `arn:aws:s3:::${over.violationId}`, type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1' },
  evidence: [{ path: 'a', expected: '= true', actual: false }],
  guidance: 'fix it',
  deadline: '2026-12-09T10:00:00.000Z',
  nextAction: { kind: 'none', description: 'reported' },
  exceptionHowTo: 'exceptions/',
  ...over,
});

test('buildDigest sends one message per owner across accounts, regions and policies', () => {
  const runAt = '2026-12-03T10:00:00.000Z';
  const digests = buildDigest({
    runAt,
    reminders: [
      { owner: 'payments', item: item({ violationId: 'a', resource: { arn: 'x', type: 't', accountId: '111111111111', region: 'us-east-1' } }) },
      { owner: 'data', item: item({ violationId: 'b' }) },
      { owner: 'payments', item: item({ violationId: 'c', policyId: 'q', resource: { arn: 'y', type: 't', accountId: '222222222222', region: 'eu-west-1' } }) },
    ],
  });
  assert.deepEqual(digests.map((d) => [d.recipient, d.items.map((i) => i.violationId)]), [['data', ['b']], ['payments', ['a', 'c']]]);
  assert.ok(digests.every((d) => d.runAt === runAt));
});

test('buildDigest orders items by severity, then by deadline (none last)', () => {
  const [d] = buildDigest({
    runAt: 'r',
    reminders: [
      { owner: 'o', item: item({ violationId: 'low-soon', severity: 'low', deadline: '2026-12-04T00:00:00.000Z' }) },
      { owner: 'o', item: item({ violationId: 'high-none', severity: 'high', deadline: null }) },
      { owner: 'o', item: item({ violationId: 'high-late', severity: 'high', deadline: '2026-12-10T00:00:00.000Z' }) },
      { owner: 'o', item: item({ violationId: 'crit', severity: 'critical', deadline: '2026-12-20T00:00:00.000Z' }) },
      { owner: 'o', item: item({ violationId: 'high-soon', severity: 'high', deadline: '2026-12-05T00:00:00.000Z' }) },
    ],
  });
  assert.deepEqual(d!.items.map((i) => i.violationId), ['crit', 'high-soon', 'high-late', 'high-none', 'low-soon']);
  assert.equal(earliestDeadline(d!), '2026-12-04T00:00:00.000Z');
});

test('buildDigest lists a reminder given twice only once', () => {
  const a = item({ violationId: 'a', ladderStep: 2 });
  const [d] = buildDigest({ runAt: 'r', reminders: [{ owner: 'o', item: a }, { owner: 'o', item: { ...a } }, { owner: 'o', item: item({ violationId: 'a', ladderStep: 3 }) }] });
  assert.deepEqual(d!.items.map((i) => i.dedupeKey), ['a:2', 'a:3']);
});

test('buildDigest of no reminders sends nothing', () => {
  assert.deepEqual(buildDigest({ runAt: 'r', reminders: [] }), []);
});
