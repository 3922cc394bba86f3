import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backupLegalHoldAtRiskFilter } from './backup-legal-hold-at-risk-filter.js';
import { backupRestoreTimeOverTargetFilter } from './backup-restore-time-over-target-filter.js';
import { filterContext, res } from '../../../testing/backup-test-estate.js';

const NOW = '2026-11-22T12:00:00.000Z';
const job = (id: string, created: string, completed: string | undefined, more: Record<string, unknown> = {}) =>
  res('aws.backup.restore-job', `arn:aws:backup:eu-west-1:111122223333:restore-job:${id}`, { RestoreJobId: id, Status: 'COMPLETED', CreationDate: created, CompletionDate: completed, SourceResourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/a', ...more });
const hold = (range: Record<string, unknown> | undefined, more: Record<string, unknown> = {}) =>
  res('aws.backup.legal-hold', 'arn:aws:backup:eu-west-1:111122223333:legal-hold:h1', { LegalHoldId: 'h1', Title: 'Incident 41', Status: 'ACTIVE', RecoveryPointSelection: { VaultNames: ['daily'], ResourceIdentifiers: [], DateRange: range }, ...more });
const rp = (created: string, deleteAt: string | undefined, more: Record<string, unknown> = {}) =>
  res('aws.backup.recovery-point', 'arn:aws:backup:eu-west-1:111122223333:recovery-point:r1', { BackupVaultName: 'daily', ResourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/a', Status: 'COMPLETED', CreationDate: created, CalculatedLifecycle: deleteAt ? { DeleteAt: deleteAt } : undefined, ...more });

test('restore time: completion minus creation against the target', () => {
  const f = backupRestoreTimeOverTargetFilter.compile({ maxMinutes: 720, latestOnly: false });
  const fast = job('a', '2026-11-20T10:00:00.000Z', '2026-11-20T11:00:00.000Z');
  const slow = job('b', '2026-11-20T10:00:00.000Z', '2026-11-21T00:00:00.000Z');
  assert.equal(f(fast, filterContext([fast], NOW)), null);
  assert.match(String(f(slow, filterContext([slow], NOW))?.[0]?.note), /840 minutes/);
  assert.equal(f(job('c', '2026-11-20T10:00:00.000Z', undefined, { Status: 'RUNNING' }), filterContext([], NOW)), null, 'running jobs are not judged');
  assert.equal(f(job('d', '2026-11-20T10:00:00.000Z', undefined), filterContext([], NOW))?.[0]?.actual, null, 'completed without a date');
});

test('restore time: with latestOnly an old slow restore is superseded by a newer fast one', () => {
  const f = backupRestoreTimeOverTargetFilter.compile({ maxMinutes: 720, latestOnly: true });
  const oldSlow = job('old', '2026-10-01T00:00:00.000Z', '2026-10-01T20:00:00.000Z');
  const newFast = job('new', '2026-11-20T10:00:00.000Z', '2026-11-20T11:00:00.000Z');
  assert.equal(f(oldSlow, filterContext([oldSlow, newFast], NOW)), null);
  assert.notEqual(f(oldSlow, filterContext([oldSlow], NOW)), null);
});

test('legal hold: a held recovery point that the lifecycle deletes soon is reported', () => {
  const f = backupLegalHoldAtRiskFilter.compile({ warnDays: 30 });
  const range = { FromDate: '2026-09-24T00:00:00.000Z', ToDate: '2026-10-03T00:00:00.000Z' };
  const inside = rp('2026-09-30T03:00:00.000Z', '2026-12-01T03:00:00.000Z');
  assert.match(String(f(inside, filterContext([hold(range)], NOW))?.[0]?.note), /Incident 41/);
  assert.equal(f(rp('2026-09-30T03:00:00.000Z', '2029-12-01T03:00:00.000Z'), filterContext([hold(range)], NOW)), null, 'lifecycle far away');
  assert.equal(f(rp('2026-10-05T03:00:00.000Z', '2026-12-01T03:00:00.000Z'), filterContext([hold(range)], NOW)), null, 'after the range');
  assert.equal(f(rp('2026-10-03T00:00:00.000Z', '2026-12-01T03:00:00.000Z'), filterContext([hold(range)], NOW))?.[0]?.path, 'CalculatedLifecycle.DeleteAt', 'range end is inclusive');
  assert.equal(f(inside, filterContext([hold(range, { Status: 'CANCELED' })], NOW)), null, 'cancelled hold');
  assert.equal(f(inside, filterContext([hold(range, { RecoveryPointSelection: { VaultNames: ['monthly'], DateRange: range } })], NOW)), null, 'other vault');
  assert.equal(f(rp('2026-09-30T03:00:00.000Z', undefined, { Status: 'EXPIRED' }), filterContext([hold(range)], NOW))?.[0]?.path, 'Status');
  assert.equal(f(rp('2026-09-30T03:00:00.000Z', undefined), filterContext([hold(range)], NOW)), null, 'kept forever');
  assert.notEqual(f(inside, filterContext([hold(undefined)], NOW)), null, 'no DateRange holds everything');
});
