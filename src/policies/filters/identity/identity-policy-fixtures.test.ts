// Runs the identity and compute policies against their <id>.test.yaml fixtures through the real
// loader and condition compiler, so a policy that stops catching (or starts flagging) a case fails here.
// `vigil test policies/aws/identity` does the same from the CLI; this keeps the area honest without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Resource } from '../../../inventory/resource.js';
import { compilePolicy } from '../../compiled-policy.js';
import { ConditionCompiler } from '../../condition/condition-compiler.js';
import { PolicyLoader } from '../../policy-loader.js';
import { BUILTIN_POLICY_DIR, createRegistries } from '../../registries.js';
import { testFilterContext } from './filter-test-context.js';

interface Case {
  name: string;
  expect: 'pass' | 'fail';
  evidence?: string[];
  resource: Partial<Resource> & { config: Record<string, unknown> };
}

const now = Date.parse('2026-11-22T00:00:00Z');
const dirs = ['aws/identity', 'aws/compute'].map((d) => join(BUILTIN_POLICY_DIR, d));

test('identity and compute policies load, and every fixture case gets its expected outcome', async () => {
  const registries = createRegistries();
  const { policies, diagnostics } = await new PolicyLoader(registries).load(dirs.map((path) => ({ path, builtin: true })));
  assert.deepEqual(diagnostics.map((d) => `${d.file}:${d.line} ${d.message}`), []);
  const compiler = new ConditionCompiler(registries.operators, registries.filters);
  const byId = new Map(policies.map((p) => [p.id, p]));
  const failures: string[] = [];
  let cases = 0;
  let withFixtures = 0;
  for (const dir of dirs) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.yaml'))) {
      const doc = parse(readFileSync(join(dir, file), 'utf8')) as { policy?: string; cases: Case[] };
      const id = doc.policy ?? file.replace(/\.test\.yaml$/, '');
      const policy = byId.get(id);
      if (!policy) {
        failures.push(`${file}: no policy ${id}`);
        continue;
      }
      withFixtures++;
      const compiled = compilePolicy(policy, compiler);
      const kinds = new Set<string>();
      for (const c of doc.cases) {
        cases++;
        kinds.add(c.expect);
        const type = c.resource.type ?? compiled.types[0]!;
        const def = registries.resourceTypes.get(type);
        const ident = def.identity(c.resource.config, { accountId: '111122223333', region: 'eu-west-1' });
        const r: Resource = {
          provider: 'aws', accountId: '111122223333', region: 'eu-west-1', observedAt: new Date(now).toISOString(),
          ...ident, tags: c.resource.tags ?? def.tags(c.resource.config), ...c.resource, type,
        } as Resource;
        const ev = compiled.test(r, testFilterContext(now));
        const got = ev === null ? 'pass' : 'fail';
        if (got !== c.expect) failures.push(`${id} / ${c.name}: expected ${c.expect}, got ${got}${ev ? ` ${JSON.stringify(ev)}` : ''}`);
        for (const p of c.evidence ?? []) {
          if (!ev?.some((e) => e.path === p)) failures.push(`${id} / ${c.name}: evidence lacks ${p}: ${JSON.stringify(ev)}`);
        }
      }
      if (!kinds.has('pass') || !kinds.has('fail')) failures.push(`${id}: fixtures need both pass and fail cases`);
    }
  }
  assert.deepEqual(failures, []);
  assert.equal(withFixtures, policies.length, 'every policy has a fixture file');
  assert.ok(cases > 80, `only ${cases} cases`);
});
