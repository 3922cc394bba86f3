// Meta-test: every framework reference in policies/**/*.yaml must name a registered framework
// and resolve to a requirement. Plain YAML parse on purpose: it must not depend on the policy
// loader, so a loader bug cannot hide a bad mapping.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { builtinFrameworks } from './catalogue/builtin-frameworks.js';
import { FrameworkRegistry, type MappedPolicy } from './framework-registry.js';
import { skipOrFail } from '../testing/skip-or-fail.js';

const root = new URL('../../', import.meta.url).pathname;
const policiesDir = join(root, 'policies');

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(name) && !/\.test\.ya?ml$/.test(name) ? [p] : [];
  });

/** Policy-shaped entries of one file: a list of policies or a single one, across YAML documents. */
const policiesIn = (file: string): (MappedPolicy & { file: string })[] =>
  parseAllDocuments(readFileSync(file, 'utf8')).flatMap((doc) => {
    const data: unknown = doc.toJS();
    const items = Array.isArray(data) ? data : [data];
    return items.flatMap((p) =>
      p && typeof p === 'object' && 'id' in p && 'frameworks' in p && p.frameworks && typeof p.frameworks === 'object'
        ? [{ id: String(p.id), frameworks: p.frameworks as MappedPolicy['frameworks'], file: relative(root, file) }]
        : [],
    );
  });

describe('policy framework mappings', () => {
  const files = existsSync(policiesDir) ? yamlFiles(policiesDir) : [];

  it('every cited framework and reference exists in the catalogue', (t) => {
    if (files.length === 0) return skipOrFail(t, `no policies/**/*.yaml under ${policiesDir}`);
    const registry = new FrameworkRegistry(builtinFrameworks());
    const policies = files.flatMap(policiesIn);
    const fileOf = new Map(policies.map((p) => [p.id, p.file]));
    const problems = registry.check(policies).map((p) => `${fileOf.get(p.policyId)} ${p.policyId}: ${p.message}`);
    assert.deepEqual(problems, [], `${problems.length} policy framework reference(s) do not resolve:\n${problems.join('\n')}`);
  });

  it('the checker itself rejects a bad mapping (so this meta-test can fail)', () => {
    const registry = new FrameworkRegistry(builtinFrameworks());
    assert.equal(registry.check([{ id: 'x', frameworks: { dora: 'Art. 12(1)', 'cis-aws@4.0': '1.14' } }]).length, 0);
    const bad = registry.check([{ id: 'x', frameworks: { dora: 'Article 12', 'cis-aws': '1.14', 'iso27001@2022': ['A.8.13', 'A.9.9'] } }]);
    assert.deepEqual(bad.map((p) => `${p.framework} ${p.ref}`), ['dora Article 12', 'cis-aws 1.14', 'iso27001@2022 A.9.9']);
  });
});
