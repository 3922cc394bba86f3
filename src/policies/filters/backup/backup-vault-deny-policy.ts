import { arr, obj } from '../../../inventory/resource-types/backup/backup-arns.js';
import { wildcardRegex } from './backup-selection-index.js';

/** Condition operators whose `aws:PrincipalArn` values name principals a Deny statement exempts. */
const EXEMPTING = new Set(['ArnNotEquals', 'ArnNotLike', 'StringNotEquals', 'StringNotLike', 'StringNotEqualsIgnoreCase']);

const list = (v: unknown): string[] => (typeof v === 'string' ? [v] : arr(v).filter((x): x is string => typeof x === 'string'));

const everyone = (principal: unknown): boolean => {
  if (principal === '*') return true;
  const aws = obj(principal)?.AWS;
  return list(aws).includes('*');
};

/**
 * The principals a Deny statement leaves out, or undefined when the statement's condition does
 * something other than exempting principals by ARN (then Vigil cannot prove it denies everyone).
 */
const exemptedPrincipals = (st: Record<string, unknown>): string[] | undefined => {
  const out: string[] = [];
  if (st.NotPrincipal !== undefined) out.push(...list(obj(st.NotPrincipal)?.AWS ?? st.NotPrincipal));
  const cond = obj(st.Condition);
  if (!cond) return out;
  for (const [op, body] of Object.entries(cond)) {
    const b = obj(body);
    if (!b || !EXEMPTING.has(op)) return undefined;
    for (const [key, values] of Object.entries(b)) {
      if (key.toLowerCase() !== 'aws:principalarn') return undefined;
      out.push(...list(values));
    }
  }
  return out;
};

/**
 * Which of `actions` a vault access policy does NOT deny to everyone (except the exempt roles).
 * A Deny counts when its Principal is `*` (or NotPrincipal lists only exempt roles), its Action
 * covers the action (wildcards allowed) and its Condition only exempts listed roles by
 * `aws:PrincipalArn`. Statements exempting any other principal do not count.
 *
 * @example
 * undeniedActions(policy, ['backup:DeleteRecoveryPoint'], []); // [] when the seed's deny statement is present
 */
export const undeniedActions = (policy: unknown, actions: readonly string[], exemptRoleArns: readonly string[]): string[] => {
  const denied = new Set<string>();
  const exempt = exemptRoleArns.map((a) => a.toLowerCase());
  for (const raw of arr(obj(policy)?.Statement ?? [])) {
    const st = obj(raw);
    if (!st || st.Effect !== 'Deny') continue;
    if (st.NotPrincipal === undefined && !everyone(st.Principal)) continue;
    if (st.NotAction !== undefined) continue;
    const left = exemptedPrincipals(st);
    if (!left || !left.every((p) => exempt.includes(p.toLowerCase()))) continue;
    const patterns = list(st.Action).map((a) => wildcardRegex(a.toLowerCase()));
    for (const a of actions) if (patterns.some((re) => re.test(a.toLowerCase()))) denied.add(a);
  }
  return actions.filter((a) => !denied.has(a));
};
