import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronSchedule, everySchedule, scheduleOf } from './report-schedule.js';

const next = (line: string, after: string) => cronSchedule(line).next(new Date(after)).toISOString();

describe('report schedules', () => {
  it('cron: the next matching minute strictly after the given time, in UTC', () => {
    assert.equal(next('0 6 * * 1', '2026-12-03T10:00:00Z'), '2026-12-07T06:00:00.000Z'); // Thursday → Monday
    assert.equal(next('0 6 * * 1', '2026-12-07T06:00:00Z'), '2026-12-14T06:00:00.000Z'); // not the same minute again
    assert.equal(next('*/15 * * * *', '2026-12-03T10:07:30Z'), '2026-12-03T10:15:00.000Z');
    assert.equal(next('30 23 31 12 *', '2026-01-01T00:00:00Z'), '2026-12-31T23:30:00.000Z');
    assert.equal(next('0 0 1 */3 *', '2026-02-10T00:00:00Z'), '2026-04-01T00:00:00.000Z'); // quarterly
    assert.equal(next('0 8 * * 7', '2026-12-03T00:00:00Z'), '2026-12-06T08:00:00.000Z'); // 7 is Sunday too
    assert.equal(next('0 0 29 2 *', '2026-03-01T00:00:00Z'), '2028-02-29T00:00:00.000Z'); // the next leap day
    // Both day fields restricted: either matches (cron's rule): the 1st or any Friday.
    assert.equal(next('0 9 1 * 5', '2026-12-02T00:00:00Z'), '2026-12-04T09:00:00.000Z');
  });

  it('refuses a line it cannot read, naming the field', () => {
    assert.throws(() => cronSchedule('0 6 * *', 'reports.plans.x.cron'), /reports\.plans\.x\.cron: .*five fields/);
    assert.throws(() => cronSchedule('61 * * * *'), /minute "61" is outside 0-59/);
    assert.throws(() => cronSchedule('0 0 31 2 *').next(new Date('2026-01-01T00:00:00Z')), /never matches/);
    assert.throws(() => scheduleOf({ name: 'x', every: '5s' }), /reports\.plans\.x\.every: "5s" is not a duration/);
  });

  it('every: the interval after the previous run', () => {
    assert.equal(everySchedule('1d').next(new Date('2026-12-03T06:00:00Z')).toISOString(), '2026-12-04T06:00:00.000Z');
  });
});
