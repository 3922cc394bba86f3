import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aContext, aResource } from '../testing/resource-fixture.js';
import { compilePolicy } from './compiled-policy.js';
import { ConditionCompiler } from './condition/condition-compiler.js';
import { FilterRegistry } from './filters/filter-registry.js';
import { OperatorRegistry } from './operators/operator-registry.js';
import type { LoadedPolicy } from './policy.js';

const policy: LoadedPolicy = {
  id: 'log-retention', title: 'Logs are kept', resource: 'aws.logs.log-group', severity: 'medium', frameworks: {},
  parameters: {
    minDays: { type: 'integer', default: 90, description: 'days' },
    exempt: { type: 'string-list', default: [], description: 'names' },
  },
  scope: { $name: { 'not-in': { param: 'exempt' } } },
  where: { retentionInDays: { lt: { param: 'minDays' } } },
  remediation: { guidance: 'Keep logs longer.' }, source: { file: 'x', line: 1, col: 1 }, builtin: false,
};
const compiler = new ConditionCompiler(new OperatorRegistry(), new FilterRegistry());
const ctx = aContext();
ctx.organization.accounts.push({ id: '222233334444', name: 'sandbox', ou: 'root/sandbox/team-a' });
const group = (name: string, days: number, accountId = '111122223333') => aResource({ retentionInDays: days }, { name, accountId, type: 'aws.logs.log-group' });

test('organisation parameters reach both scope and where; account and OU overrides win where they apply', () => {
  const cp = compilePolicy(policy, compiler, [
    { values: { exempt: ['legacy'], minDays: 120 } },
    { ous: ['root/sandbox'], values: { exempt: ['legacy'], minDays: 30 } },
  ]);
  const legacy = group('legacy', 1);
  assert.equal(cp.applies(legacy, ctx), false, 'the organisation-wide exemption applies to scope');
  assert.ok(cp.test(group('app', 100), ctx), '100 < 120 organisation-wide');
  const sandbox = group('app', 40, '222233334444');
  assert.equal(cp.test(sandbox, ctx), null, 'a sub-OU of root/sandbox gets 30 days');
  assert.equal(compilePolicy(policy, compiler).applies(legacy, ctx), true, 'without settings nothing is exempt');
});
