import type { Resource } from '../../../inventory/resource.js';
import type { ResourceLookup } from '../named-filter.js';

/** One statement of a resource policy, with the evidence path that names it. */
export interface LocatedStatement {
  /** `Policy.Statement[2]`, or `Policy.Statement` when the document holds a single statement object. */
  path: string;
  statement: Record<string, unknown>;
}

/** A principal named by a statement: `kind` is the Principal key (`AWS`, `Service`, `CanonicalUser`, `Federated`) or `*`. */
export interface LocatedPrincipal {
  path: string;
  kind: string;
  value: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** IAM accepts a string or a list wherever a list is allowed. */
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** The fields in which resource types keep a resource policy (S3 GetBucketPolicy, DynamoDB GetResourcePolicy…). */
export const POLICY_FIELDS = ['Policy', 'ResourcePolicy'] as const;

/**
 * The statements of a resource's policy document. Collectors store the document parsed, but a raw JSON
 * string (as GetBucketPolicy returns it) is accepted too; an unparseable document yields `invalid`, so
 * a filter can say so instead of passing silently.
 *
 * @example
 * resourcePolicyStatements(bucket).statements[0]?.path; // 'Policy.Statement[0]'
 */
export const resourcePolicyStatements = (r: Resource): ResourcePolicy => {
  for (const field of POLICY_FIELDS) {
    let doc = r.config[field];
    if (doc === undefined || doc === null || doc === '') continue;
    if (typeof doc === 'string') {
      try {
        doc = JSON.parse(doc) as unknown;
      } catch {
        return { statements: [], invalid: field };
      }
    }
    if (!isRecord(doc)) return { statements: [], invalid: field };
    const st = doc.Statement;
    if (Array.isArray(st)) {
      const statements: LocatedStatement[] = [];
      for (let i = 0; i < st.length; i++) {
        const s = st[i] as unknown;
        if (isRecord(s)) statements.push({ path: `${field}.Statement[${i}]`, statement: s });
      }
      return { statements };
    }
    return { statements: isRecord(st) ? [{ path: `${field}.Statement`, statement: st }] : [] };
  }
  return NO_STATEMENTS;
};

/** The statements of a resource's policy document, or the field whose document is unreadable. */
export interface ResourcePolicy {
  readonly statements: readonly LocatedStatement[];
  readonly invalid?: string;
}

const NO_STATEMENTS: ResourcePolicy = Object.freeze({ statements: Object.freeze([]) as readonly LocatedStatement[] });

/**
 * `resourcePolicyStatements(r)`, parsed once per resource however many filters read it (three or four
 * policies per bucket): the policies of a resource are judged one after the other, so one slot per
 * scan, keyed by the config object, catches every repeat.
 *
 * @example
 * policyStatementsOf(bucket, ctx.lookup).statements.length;
 */
export const policyStatementsOf = (r: Resource, lookup: ResourceLookup): ResourcePolicy => {
  const slot = lookup.memo('data:last-resource-policy', () => ({ config: undefined as unknown, parsed: NO_STATEMENTS }));
  if (slot.config !== r.config) {
    slot.parsed = resourcePolicyStatements(r);
    slot.config = r.config;
  }
  return slot.parsed;
};

/**
 * Every principal a statement names. `Principal: "*"` and `Principal: {AWS: "*"}` both come out as
 * kind `*`; `{AWS: ["arn…", "123456789012"]}` as one entry per value.
 *
 * @example
 * statementPrincipals({ Principal: { AWS: ['111122223333'] } }, 'Policy.Statement[0]');
 * // [{ path: 'Policy.Statement[0].Principal.AWS[0]', kind: 'AWS', value: '111122223333' }]
 */
export const statementPrincipals = (statement: Record<string, unknown>, path: string): LocatedPrincipal[] => {
  const p = statement.Principal;
  if (p === '*') return [{ path: `${path}.Principal`, kind: '*', value: '*' }];
  if (!isRecord(p)) return [];
  const out: LocatedPrincipal[] = [];
  for (const [kind, raw] of Object.entries(p)) {
    const many = Array.isArray(raw);
    asList(raw).forEach((v, i) => {
      if (typeof v !== 'string') return;
      const at = `${path}.Principal.${kind}${many ? `[${i}]` : ''}`;
      out.push({ path: at, kind: kind === 'AWS' && v === '*' ? '*' : kind, value: v });
    });
  }
  return out;
};

/**
 * The condition values a statement sets for a key, whatever the operator (`StringEquals`,
 * `ForAnyValue:StringLike`…). Condition keys are case-insensitive in IAM, so `aws:securetransport`
 * counts as `aws:SecureTransport`.
 *
 * @example
 * conditionValues({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } }, 'aws:SecureTransport');
 * // [{ operator: 'Bool', values: ['false'] }]
 */
export const conditionValues = (statement: Record<string, unknown>, key: string): { operator: string; values: unknown[] }[] => {
  const cond = statement.Condition;
  if (!isRecord(cond)) return [];
  const want = key.toLowerCase();
  const out: { operator: string; values: unknown[] }[] = [];
  for (const operator of Object.keys(cond)) {
    const block = cond[operator];
    if (!isRecord(block)) continue;
    for (const k of Object.keys(block)) if (k === key || k.toLowerCase() === want) out.push({ operator, values: asList(block[k]) });
  }
  return out;
};

/**
 * Whether the statement sets any of `keys` (lower-cased) under an operator for which `holds(operator,
 * values)`: `keys.some((k) => conditionValues(st, k).some(…))` in one pass over the condition.
 *
 * @example
 * anyConditionValue(st, new Set(['aws:sourceip']), (op, values) => !/Not/.test(op)); // true or false
 */
export const anyConditionValue = (
  statement: Record<string, unknown>,
  keys: ReadonlySet<string>,
  holds: (operator: string, values: unknown[]) => boolean,
): boolean => {
  const cond = statement.Condition;
  if (!isRecord(cond)) return false;
  for (const operator of Object.keys(cond)) {
    const block = cond[operator];
    if (!isRecord(block)) continue;
    for (const k of Object.keys(block)) if (keys.has(k.toLowerCase()) && holds(operator, asList(block[k]))) return true;
  }
  return false;
};

/** Whether a statement names everyone: `Principal: "*"`, or `"*"` among its `AWS` principals (statementPrincipals' kind `*`). */
export const namesEveryone = (statement: Record<string, unknown>): boolean => {
  const p = statement.Principal;
  if (p === '*') return true;
  if (!isRecord(p)) return false;
  // A principal key spelled `*` also comes out as kind `*` in statementPrincipals.
  if (Object.hasOwn(p, '*') && asList(p['*']).some((v) => typeof v === 'string')) return true;
  if (!Object.hasOwn(p, 'AWS')) return false;
  const aws = p.AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
};

/** The condition keys a statement uses, lower-cased. */
export const conditionKeys = (statement: Record<string, unknown>): string[] => {
  const cond = statement.Condition;
  if (!isRecord(cond)) return [];
  return Object.values(cond).flatMap((block) => (isRecord(block) ? Object.keys(block).map((k) => k.toLowerCase()) : []));
};

/** The 12-digit account an AWS principal (account id, IAM/STS ARN) belongs to, or undefined. */
export const principalAccount = (value: string): string | undefined => {
  if (/^\d{12}$/.test(value)) return value;
  const m = /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(value);
  return m?.[1];
};
