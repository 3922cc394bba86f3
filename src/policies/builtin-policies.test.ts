// Meta-tests over the registries and the built-in policies: what a user relies on when they install
// Vigil — every catalogue control exists, loads, is explained, can be fixed by its owner, is honest
// about the risk of its enforcement, and is proven by passing and failing fixtures.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { formatDiagnostic } from '../common/vigil-error.js';
import { compilePolicy } from './compiled-policy.js';
import { ConditionCompiler } from './condition/condition-compiler.js';
import type { LoadedPolicy } from './policy.js';
import { PolicyLoader, listYamlFiles } from './policy-loader.js';
import { runPolicyTests } from './policy-test-runner.js';
import { BUILTIN_POLICY_DIR, createRegistries } from './registries.js';
import { skipOrFail } from '../testing/skip-or-fail.js';

const root = new URL('../../', import.meta.url).pathname;
const CATALOGUE = join(root, '..', 'shared', 'CONTROLS.md');

/**
 * Control ids of the catalogue's sections A–E: the first column of each table row, where a cell
 * like `root-mfa / root-hardware-mfa` names two controls.
 */
const catalogueIds = (markdown: string): string[] => {
  const ids: string[] = [];
  let inSection = false;
  for (const line of markdown.split('\n')) {
    if (/^##\s/.test(line)) inSection = /^##\s+[A-E]\.\s/.test(line);
    if (!inSection || !line.startsWith('|')) continue;
    const first = line.split('|')[1]?.trim() ?? '';
    if (first === 'id' || /^-+$/.test(first) || first === '') continue;
    ids.push(...first.split('/').map((s) => s.trim().replace(/`/g, '')).filter(Boolean));
  }
  return ids;
};

/** What a built-in policy lacks for an owner to understand and fix it, or for enforcement to be safe. */
const completenessProblems = (p: LoadedPolicy): string[] => {
  const r = p.remediation;
  const problems: string[] = [];
  const blank = (s: string | undefined) => !s || s.trim().length === 0;
  if (blank(p.description)) problems.push('no description');
  if (Object.keys(p.frameworks ?? {}).length === 0) problems.push('no framework mapping');
  if (blank(r?.guidance)) problems.push('no remediation.guidance');
  if (blank(r?.console)) problems.push('no remediation.console steps');
  if (blank(r?.cli)) problems.push('no remediation.cli steps');
  if (r?.enforce && !r.risk) problems.push(`enforce ${r.enforce} without a risk class`);
  if (r?.risk === 'irreversible' && r.approval !== true) problems.push('irreversible enforcement without approval: true');
  return problems;
};

const list = (problems: string[]): string => `${problems.length} problem(s):\n  ${problems.join('\n  ')}`;

describe('built-in policies', () => {
  const registries = createRegistries();
  let policies: LoadedPolicy[] = [];
  let loadDiagnostics: string[] = [];

  before(async () => {
    const loaded = await new PolicyLoader(registries, root).load([{ path: BUILTIN_POLICY_DIR, builtin: true }]);
    policies = loaded.policies;
    loadDiagnostics = loaded.diagnostics.map(formatDiagnostic);
  });

  it('load with no diagnostics', () => {
    assert.ok(policies.length > 0, 'no built-in policies loaded');
    assert.deepEqual(loadDiagnostics, [], list(loadDiagnostics));
  });

  it('include every control of the catalogue (../shared/CONTROLS.md sections A–E)', (t) => {
    if (!existsSync(CATALOGUE)) return skipOrFail(t, `catalogue not found at ${CATALOGUE} (../shared beside the checkout)`);
    const wanted = catalogueIds(readFileSync(CATALOGUE, 'utf8'));
    assert.ok(wanted.length >= 50, `parsed only ${wanted.length} catalogue ids: is the table format still the same?`);
    const have = new Set(policies.map((p) => p.id));
    const missing = wanted.filter((id) => !have.has(id));
    assert.deepEqual(missing, [], `catalogue controls with no built-in policy: ${missing.join(', ')}`);
  });

  it('each explain themselves, map to a framework, say how to fix, and are honest about enforcement risk', () => {
    const problems = policies.flatMap((p) => completenessProblems(p).map((m) => `${p.source.file} ${p.id}: ${m}`));
    assert.deepEqual(problems, [], list(problems));
  });

  it('each have a .test.yaml with at least one passing and one failing case', async () => {
    const expects = new Map<string, Set<string>>();
    for (const file of await listYamlFiles(BUILTIN_POLICY_DIR, (n) => /\.test\.ya?ml$/.test(n))) {
      const doc = (parse(readFileSync(file, 'utf8')) ?? {}) as { policy?: unknown; cases?: { expect?: unknown }[] };
      const id = typeof doc.policy === 'string' ? doc.policy : basename(file).replace(/\.test\.ya?ml$/, '');
      const seen = expects.get(id) ?? new Set<string>();
      for (const c of Array.isArray(doc.cases) ? doc.cases : []) seen.add(String(c?.expect));
      expects.set(id, seen);
    }
    const problems = policies.flatMap((p) => {
      const seen = expects.get(p.id);
      if (!seen) return [`${p.id}: no ${p.id}.test.yaml`];
      return ['pass', 'fail'].filter((e) => !seen.has(e)).map((e) => `${p.id}: no case that must ${e}`);
    });
    assert.deepEqual(problems, [], list(problems));
  });

  it('pass their own fixtures: runPolicyTests has 0 failures, 0 diagnostics and 0 untested policies', async () => {
    const compiler = new ConditionCompiler(registries.operators, registries.filters);
    const compiled = policies.map((p) => compilePolicy(p, compiler));
    const run = await runPolicyTests([BUILTIN_POLICY_DIR], compiled, registries, Date.now(), root);
    const failures = run.results.filter((r) => !r.passed).map((r) => `${r.file}:${r.line} ${r.policyId} › ${r.name}: ${r.message ?? ''}`);
    assert.deepEqual(run.diagnostics.map(formatDiagnostic), [], 'policy test files with problems');
    assert.deepEqual(failures, [], list(failures));
    assert.deepEqual(run.untested, [], `policies without tests: ${run.untested.join(', ')}`);
    assert.ok(run.passed > policies.length, `only ${run.passed} cases passed for ${policies.length} policies`);
  });
});

describe('registries', () => {
  const registries = createRegistries();

  it("every named filter's example compiles, and the types it names are registered", () => {
    const compiler = new ConditionCompiler(registries.operators, registries.filters);
    const problems: string[] = [];
    for (const f of registries.filters.list()) {
      try {
        compiler.compile(f.example);
      } catch (e) {
        problems.push(`${f.name}: example does not compile: ${(e as Error).message}`);
      }
      if (f.example.filter !== f.name) problems.push(`${f.name}: example uses filter "${String(f.example.filter)}"`);
      for (const t of [...(f.needs ?? []), ...(f.appliesTo ?? [])]) if (!registries.resourceTypes.has(t)) problems.push(`${f.name}: unknown resource type ${t}`);
    }
    assert.ok(registries.filters.list().length > 0);
    assert.deepEqual(problems, [], list(problems));
  });

  it("every resource type's example passes its own identity() and tags()", () => {
    const problems: string[] = [];
    for (const d of registries.resourceTypes.list()) {
      try {
        const id = d.identity(d.example, { accountId: '123456789012', region: 'eu-west-1' });
        for (const k of ['id', 'arn', 'name'] as const) if (typeof id[k] !== 'string' || id[k].length === 0) problems.push(`${d.type}: identity().${k} is empty`);
        if (!/^arn:/.test(id.arn)) problems.push(`${d.type}: identity().arn "${id.arn}" is not an ARN`);
        if (/undefined|null|\[object/.test(`${id.id} ${id.arn} ${id.name}`)) problems.push(`${d.type}: identity() leaks a missing field: ${JSON.stringify(id)}`);
        const tags = d.tags(d.example);
        if (!tags || typeof tags !== 'object' || !Object.values(tags).every((v) => typeof v === 'string')) problems.push(`${d.type}: tags() is not a map of strings`);
      } catch (e) {
        problems.push(`${d.type}: example throws: ${(e as Error).message}`);
      }
    }
    assert.deepEqual(problems, [], list(problems));
  });
});

describe('the meta-test checkers themselves (so the meta-tests can fail)', () => {
  it('reads both ids of a "a / b" catalogue cell and only sections A–E', () => {
    const md = ['## A. Backup', '| id | reads |', '|---|---|', '| backup-x | y |', '| root-mfa / root-hardware-mfa | z |', '## F. Later', '| id |', '| not-me | |'].join('\n');
    assert.deepEqual(catalogueIds(md), ['backup-x', 'root-mfa', 'root-hardware-mfa']);
  });

  it('flags a policy without console steps, an unmapped one, and irreversible enforcement without approval', () => {
    const p = {
      id: 'x',
      title: 'X',
      description: 'd',
      resource: 'aws.s3.bucket',
      severity: 'low',
      frameworks: {},
      where: {},
      remediation: { guidance: 'g', cli: 'c', enforce: 'a.b', risk: 'irreversible' },
      builtin: true,
      source: { file: 'f', line: 1, col: 1 },
    } as LoadedPolicy;
    assert.deepEqual(completenessProblems(p), ['no framework mapping', 'no remediation.console steps', 'irreversible enforcement without approval: true']);
    assert.deepEqual(completenessProblems({ ...p, remediation: { guidance: 'g', enforce: 'a.b' } }).slice(-2), ['no remediation.cli steps', 'enforce a.b without a risk class']);
  });
});
