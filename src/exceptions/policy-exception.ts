/**
 * An exception as the security team writes it in `exceptions/*.yaml`: which resources (selector),
 * which policies (ids, or `all`), why, who asked, who approved, and until when. Expiry is required:
 * an exception is a decision with a date on it, never a permanent hole.
 *
 * @example
 * const ex: PolicyException = {
 *   id: 'payments-raw-website', policies: ['s3-bucket-public-access-block'],
 *   selector: { arn: 'arn:aws:s3:::payments-raw-*', account: '111122223333' },
 *   justification: 'Static website assets, reviewed in SEC-142', requestedBy: 'bob@example.com',
 *   approvedBy: 'alice@example.com', expiresAt: '2027-01-31T00:00:00.000Z',
 *   source: { file: 'exceptions/payments.yaml', line: 1, col: 3 },
 * };
 */
export interface PolicyException {
  id: string;
  /** Policy ids, or `'all'` for every policy. */
  policies: readonly string[] | 'all';
  selector: ExceptionSelector;
  justification: string;
  requestedBy: string;
  approvedBy: string;
  /** ISO-8601 UTC. */
  expiresAt: string;
  /** When it was approved, if written; the maximum duration is counted from here (else from load time). */
  approvedAt?: string;
  source: { file: string; line: number; col: number };
}

/** Every field given must match (AND); an empty selector is refused by the loader (it would cover everything). */
export interface ExceptionSelector {
  /** An ARN or a glob over ARNs (`*` any run of characters, `?` one character). */
  arn?: string;
  account?: string;
  /** OU path; covers nested OUs (`root/prod` covers `root/prod/payments`). */
  ou?: string;
  /** Every tag listed must be present with this value. */
  tags?: Readonly<Record<string, string>>;
}

/** What matching needs to know about a violation's resource. */
export interface ExceptionSubject {
  policyId: string;
  resourceArn: string;
  accountId: string;
  /** The account's OU path, when known. */
  ou?: string | null;
  tags?: Readonly<Record<string, string>> | null;
}

const globCache = new WeakMap<ExceptionSelector, RegExp>();

/** `*` any run of characters (slashes and colons too), `?` exactly one; everything else literal. */
export const globToRegExp = (glob: string): RegExp =>
  new RegExp(`^${glob.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('')}$`);

const normaliseOu = (ou: string): string => ou.trim().replace(/^\/+|\/+$/g, '');

/** Whether the exception's selector and policy list cover this violation (expiry is checked by the caller). */
export const exceptionCovers = (ex: PolicyException, s: ExceptionSubject): boolean => {
  if (ex.policies !== 'all' && !ex.policies.includes(s.policyId)) return false;
  const sel = ex.selector;
  if (sel.account !== undefined && sel.account !== s.accountId) return false;
  if (sel.arn !== undefined) {
    if (sel.arn.includes('*') || sel.arn.includes('?')) {
      let re = globCache.get(sel);
      if (!re) globCache.set(sel, (re = globToRegExp(sel.arn)));
      if (!re.test(s.resourceArn)) return false;
    } else if (sel.arn !== s.resourceArn) return false;
  }
  if (sel.ou !== undefined) {
    const want = normaliseOu(sel.ou);
    const have = s.ou ? normaliseOu(s.ou) : null;
    if (have === null || (have !== want && !have.startsWith(`${want}/`))) return false;
  }
  if (sel.tags) for (const [k, v] of Object.entries(sel.tags)) if (s.tags?.[k] !== v) return false;
  return true;
};

/** Whether the exception is in force at `now` (ISO-8601 UTC). */
export const isActive = (ex: PolicyException, now: string): boolean => ex.expiresAt > now;
