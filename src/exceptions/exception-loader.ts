import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { closestMatch } from '../common/closest-match.js';
import type { Diagnostic } from '../common/vigil-error.js';
import { YamlSource } from '../common/yaml-source.js';
import { listYamlFiles } from '../policies/policy-loader.js';
import type { ExceptionSelector, PolicyException } from './policy-exception.js';

export interface ExceptionRules {
  /** Known policy ids: an exception for an unknown one is a typo that would silently cover nothing. */
  policyIds: ReadonlySet<string>;
  /** The instant "past expiry" and "too long" are judged at (ISO-8601 UTC). */
  now: string;
  /** Longest allowed exception, counted from `approved-at` (or from now when absent). */
  maxDurationMs: number;
  /** Who may approve (security team members); empty = not checked. */
  approvers: ReadonlySet<string>;
}

export interface ExceptionLoadResult {
  exceptions: PolicyException[];
  /** Every problem in every file, located; exceptions with a problem are left out. */
  diagnostics: Diagnostic[];
  files: string[];
}

const FIELDS = ['id', 'policies', 'selector', 'justification', 'requested-by', 'approved-by', 'approved-at', 'expires-at'] as const;
const REQUIRED = ['id', 'policies', 'selector', 'justification', 'requested-by', 'approved-by', 'expires-at'] as const;
const SELECTOR_FIELDS = ['arn', 'account', 'ou', 'tags'];
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const ID = /^[a-z0-9][a-z0-9-]*$/;

const days = (ms: number): string => `${Math.round((ms / 86_400_000) * 10) / 10} days`;

/**
 * Reads `exceptions/*.yaml` (each file a list of exceptions, or one) and checks each against the
 * rules: required fields, known policy ids, a date in the future, no longer than allowed, an approver
 * from the security team, a non-empty selector, unique ids. Every problem is reported as
 * `file:line:col` with what to change; valid exceptions load even when others in the set do not.
 *
 * @example
 * const r = await loadExceptions('exceptions', { policyIds, now, maxDurationMs: 90 * DAY_MS, approvers });
 * r.diagnostics; // [{ file: 'exceptions/a.yaml', line: 4, col: 5, message: 'unknown policy "s3-publik" (did you mean "s3-public"?)' }]
 */
export const loadExceptions = async (dir: string, rules: ExceptionRules, cwd = process.cwd()): Promise<ExceptionLoadResult> => {
  let files: string[];
  try {
    files = await listYamlFiles(dir, (n) => /\.ya?ml$/.test(n));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { exceptions: [], diagnostics: [], files: [] };
    throw err;
  }
  const out: ExceptionLoadResult = { exceptions: [], diagnostics: [], files: [] };
  const seen = new Map<string, PolicyException>();
  for (const abs of files) {
    const file = relative(cwd, abs) || abs;
    out.files.push(file);
    const r = parseExceptions(file, await readFile(abs, 'utf8'), rules);
    out.diagnostics.push(...r.diagnostics);
    for (const ex of r.exceptions) {
      const first = seen.get(ex.id);
      if (first) {
        out.diagnostics.push({ ...ex.source, message: `exception id "${ex.id}" is used twice (first at ${first.source.file}:${first.source.line}:${first.source.col})` });
        continue;
      }
      seen.set(ex.id, ex);
      out.exceptions.push(ex);
    }
  }
  return out;
};

/** Parses and checks one exceptions file's text; see loadExceptions. */
export const parseExceptions = (file: string, text: string, rules: ExceptionRules): { exceptions: PolicyException[]; diagnostics: Diagnostic[] } => {
  const src = YamlSource.parse(file, text);
  const diagnostics: Diagnostic[] = src.syntaxDiagnostics();
  if (diagnostics.length) return { exceptions: [], diagnostics };
  const doc = src.toJS();
  if (doc == null) return { exceptions: [], diagnostics };
  const list = Array.isArray(doc) ? doc : [doc];
  const exceptions: PolicyException[] = [];
  list.forEach((raw, i) => {
    const base: (string | number)[] = Array.isArray(doc) ? [i] : [];
    const problems: Diagnostic[] = [];
    const at = (path: (string | number)[], message: string, key?: string) => problems.push({ ...src.locate([...base, ...path], key), message, path: [...base, ...path] });
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      at([], 'an exception is a mapping with id, policies, selector, justification, requested-by, approved-by and expires-at');
      diagnostics.push(...problems);
      return;
    }
    const e = raw as Record<string, unknown>;
    for (const k of Object.keys(e)) {
      if (!(FIELDS as readonly string[]).includes(k)) {
        const hint = closestMatch(k, FIELDS);
        at([], `unknown field "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}`, k);
      }
    }
    for (const k of REQUIRED) if (e[k] === undefined || e[k] === null || e[k] === '') at([], k === 'approved-by' ? 'missing approver: `approved-by` is required (a member of the security team)' : `missing \`${k}\``);
    const str = (k: string): string | undefined => {
      const v = e[k];
      if (v === undefined || v === null || v === '') return undefined;
      if (typeof v !== 'string') {
        at([k], `\`${k}\` must be text`);
        return undefined;
      }
      return v;
    };
    const id = str('id');
    if (id !== undefined && !ID.test(id)) at(['id'], `id "${id}" must be lower-case letters, digits and dashes`);
    const justification = str('justification');
    if (justification !== undefined && justification.trim().length < 10) at(['justification'], 'the justification must say why (at least 10 characters)');
    const requestedBy = str('requested-by');
    const approvedBy = str('approved-by');
    if (approvedBy !== undefined && rules.approvers.size > 0 && !rules.approvers.has(approvedBy)) {
      at(['approved-by'], `"${approvedBy}" is not a member of the security team (config teams.<security team>.members or members with security: true)`);
    }
    if (approvedBy !== undefined && requestedBy !== undefined && approvedBy === requestedBy) at(['approved-by'], 'an exception cannot be approved by the person who requested it');

    let policies: PolicyException['policies'] | undefined;
    const p = e['policies'];
    if (p === 'all') policies = 'all';
    else if (typeof p === 'string') p.length && (policies = checkPolicies([p], ['policies'], rules, at));
    else if (Array.isArray(p) && p.length > 0 && p.every((x) => typeof x === 'string')) policies = checkPolicies(p as string[], ['policies'], rules, at, true);
    else if (p !== undefined) at(['policies'], '`policies` is a list of policy ids, or `all`');

    const selector = checkSelector(e['selector'], at);
    const expiresAt = date(e['expires-at'], 'expires-at', at);
    const approvedAt = e['approved-at'] === undefined ? undefined : date(e['approved-at'], 'approved-at', at);
    if (expiresAt) {
      if (expiresAt <= rules.now) at(['expires-at'], `expired on ${expiresAt}: remove the exception or renew it with a new approval`);
      const from = approvedAt ?? rules.now;
      const length = Date.parse(expiresAt) - Date.parse(from);
      if (length > rules.maxDurationMs) at(['expires-at'], `lasts ${days(length)} from ${approvedAt ? 'approval' : 'today'}, longer than the maximum of ${days(rules.maxDurationMs)} (config escalation.maxExceptionDuration)`);
    }
    diagnostics.push(...problems);
    if (problems.length || !id || !policies || !selector || !justification || !requestedBy || !approvedBy || !expiresAt) return;
    exceptions.push({ id, policies, selector, justification, requestedBy, approvedBy, expiresAt, ...(approvedAt ? { approvedAt } : {}), source: src.locate(base) });
  });
  return { exceptions, diagnostics };
};

type At = (path: (string | number)[], message: string, key?: string) => void;

const checkPolicies = (ids: string[], path: (string | number)[], rules: ExceptionRules, at: At, list = false): string[] | undefined => {
  let ok = true;
  ids.forEach((id, j) => {
    if (rules.policyIds.has(id)) return;
    ok = false;
    const hint = closestMatch(id, rules.policyIds);
    at(list ? [...path, j] : path, `unknown policy "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
  });
  return ok ? ids : undefined;
};

const checkSelector = (raw: unknown, at: At): ExceptionSelector | undefined => {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    at(['selector'], '`selector` is a mapping of arn, account, ou and/or tags');
    return undefined;
  }
  const s = raw as Record<string, unknown>;
  let ok = true;
  for (const k of Object.keys(s)) {
    if (!SELECTOR_FIELDS.includes(k)) {
      ok = false;
      const hint = closestMatch(k, SELECTOR_FIELDS);
      at(['selector'], `unknown selector field "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}`, k);
    }
  }
  const out: ExceptionSelector = {};
  for (const k of ['arn', 'ou'] as const) {
    if (s[k] === undefined) continue;
    if (typeof s[k] !== 'string' || !(s[k] as string).length) (ok = false), at(['selector', k], `selector.${k} must be text`);
    else out[k] = s[k] as string;
  }
  if (s['account'] !== undefined) {
    const a = String(s['account']);
    if (!/^\d{12}$/.test(a)) (ok = false), at(['selector', 'account'], `selector.account "${a}" is not a 12-digit account id (quote it in YAML)`);
    else out.account = a;
  }
  if (s['tags'] !== undefined) {
    const t = s['tags'];
    if (!t || typeof t !== 'object' || Array.isArray(t) || !Object.values(t).every((v) => typeof v === 'string')) (ok = false), at(['selector', 'tags'], 'selector.tags is a mapping of tag key to text value');
    else out.tags = t as Record<string, string>;
  }
  if (ok && Object.keys(out).length === 0) {
    at(['selector'], 'an empty selector would cover every resource: name an arn, account, ou or tags');
    return undefined;
  }
  return ok ? out : undefined;
};

const date = (raw: unknown, field: string, at: At): string | undefined => {
  const text = raw instanceof Date ? raw.toISOString() : typeof raw === 'string' ? raw : undefined;
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (!text || !DATE.test(text) || Number.isNaN(Date.parse(text))) {
    at([field], `\`${field}\` must be a date or date-time (2027-01-31 or 2027-01-31T12:00:00Z)`);
    return undefined;
  }
  return new Date(text.length === 10 ? `${text}T00:00:00Z` : text).toISOString();
};
