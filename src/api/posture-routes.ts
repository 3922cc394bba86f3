import type { FastifyInstance } from 'fastify';
import { iso } from '../common/clock.js';
import { buildPostureSummary } from '../reports/posture-summary.js';
import { policyView, type ApiDeps } from './api-deps.js';
import { pageParams, textParam, type RawQuery } from './query-params.js';

/**
 * The estate-level reads: `GET /api/summary` (the posture read model plus `generatedAt`),
 * `GET /api/policies`, `GET /api/scans` (newest first) and `GET /api/quarantine` (records a collector could
 * not read, optionally `?scanId=`).
 *
 * @example
 * registerPostureRoutes(app, deps);
 * (await app.inject('/api/summary')).json().violations.total; // 6
 */
export function registerPostureRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/api/summary', async () => ({
    generatedAt: iso(deps.clock.now()),
    ...(await buildPostureSummary(deps.store, deps.policies)),
  }));

  app.get('/api/policies', async () => ({
    items: deps.policies.map(policyView).sort((a, b) => a.id.localeCompare(b.id)),
  }));

  app.get('/api/scans', async (request) => {
    const page = pageParams(request.query as RawQuery, 20);
    return { items: await deps.store.scans.list(page), ...page };
  });

  app.get('/api/quarantine', async (request) => {
    const q = request.query as RawQuery;
    const page = pageParams(q);
    const scanId = textParam(q, 'scanId');
    return { items: await deps.store.quarantine.list({ ...page, ...(scanId ? { scanId } : {}) }), ...page };
  });
}
