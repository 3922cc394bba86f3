import { VigilError } from '../common/vigil-error.js';
import type { Resource } from '../inventory/resource.js';
import { unknownFieldsOf } from '../inventory/unknown-fields.js';
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

/**
 * A policy asked about a field the collector could not read: the resource is undecided for that
 * policy (the evaluator keeps its stored violation as it is and opens none), never passed or failed.
 */
export class UndecidedError extends VigilError {
  constructor(field: string, reason: string) {
    super('evaluation.undecided', `not judged: ${field} could not be read (${reason})`, { status: 409, details: { field, reason } });
    this.name = 'UndecidedError';
  }
}

/**
 * A guard that throws `UndecidedError` when a resource lacks a field `reads` names (`all`: any
 * field); undefined when nothing is read (nothing can be unknown then).
 */
const guardFor = (reads: readonly string[] | 'all'): ((r: Resource) => void) | undefined => {
  if (reads !== 'all' && reads.length === 0) return undefined;
  const wanted = reads === 'all' ? undefined : new Set(reads);
  return (r) => {
    const unknown = unknownFieldsOf(r);
    if (unknown === undefined) return;
    for (const field in unknown) if (!wanted || wanted.has(field)) throw new UndecidedError(field, unknown[field] as string);
  };
};

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
    const compiled = compiler.compile(policy.where, values);
    const scope = policy.scope === undefined ? undefined : compiler.compile(policy.scope, values);
    // A field the collector could not read makes the answer unknown where the condition reads it.
    const whereGuard = guardFor(compiled.reads);
    const scopeGuard = scope ? guardFor(scope.reads) : undefined;
    const where = whereGuard
      ? {
          test: (base: unknown, r: Resource, ctx: FilterContext) => (whereGuard(r), compiled.test(base, r, ctx)),
          holds: (base: unknown, r: Resource, ctx: FilterContext) => (whereGuard(r), compiled.holds(base, r, ctx)),
        }
      : compiled;
    return {
      where,
      needs: [...compiled.needs, ...(scope?.needs ?? [])],
      applies: scope
        ? scopeGuard
          ? (r: Resource, ctx: FilterContext) => (scopeGuard(r), scope.holds(r.config, r, ctx))
          : (r: Resource, ctx: FilterContext) => scope.holds(r.config, r, ctx)
        : () => true,
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
