import { parsePolicy } from '../action-helpers.js';

/** Who counts as inside: the resource's own account, these accounts, and principals pinned to these organisations. */
export interface Insiders {
  readonly accounts: ReadonlySet<string>;
  readonly organizationIds: ReadonlySet<string>;
}

type Statement = Record<string, unknown>;
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** The account of an AWS principal (`123456789012`, `arn:aws:iam::123456789012:role/x`), or undefined (a unique id, a canonical user). */
const accountOf = (p: string): string | undefined => (/^\d{12}$/.test(p) ? p : /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(p)?.[1]);

/** Values a statement's (non-negated) conditions give a key, e.g. aws:PrincipalOrgID. */
const conditionValues = (st: Statement, key: string): string[] =>
  Object.entries((st['Condition'] as Record<string, Record<string, unknown>> | undefined) ?? {})
    .filter(([op]) => !/Not/i.test(op))
    .flatMap(([, kv]) => Object.entries(kv ?? {}).filter(([k]) => k.toLowerCase() === key.toLowerCase()).flatMap(([, v]) => list(v)))
    .filter((v): v is string => typeof v === 'string');

/** Whether a `*` principal is pinned inside: to an insider organisation, or only to insider accounts. */
const pinnedInside = (st: Statement, inside: Insiders): boolean => {
  if (conditionValues(st, 'aws:PrincipalOrgID').some((o) => inside.organizationIds.has(o))) return true;
  const accounts = [...conditionValues(st, 'aws:PrincipalAccount'), ...conditionValues(st, 'aws:SourceAccount')];
  return accounts.length > 0 && accounts.every((a) => inside.accounts.has(a));
};

/**
 * The statement without its outside principals, or null when none is left. Only `Allow` statements
 * with AWS principals (or `*`) can let an outsider in; Deny statements, service principals and
 * principals whose account cannot be told (unique ids) are kept.
 */
const withoutOutsiders = (st: Statement, inside: Insiders): Statement | null => {
  if (st['Effect'] !== 'Allow' || st['Principal'] === undefined) return st;
  const principal = st['Principal'];
  if (principal === '*') return pinnedInside(st, inside) ? st : null;
  if (typeof principal !== 'object' || principal === null) return st;
  const { AWS: aws, ...others } = principal as Record<string, unknown>;
  if (aws === undefined) return st;
  const keep = list(aws).filter((p) => (p === '*' ? pinnedInside(st, inside) : typeof p !== 'string' || (accountOf(p) ?? '') === '' || inside.accounts.has(accountOf(p) as string)));
  if (keep.length === list(aws).length) return st;
  const next = { ...others, ...(keep.length ? { AWS: keep.length === 1 ? keep[0] : keep } : {}) };
  return Object.keys(next).length ? { ...st, Principal: next } : null;
};

/**
 * The policy with every outside principal removed (statements left without a principal go, the
 * rest stay as they were, in order), and how many principals or statements that removed.
 *
 * @example
 * stripOutsiders(doc, { accounts: new Set(['111122223333']), organizationIds: new Set() }).removed; // 1
 */
export const stripOutsiders = (doc: string | null, inside: Insiders): { policy: string | null; removed: number; statements: number } => {
  const parsed = parsePolicy(doc);
  if (!parsed) return { policy: null, removed: 0, statements: 0 };
  let removed = 0;
  const kept: Statement[] = [];
  for (const st of parsed.Statement) {
    const next = withoutOutsiders(st, inside);
    if (next !== st) removed++;
    if (next) kept.push(next);
  }
  return { policy: JSON.stringify({ ...parsed, Statement: kept }), removed, statements: kept.length };
};
