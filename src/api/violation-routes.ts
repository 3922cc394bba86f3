import type { FastifyInstance } from 'fastify';
import { SEVERITIES } from '../common/severity.js';
import { VigilError } from '../common/vigil-error.js';
import type { ViolationQuery } from '../store/ports/violation-store.js';
import { LIVE_STATES, VIOLATION_STATES, type Violation, type ViolationState } from '../violations/violation.js';
import { policyView, type ApiDeps } from './api-deps.js';
import { listParam, pageParams, textFields, type RawQuery } from './query-params.js';

/** `state` also takes two shorthands: `live` (the default: what is still out of policy) and `all`. */
const STATE_PARAM = [...VIOLATION_STATES, 'live', 'all'] as const;
const ORDERS = ['lastSeen', 'age', 'severity'] as const;

/** A violation in a list, with its policy's title so a table needs no second request per row. */
export type ViolationListItem = Violation & { policyTitle: string };

/**
 * `GET /api/violations` — filters `state`, `severity`, `policy`, `account`, `owner`, `resourceType`,
 * `order`, paging `limit`/`offset`; returns `{ items, total, limit, offset }`.
 * `GET /api/violations/:id` — `{ violation, policy, resource, history }`; history is the audit trail of
 * this violation, oldest first.
 *
 * @example
 * registerViolationRoutes(app, deps);
 * await app.inject('/api/violations?severity=high,critical&account=111122223333&limit=20');
 */
export function registerViolationRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const titles = new Map(deps.policies.map((p) => [p.id, p.title]));

  app.get('/api/violations', async (request) => {
    const q = request.query as RawQuery;
    const filter = violationFilter(q);
    const page = pageParams(q);
    const order = listParam(q, 'order', ORDERS)?.[0] ?? 'lastSeen';
    const [violations, total] = await Promise.all([
      deps.store.violations.list({ ...filter, ...page, orderBy: order }),
      deps.store.violations.count(filter),
    ]);
    const items: ViolationListItem[] = violations.map((v) => ({ ...v, policyTitle: titles.get(v.policyId) ?? v.policyId }));
    return { items, total, ...page };
  });

  app.get('/api/violations/:id', async (request) => {
    const { id } = request.params as { id: string };
    const violation = await deps.store.violations.get(id);
    if (!violation) throw new VigilError('violation.not-found', `no violation with id ${JSON.stringify(id)}`, { status: 404 });
    const policy = deps.policies.find((p) => p.id === violation.policyId);
    const [resource, history] = await Promise.all([
      deps.store.inventory.get(violation.resourceArn),
      deps.store.audit.list({ subjectKind: 'violation', subjectId: id, limit: 1000 }),
    ]);
    return {
      violation: { ...violation, policyTitle: policy?.title ?? violation.policyId },
      policy: policy ? policyView(policy) : null,
      resource: resource ?? null,
      history: [...history].sort((a, b) => a.seq - b.seq),
    };
  });
}

/** The store filter a violations query string asks for; live states unless `state` says otherwise. */
export function violationFilter(q: RawQuery): Omit<ViolationQuery, 'limit' | 'offset' | 'orderBy'> {
  const states = listParam(q, 'state', STATE_PARAM) ?? ['live'];
  const filter: Omit<ViolationQuery, 'limit' | 'offset' | 'orderBy'> = textFields(q, { account: 'accountId', owner: 'owner', resourceType: 'resourceType' });
  if (!states.includes('all')) {
    filter.states = [...new Set(states.flatMap((s): ViolationState[] => (s === 'live' ? [...LIVE_STATES] : s === 'all' ? [] : [s])))];
  }
  const severities = listParam(q, 'severity', SEVERITIES);
  if (severities) filter.severities = severities;
  const policyIds = listParam(q, 'policy');
  if (policyIds) filter.policyIds = policyIds;
  return filter;
}
