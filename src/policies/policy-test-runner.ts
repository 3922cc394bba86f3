import { readFile } from 'node:fs/promises';
import { basename, relative } from 'node:path';
import type { Diagnostic } from '../common/vigil-error.js';
import { PreloadedLookup } from './filters/preloaded-lookup.js';
import { parseResourceRecord } from '../inventory/resource-record.js';
import type { Resource } from '../inventory/resource.js';
import type { Organization } from '../inventory/organization.js';
import { demoOrganization } from '../providers/demo/demo-organization.js';
import type { CompiledPolicy } from './compiled-policy.js';
import { listYamlFiles } from './policy-loader.js';
import type { Registries } from './registries.js';
import { YamlSource } from '../common/yaml-source.js';

export interface PolicyCaseResult {
  file: string;
  line: number;
  policyId: string;
  name: string;
  passed: boolean;
  /** Why it failed, in words. */
  message?: string;
}

export interface PolicyTestRun {
  results: PolicyCaseResult[];
  diagnostics: Diagnostic[];
  passed: number;
  failed: number;
  /** Policies with no test file (a meta-test requires every built-in policy to have one). */
  untested: string[];
}

interface CaseSpec {
  name?: unknown;
  expect?: unknown;
  resource?: unknown;
  context?: unknown;
  evidence?: unknown;
  now?: unknown;
}

const DEFAULT_ACCOUNT = '123456789012';

/**
 * Runs policy unit tests: beside `<id>.yaml`, `<id>.test.yaml` lists resources that must pass and
 * resources that must fail (optionally with the evidence paths that must be reported).
 *
 * @example
 * const run = await runPolicyTests(['policies'], compiled, registries, Date.now());
 * console.log(`${run.passed} passed, ${run.failed} failed`);
 */
export const runPolicyTests = async (
  dirs: string[],
  compiled: readonly CompiledPolicy[],
  registries: Registries,
  now: number,
  cwd = process.cwd(),
): Promise<PolicyTestRun> => {
  const byId = new Map(compiled.map((c) => [c.policy.id, c]));
  const run: PolicyTestRun = { results: [], diagnostics: [], passed: 0, failed: 0, untested: [] };
  const tested = new Set<string>();
  const org: Organization = demoOrganization(0);
  for (const dir of dirs) {
    for (const path of await listYamlFiles(dir, (n) => /\.test\.ya?ml$/.test(n))) {
      const file = relative(cwd, path).startsWith('..') ? path : relative(cwd, path);
      const src = YamlSource.parse(file, await readFile(path, 'utf8'));
      const syntax = src.syntaxDiagnostics();
      if (syntax.length) {
        run.diagnostics.push(...syntax);
        continue;
      }
      const doc = (src.toJS() ?? {}) as { policy?: unknown; cases?: unknown; now?: unknown; organization?: unknown };
      const policyId = typeof doc.policy === 'string' ? doc.policy : basename(path).replace(/\.test\.ya?ml$/, '');
      const policy = byId.get(policyId);
      if (!policy) {
        run.diagnostics.push({ ...src.locate(['policy']), message: `policy: no policy "${policyId}" is loaded` });
        continue;
      }
      if (!Array.isArray(doc.cases) || doc.cases.length === 0) {
        run.diagnostics.push({ ...src.locate(['cases']), message: 'cases: a non-empty list of cases is required' });
        continue;
      }
      const fileOrg = organizationOf(doc.organization);
      if (fileOrg === null) {
        run.diagnostics.push({ ...src.locate(['organization']), message: 'organization: must be { accounts: [{ id: <12 digits>, name, ou? }] }' });
        continue;
      }
      tested.add(policyId);
      doc.cases.forEach((raw: CaseSpec, i: number) => {
        const where = src.locate(['cases', i]);
        const name = typeof raw?.name === 'string' ? raw.name : `case ${i + 1}`;
        const bad = (field: string, message: string) => run.diagnostics.push({ ...src.locate(['cases', i, field]), message: `cases[${i}].${field}: ${message}` });
        if (raw?.expect !== 'pass' && raw?.expect !== 'fail') return bad('expect', 'must be pass or fail');
        const at = parseNow(raw.now ?? doc.now, now);
        if (at === undefined) return bad('now', 'must be an ISO-8601 timestamp');
        const defaults = { type: policy.types[0] as string, accountId: DEFAULT_ACCOUNT, region: 'eu-west-1', observedAt: new Date(at).toISOString() };
        const main = parseResourceRecord(raw.resource, registries.resourceTypes, defaults);
        if (!main.ok) return bad('resource', main.reason);
        const context: Resource[] = [];
        for (const [k, c] of (Array.isArray(raw.context) ? raw.context : []).entries()) {
          const r = parseResourceRecord(c, registries.resourceTypes, { ...defaults, type: undefined });
          if (!r.ok) return bad('context', `[${k}] ${r.reason}`);
          context.push(r.resource);
        }
        const lookup = new PreloadedLookup();
        lookup.add([...context, main.resource]);
        let evidence;
        try {
          const ctx = { now: at, lookup, organization: fileOrg ?? org };
          evidence = policy.applies(main.resource, ctx) ? policy.test(main.resource, ctx) : null;
        } catch (e) {
          return record(run, { file, line: where.line, policyId, name, passed: false, message: `threw: ${(e as Error).message}` });
        }
        const failed = evidence !== null;
        let message: string | undefined;
        if (raw.expect === 'fail' && !failed) message = 'expected a violation, but the resource passes';
        if (raw.expect === 'pass' && failed) message = `expected to pass, but it violates: ${evidence!.map((e) => `${e.path} expected ${e.expected}, found ${JSON.stringify(e.actual)}`).join('; ')}`;
        if (!message && failed && Array.isArray(raw.evidence)) {
          const paths = evidence!.map((e) => e.path);
          const missing = raw.evidence.filter((p) => !paths.includes(String(p)));
          if (missing.length) message = `evidence should name ${missing.join(', ')}; it names ${paths.join(', ')}`;
        }
        record(run, { file, line: where.line, policyId, name, passed: !message, ...(message ? { message } : {}) });
      });
    }
  }
  run.untested = compiled.map((c) => c.policy.id).filter((id) => !tested.has(id));
  return run;
};

const record = (run: PolicyTestRun, r: PolicyCaseResult): void => {
  run.results.push(r);
  if (r.passed) run.passed++;
  else run.failed++;
};

const parseNow = (v: unknown, fallback: number): number | undefined => {
  if (v === undefined) return fallback;
  const t = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? undefined : t;
};

/** A test file may declare the organisation's accounts (cross-account checks); absent → the demo organisation. */
const organizationOf = (v: unknown): Organization | undefined | null => {
  if (v === undefined) return undefined;
  const accounts = (v as { accounts?: unknown } | null)?.accounts;
  if (!Array.isArray(accounts) || !accounts.every((a) => a && typeof a.id === 'string' && /^\d{12}$/.test(a.id))) return null;
  return { accounts: accounts.map((a) => ({ name: a.id, ...a })) };
};
