import type { FastifyInstance } from 'fastify';
import { DEFAULT_CONFIG } from '../config/vigil-config.js';
import { unownedReport } from '../reports/unowned-report.js';
import type { ApiDeps } from './api-deps.js';
import { pageParams, type RawQuery } from './query-params.js';

/**
 * `GET /api/owners` — the configured teams (members count and channel kinds; never addresses of
 * webhooks, which are credentials) and the unowned resources: `{ fallback, teams, unowned: { count, scanId, resources } }`;
 * `limit` bounds the unowned list (default 100).
 *
 * @example
 * (await app.inject('/api/owners')).json().unowned.count; // 12
 */
export function registerOwnerRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/api/owners', async (request) => {
    const q = request.query as RawQuery;
    const owners = deps.owners ?? DEFAULT_CONFIG.owners;
    const { limit } = pageParams(q, 100);
    const teams = Object.entries(deps.teams ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, t]) => ({ name, members: (t.members ?? []).length, channels: Object.keys(t.channels).filter((k) => (t.channels as Record<string, unknown>)[k] !== undefined).sort() }));
    return { fallback: owners.fallback, teams, unowned: await unownedReport(deps.store, owners, { limit }) };
  });
}
