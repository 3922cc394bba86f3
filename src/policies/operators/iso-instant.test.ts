import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalInstant } from './iso-instant.js';

const same = (s: string) => {
  const fast = canonicalInstant(s);
  if (fast === undefined) return;
  const slow = Date.parse(s);
  assert.ok(Object.is(fast, slow), `${s}: ${fast} but Date.parse says ${slow}`);
};

test('canonical timestamps read exactly as Date.parse reads them, edge cases included', () => {
  for (const s of [
    '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z', '2026-11-22T23:59:59.999Z', '2024-02-29T12:00:00Z',
    '2026-02-30T00:00:00Z', '2026-04-31T10:00:00.500Z', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z',
    '2026-01-32T00:00:00Z', '2026-01-00T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T24:00:00.000Z',
    '2026-01-01T24:00:01Z', '2026-01-01T24:00:00.001Z', '2026-01-01T23:60:00Z', '2026-01-01T23:59:60Z',
    '1000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z',
  ]) {
    assert.notEqual(canonicalInstant(s), undefined, s);
    same(s);
  }
});

test('other shapes are left to Date.parse', () => {
  for (const s of ['2026-01-01', '2026-01-01T00:00:00+02:00', '2026-01-01 00:00:00Z', '0099-01-01T00:00:00Z', '2026-01-01T00:00:00.5Z', 'N/A', '２０２６-01-01T00:00:00Z', '2026-01-01T00:00:00,000Z']) {
    assert.equal(canonicalInstant(s), undefined, s);
  }
});

test('random canonical-shaped strings agree with Date.parse', () => {
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const two = () => String(rnd(100)).padStart(2, '0');
  for (let i = 0; i < 1000; i++) {
    const s = `${1000 + rnd(9000)}-${two()}-${two()}T${two()}:${two()}:${two()}${rnd(2) ? `.${String(rnd(1000)).padStart(3, '0')}` : ''}Z`;
    assert.notEqual(canonicalInstant(s), undefined, s);
    same(s);
  }
  // Mostly valid dates, leap years and month ends included.
  for (let i = 0; i < 20_000; i++) {
    const pad = (n: number) => String(n).padStart(2, '0');
    const s = `${1000 + rnd(9000)}-${pad(1 + rnd(12))}-${pad(1 + rnd(31))}T${pad(rnd(25))}:${pad(rnd(60))}:${pad(rnd(60))}${rnd(2) ? `.${String(rnd(1000)).padStart(3, '0')}` : ''}Z`;
    same(s);
  }
});
