import type { Resource } from '../inventory/resource.js';
import type { Evidence } from '../violations/evidence.js';
import type { ConditionCompiler } from './condition/condition-compiler.js';
import type { FilterContext } from './filters/named-filter.js';
import type { LoadedPolicy } from './policy.js';

/** Parameter values for a policy, and where they apply: the whole organisation, or some accounts/OUs. */
export interface ParameterScope {
  /** Accounts the values apply to; absent (with `ous` absent) means every account. */
  accountIds?: ReadonlySet<string>;
  /** Organisational units (`root/sandbox`) the values apply to, sub-OUs included. */
  ous?: readonly string[];
  values: Record<string, unknown>;
}

const inScope = (s: ParameterScope, accountId: string, ou: string | undefined): boolean => {
  if (!s.accountIds && !s.ous) return true;
  if (s.accountIds?.has(accountId)) return true;
  return !!ou && !!s.ous?.some((o) => ou === o || ou.startsWith(`${o}/`));
};

const ouOf = (ctx: FilterContext, accountId: string): string | undefined =>
  ctx.lookup.memo('vigil:account-ou', () => new Map(ctx.organization.accounts.map((a) => [a.id, a.ou]))).get(accountId);

/**
 * A policy ready to judge resources: its condition compiled once per parameter set, dispatching on
 * the resource's account when the organisation overrides parameters per account or OU.
 */
export interface CompiledPolicy {
  policy: LoadedPolicy;
  types: readonly string[];
  needs: readonly string[];
  /** Whether the resource is in the policy's scope (always true without `scope:`). */
  applies(resource: Resource, ctx: FilterContext): boolean;
  /** Whether the resource violates the policy (`test(…) !== null`), deciding without writing evidence. */
  holds(resource: Resource, ctx: FilterContext): boolean;
  /** Evidence when the resource violates the policy, null when it passes. */
  test(resource: Resource, ctx: FilterContext): Evidence[] | null;
}

export const defaultParameters = (p: LoadedPolicy): Record<string, unknown> =>
  Object.fromEntries(Object.entries(p.parameters ?? {}).map(([k, d]) => [k, d.default]));

/**
 * @example
 * const cp = compilePolicy(policy, compiler);
 * cp.holds(bucket, ctx); // true when the bucket violates it
 * cp.test(bucket, ctx); // evidence or null
 */
export const compilePolicy = (policy: LoadedPolicy, compiler: ConditionCompiler, scopes: ParameterScope[] = []): CompiledPolicy => {
  const defaults = defaultParameters(policy);
  // Both conditions are compiled per parameter set: an organisation's exemption list (a parameter
  // used in `scope`) must apply exactly where its other parameters do.
  const variant = (values: Record<string, unknown>) => {
    const where = compiler.compile(policy.where, values);
    const scope = policy.scope === undefined ? undefined : compiler.compile(policy.scope, values);
    return {
      where,
      needs: [...where.needs, ...(scope?.needs ?? [])],
      applies: scope ? (r: Resource, ctx: FilterContext) => scope.holds(r.config, r, ctx) : () => true,
    };
  };
  const base = variant(defaults);
  const variants = scopes.map((s) => ({ scope: s, v: variant({ ...defaults, ...s.values }) }));
  const types = Array.isArray(policy.resource) ? policy.resource : [policy.resource];
  const needs = [...new Set([...base.needs, ...variants.flatMap((x) => x.v.needs)])];
  if (variants.length === 0) {
    const holds = base.where.holds;
    return { policy, types, needs, applies: base.applies, holds: (r, ctx) => holds(r.config, r, ctx), test: (r, ctx) => base.where.test(r.config, r, ctx) };
  }
  // The most specific scope wins: scopes are ordered general → specific by the config loader.
  const pick = (r: Resource, ctx: FilterContext) => {
    for (let i = variants.length - 1; i >= 0; i--) {
      const x = variants[i] as (typeof variants)[number];
      if (inScope(x.scope, r.accountId, x.scope.ous ? ouOf(ctx, r.accountId) : undefined)) return x.v;
    }
    return base;
  };
  return {
    policy,
    types,
    needs,
    applies: (r, ctx) => pick(r, ctx).applies(r, ctx),
    holds: (r, ctx) => pick(r, ctx).where.holds(r.config, r, ctx),
    test: (r, ctx) => pick(r, ctx).where.test(r.config, r, ctx),
  };
};
