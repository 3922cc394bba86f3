import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { VigilDatabase } from '../database-schema.js';
import { isoTimestamp } from '../iso-timestamp.js';
import type { ResourceFilter } from '../ports/inventory-store.js';
import type { Page } from '../ports/page.js';
import type { ViolationFilter, ViolationGroupKey } from '../ports/violation-store.js';

type ResourceEb = ExpressionBuilder<VigilDatabase, 'resources' | 'resource_scopes'>;
type ViolationEb = ExpressionBuilder<VigilDatabase, 'violations'>;

/**
 * Filters shared by list, count and group queries, so a page and its total always agree.
 * An explicitly empty list (`states: []`) matches nothing, as it says; leave the field out for "any".
 */
export const resourceFilter =
  (q: ResourceFilter = {}) =>
  (eb: ResourceEb): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [];
    if (q.arns) c.push(q.arns.length ? eb('resources.arn', 'in', q.arns) : eb.or([]));
    if (q.type !== undefined) c.push(eb('resource_scopes.type', '=', q.type));
    if (q.accountId !== undefined) c.push(eb('resource_scopes.account_id', '=', q.accountId));
    if (q.region !== undefined) c.push(eb('resource_scopes.region', '=', q.region));
    if (q.owner !== undefined) c.push(eb('resources.owner', '=', q.owner));
    if (!q.includeDeleted) c.push(eb('resources.deleted_at', 'is', null));
    return eb.and(c);
  };

export const violationFilter =
  (q: ViolationFilter = {}) =>
  (eb: ViolationEb): Expression<SqlBool> => {
    const c: Expression<SqlBool>[] = [];
    const list = (col: 'id' | 'state' | 'policy_id' | 'severity', xs: readonly string[] | undefined) => {
      if (xs) c.push(xs.length ? eb(eb.ref(col), 'in', [...xs]) : eb.or([]));
    };
    list('id', q.ids);
    list('state', q.states);
    list('policy_id', q.policyIds);
    list('severity', q.severities);
    if (q.accountId !== undefined) c.push(eb('account_id', '=', q.accountId));
    if (q.owner !== undefined) c.push(eb('owner', '=', q.owner));
    if (q.resourceArn !== undefined) c.push(eb('resource_arn', '=', q.resourceArn));
    if (q.resourceType !== undefined) c.push(eb('resource_type', '=', q.resourceType));
    if (q.scanId !== undefined) c.push(eb('last_scan_id', '=', q.scanId));
    if (q.actionDueBy !== undefined) {
      c.push(eb('next_action_at', 'is not', null));
      c.push(eb('next_action_at', '<=', isoTimestamp(q.actionDueBy, 'actionDueBy')));
    }
    return eb.and(c);
  };

/** critical = 4 … info = 0, as in common/severity.ts, computed in SQL so paging works on it. */
export const severityRank = sql<number>`case severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end`;

export const GROUP_COLUMNS = {
  policyId: 'policy_id',
  severity: 'severity',
  state: 'state',
  accountId: 'account_id',
  region: 'region',
  owner: 'owner',
  resourceType: 'resource_type',
} as const satisfies Record<ViolationGroupKey, string>;

/** SQLite cannot OFFSET without a LIMIT; this limit means "no limit" in both engines. */
export const NO_LIMIT = Number.MAX_SAFE_INTEGER;

export const pageOf = (p: Page = {}): { limit: number; offset: number } => ({
  limit: p.limit ?? NO_LIMIT,
  offset: p.offset ?? 0,
});

export const chunk = <T>(xs: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
};
