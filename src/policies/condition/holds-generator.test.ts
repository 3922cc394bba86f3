import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aContext, aResource } from '../../testing/resource-fixture.js';
import { FilterRegistry } from '../filters/filter-registry.js';
import { OperatorRegistry } from '../operators/operator-registry.js';
import { ConditionCompiler } from './condition-compiler.js';

const compiler = new ConditionCompiler(new OperatorRegistry(), new FilterRegistry());
const ctx = aContext();

/** The generated decision, checked against the evidence-writing route on the same resource. */
const decide = (where: unknown, config: Record<string, unknown>, tags: Record<string, string> = {}): boolean => {
  const c = compiler.compile(where);
  const r = aResource(config, { tags });
  const holds = c.holds(r.config, r, ctx);
  assert.equal(holds, c.test(r.config, r, ctx) !== null, `holds and test disagree on ${JSON.stringify(where)} for ${JSON.stringify(config)}`);
  return holds;
};

test('nested all / any / none / not decide as their evidence does', () => {
  const where = {
    all: [
      { 'tag:owner': { exists: true } },
      { any: [{ 'A.B.C': { gte: 3 } }, { 'Rules[*].Algo': { ne: 'aws:kms' } }] },
      { none: [{ Name: { matches: '^tmp-' } }, { not: { 'X.Y': { in: ['a', 'b'] } } }] },
    ],
  };
  const ok = { A: { B: { C: 1 } }, Rules: [{ Algo: 'aws:kms' }], Name: 'prod', X: { Y: 'a' } };
  assert.equal(decide(where, ok, { owner: 'x' }), false);
  assert.equal(decide(where, { ...ok, A: { B: { C: 3 } } }, { owner: 'x' }), true);
  assert.equal(decide(where, { ...ok, Rules: [{ Algo: 'aws:kms' }, { Algo: 'AES256' }] }, { owner: 'x' }), true);
  assert.equal(decide(where, { ...ok, A: { B: { C: 3 } }, Name: 'tmp-1' }, { owner: 'x' }), false);
  assert.equal(decide(where, { ...ok, A: { B: { C: 3 } }, X: { Y: 'c' } }, { owner: 'x' }), false);
  assert.equal(decide(where, { ...ok, A: { B: { C: 3 } } }), false, 'no owner tag');
  assert.equal(decide(where, { A: 'not an object', Rules: [], X: null }, { owner: 'x' }), false);
});

test("a policy's keys and operands stay data: text that looks like code is only compared", () => {
  globalThis.__vigilPwned = false;
  const hostile = `x" + (globalThis.__vigilPwned = true) + '\` + (globalThis.__vigilPwned = true) + "`;
  const where = { all: [{ [`[${JSON.stringify(hostile)}].k`]: { eq: hostile } }, { [`tag:${hostile}`]: { ne: `'); globalThis.__vigilPwned = true; ('` } }] };
  assert.equal(decide(where, { [hostile]: { k: hostile } }, { [hostile]: 'x' }), true);
  assert.equal(decide(where, { [hostile]: { k: 'other' } }, { [hostile]: 'x' }), false);
  assert.equal(globalThis.__vigilPwned, false);
});

declare global {
  // eslint-disable-next-line no-var -- a global a successful injection would set
  var __vigilPwned: boolean;
}
