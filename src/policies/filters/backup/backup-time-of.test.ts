import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeOf } from './backup-selection-index.js';

describe('timeOf', () => {
  it('reads AWS timestamps exactly as Date.parse does, including the ones its fast path leaves to Date.parse', () => {
    const samples = [
      '2026-11-22T00:00:00.000Z',
      '2026-11-21T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
      '2024-02-29T12:00:00.000Z',
      '2023-02-29T12:00:00.000Z',
      '2026-12-31T08:15:30.250Z',
      '1969-12-31T23:59:59.999Z',
      '0050-01-01T00:00:00.000Z',
      '2026-11-22T24:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-11-22T00:00:60.000Z',
      '2026-11-22T00:00:00.000+',
      '2026-1x-22T00:00:00.000Z',
      '2026-11-22T00:00:00Z',
      '2026-11-22',
      'not a date at all 123456',
    ];
    for (const s of samples) {
      const t = Date.parse(s);
      assert.equal(timeOf(s), Number.isNaN(t) ? undefined : t, s);
    }
  });

  it('is undefined for what is not a string', () => {
    assert.equal(timeOf(1700000000000), undefined);
    assert.equal(timeOf(undefined), undefined);
  });
});
