import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reconcile, resolveDeleted } from './violation-reconciler.js';
import { violationId } from './violation-id.js';
import type { Finding, Violation } from './violation.js';

const arn = 'arn:aws:s3:::b';
const finding = (policyId = 'p1'): Finding => ({
  policyId, severity: 'high', resourceArn: arn, resourceType: 'aws.s3.bucket', accountId: '123456789012', region: 'eu-west-1',
  owner: 'payments', evidence: [{ path: 'X', expected: '= true', actual: false }],
});
const base = { scanId: 's2', at: '2026-06-02T00:00:00.000Z', actor: 'scanner', undecided: new Set<string>() };
const stored = (over: Partial<Violation> = {}): Violation => ({
  id: violationId('p1', arn), policyId: 'p1', resourceArn: arn, resourceType: 'aws.s3.bucket', accountId: '123456789012', region: 'eu-west-1',
  owner: 'payments', severity: 'high', state: 'open', remindersSent: 0, evidence: [], firstSeenAt: '2026-06-01T00:00:00.000Z',
  lastSeenAt: '2026-06-01T00:00:00.000Z', stateChangedAt: '2026-06-01T00:00:00.000Z', nextActionAt: null, resolvedAt: null, resolution: null,
  lastScanId: 's1', version: 3, ...over,
});
const judged = new Map([[arn, ['p1']]]);

test('a new failure opens a violation with a stable id and an opened event', () => {
  const r = reconcile({ ...base, judged, findings: [finding()], existing: [] });
  assert.equal(r.opened, 1);
  assert.equal(r.inserts[0]?.id, violationId('p1', arn));
  assert.equal(r.inserts[0]?.state, 'open');
  assert.equal(r.inserts[0]?.firstSeenAt, base.at);
  assert.deepEqual(r.events.map((e) => [e.type, e.subjectId]), [['violation.opened', violationId('p1', arn)]]);
});

test('a failure seen again refreshes lastSeen and evidence, keeps state and firstSeen, and writes no event', () => {
  const r = reconcile({ ...base, judged, findings: [finding()], existing: [stored({ state: 'reminded', remindersSent: 2 })] });
  assert.equal(r.stillFailing, 1);
  const u = r.updates[0] as Violation;
  assert.equal(u.state, 'reminded');
  assert.equal(u.remindersSent, 2);
  assert.equal(u.firstSeenAt, '2026-06-01T00:00:00.000Z');
  assert.equal(u.lastSeenAt, base.at);
  assert.equal(u.version, 4);
  assert.equal(r.events.length, 0);
});

test('a failure seen again exactly as stored only marks it seen: no row rewrite, no event', () => {
  const same = stored({ state: 'reminded', remindersSent: 2, evidence: finding().evidence });
  const r = reconcile({ ...base, judged, findings: [finding()], existing: [same] });
  assert.deepEqual([r.seen, r.updates, r.events, r.stillFailing], [[same.id], [], [], 1]);
  const moved = reconcile({ ...base, judged, findings: [{ ...finding(), owner: 'platform' }], existing: [same] });
  assert.deepEqual([moved.seen, moved.updates[0]?.owner], [[], 'platform'], 'a new owner rewrites the row');
});

test('a live violation whose resource now passes resolves, recording when and why', () => {
  const r = reconcile({ ...base, judged, findings: [], existing: [stored({ state: 'due' })] });
  assert.equal(r.resolved, 1);
  assert.deepEqual([r.updates[0]?.state, r.updates[0]?.resolution, r.updates[0]?.resolvedAt], ['resolved', 'passes', base.at]);
  assert.deepEqual(r.events[0]?.data, { from: 'due', reason: 'passes', scanId: 's2' });
});

test('a resource now outside the policy scope resolves as out-of-scope', () => {
  const r = reconcile({ ...base, judged, findings: [], outOfScope: new Set([`p1\u0000${arn}`]), existing: [stored()] });
  assert.equal(r.updates[0]?.resolution, 'out-of-scope');
});

test('a resolved violation that fails again reopens with its reminders reset', () => {
  const r = reconcile({ ...base, judged, findings: [finding()], existing: [stored({ state: 'resolved', resolution: 'passes', resolvedAt: 'x', remindersSent: 3 })] });
  assert.equal(r.reopened, 1);
  const u = r.updates[0] as Violation;
  assert.deepEqual([u.state, u.remindersSent, u.resolvedAt, u.resolution], ['open', 0, null, null]);
  assert.equal(r.events[0]?.type, 'violation.reopened');
});

test('policies that did not judge the resource, or errored on it, leave its violations alone', () => {
  const other = reconcile({ ...base, judged: new Map([[arn, ['p2']]]), findings: [], existing: [stored()] });
  assert.equal(other.updates.length, 0);
  const errored = reconcile({ ...base, judged, findings: [], undecided: new Set([`p1\u0000${arn}`]), existing: [stored()] });
  assert.equal(errored.updates.length, 0);
  const already = reconcile({ ...base, judged, findings: [], existing: [stored({ state: 'resolved' })] });
  assert.equal(already.updates.length, 0, 'a resolved violation stays resolved without a new event');
});

test('violations of deleted resources resolve as resource-deleted; resolved ones are untouched', () => {
  const r = resolveDeleted([stored(), stored({ id: 'x', state: 'resolved' })], base.at, 's2', 'scanner');
  assert.equal(r.updates.length, 1);
  assert.equal(r.updates[0]?.resolution, 'resource-deleted');
  assert.equal(r.events[0]?.type, 'violation.resolved');
});
