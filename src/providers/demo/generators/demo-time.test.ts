import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoAt, isoDaysAgo, reportDaysAgo } from './demo-time.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-22T07:08:09.123Z');

test('timestamps read exactly as Date#toISOString writes them', () => {
  // Leap days, century rules, ends of months and years, fractional milliseconds, the epoch and year 9999.
  const edges = ['1970-01-01T00:00:00.000Z', '2000-02-29T23:59:59.999Z', '2100-03-01T00:00:00.000Z', '2024-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'].map(Date.parse);
  const samples = [...edges, 1_700_000_000_000.7];
  for (let i = 0; i < 20_000; i++) samples.push(NOW - i * 0.37 * DAY - i * 7919.3);
  for (const ms of samples) assert.equal(isoAt(ms), new Date(ms).toISOString(), String(ms));
  // Outside the fast range the text is still Date's own (six-digit years, before 1970).
  for (const ms of [-1, -86_400_001, 253_402_300_800_000]) assert.equal(isoAt(ms), new Date(ms).toISOString());
});

test('ages count back from now, and credential-report times have seconds and +00:00', () => {
  assert.equal(isoDaysAgo(NOW, 1.5), '2026-11-20T19:08:09.123Z');
  assert.equal(reportDaysAgo(NOW, 365), '2025-11-22T07:08:09+00:00');
  for (let d = 0; d < 3000; d += 0.77) assert.equal(reportDaysAgo(NOW, d), `${new Date(NOW - d * DAY).toISOString().slice(0, 19)}+00:00`);
});
