import assert from 'node:assert/strict';
import { it, type TestContext } from 'node:test';
import { skipOrFail } from './skip-or-fail.js';

it('skips off CI and fails under CI=true', () => {
  const skipped: string[] = [];
  const t = { skip: (m: string) => skipped.push(m) } as unknown as TestContext;
  skipOrFail(t, 'no catalogue', {});
  assert.deepEqual(skipped, ['no catalogue']);
  assert.throws(() => skipOrFail(t, 'no catalogue', { CI: 'true' }), /no catalogue — CI=true/);
  assert.equal(skipped.length, 1);
});
