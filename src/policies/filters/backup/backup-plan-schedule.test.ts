import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cronMaxIntervalHours } from './backup-plan-schedule.js';

test('reads the longest gap of common AWS Backup schedules', () => {
  assert.equal(cronMaxIntervalHours('cron(0 5 ? * * *)'), 24);
  assert.equal(cronMaxIntervalHours('cron(0 0,6,12,18 ? * * *)'), 6);
  assert.equal(cronMaxIntervalHours('cron(0 */12 ? * * *)'), 12);
  assert.equal(cronMaxIntervalHours('cron(0 * ? * * *)'), 1);
  assert.equal(cronMaxIntervalHours('cron(0 5 ? * MON-FRI *)'), 72, 'weekend gap');
  assert.equal(cronMaxIntervalHours('cron(0 5 ? * SUN *)'), 168);
  assert.equal(cronMaxIntervalHours('cron(0 5 1 * ? *)'), 744, 'monthly');
  assert.equal(cronMaxIntervalHours('cron(0 5 1 1 ? *)'), 12 * 31 * 24, 'yearly');
});

test('refuses what it cannot read instead of guessing', () => {
  assert.equal(cronMaxIntervalHours(undefined), undefined);
  assert.equal(cronMaxIntervalHours('rate(1 day)'), undefined);
  assert.equal(cronMaxIntervalHours('cron(0 5 * *)'), undefined);
  assert.equal(cronMaxIntervalHours('cron(0 x ? * * *)'), undefined);
});
