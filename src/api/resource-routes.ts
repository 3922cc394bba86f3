import type { FastifyInstance } from 'fastify';
import { VigilError } from '../common/vigil-error.js';
import type { ResourceQuery } from '../store/ports/inventory-store.js';
import type { ApiDeps } from './api-deps.js';
import { boolParam, pageParams, textFields, type RawQuery } from './query-params.js';

/**
 * `GET /api/resources` — filters `type`, `account`, `region`, `owner`, `includeDeleted`, paging;
 * returns `{ items, total, limit, offset }`.
 * `GET /api/resources/:arn` — the ARN URL-encoded (it holds `:` and `/`); returns `{ resource, violations }`
 * with every violation of the resource in any state, so a reader sees its whole record.
 *
 * @example
 * await app.inject(`/api/resources/${encodeURIComponent('arn:aws:s3:::payments-logs')}`);
 */
export function registerResourceRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/api/resources', async (request) => {
    const q = request.query as RawQuery;
    const filter: Omit<ResourceQuery, 'limit' | 'offset'> = textFields(q, { type: 'type', account: 'accountId', region: 'region', owner: 'owner' });
    const includeDeleted = boolParam(q, 'includeDeleted');
    if (includeDeleted !== undefined) filter.includeDeleted = includeDeleted;
    const page = pageParams(q);
    const [items, total] = await Promise.all([deps.store.inventory.list({ ...filter, ...page }), deps.store.inventory.count(filter)]);
    return { items, total, ...page };
  });

  // A wildcard, not `:arn`: an ARN decoded by a proxy that does not keep %2F would otherwise 404.
  app.get('/api/resources/*', async (request) => {
    const arn = (request.params as { '*': string })['*'];
    const resource = arn ? await deps.store.inventory.get(arn) : undefined;
    if (!resource) throw new VigilError('resource.not-found', `no resource with ARN ${JSON.stringify(arn)}`, { status: 404 });
    const violations = await deps.store.violations.ofResources([arn]);
    return { resource, violations };
  });
}
