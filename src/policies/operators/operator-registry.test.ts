import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Value } from '@sinclair/typebox/value';
import { OperatorRegistry } from './operator-registry.js';

const env = { now: Date.parse('2026-06-01T00:00:00Z') };

// Meta-test: every operator's documented example holds, and its example operand fits its own schema.
for (const op of new OperatorRegistry().list()) {
  test(`operator ${op.name}: documented example holds`, () => {
    assert.ok(Value.Check(op.operand, op.example.operand), `example operand fits the schema`);
    const t = op.compile(op.example.operand);
    for (const v of op.example.matches) assert.equal(t(v, env), true, `${op.name} ${JSON.stringify(op.example.operand)} should match ${JSON.stringify(v)}`);
    for (const v of op.example.misses) assert.equal(t(v, env), false, `${op.name} ${JSON.stringify(op.example.operand)} should miss ${JSON.stringify(v)}`);
    assert.ok(op.description.length > 10 && op.expected(op.example.operand) && op.describe(op.example.operand));
  });
}

test('cidr-contains handles IPv6 and ranges', () => {
  const t = new OperatorRegistry().get('cidr-contains').compile('2001:db8::1');
  assert.equal(t('::/0', env), true);
  assert.equal(t('2001:db8::/32', env), true);
  assert.equal(t('2001:db9::/32', env), false);
  const range = new OperatorRegistry().get('cidr-contains').compile('10.1.0.0/16');
  assert.equal(range('10.0.0.0/8', env), true);
  assert.equal(range('10.1.2.0/24', env), false, 'a smaller block does not contain a larger range');
});

test('bad operands are refused at compile time', () => {
  const ops = new OperatorRegistry();
  assert.throws(() => ops.get('matches').compile('(unclosed'), /invalid regular expression/);
  assert.throws(() => ops.get('cidr-contains').compile('not-an-ip'), /not an IP/);
  assert.throws(() => ops.get('gt').compile('yesterday'), /number or an ISO-8601 date/);
});
