import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../common/clock.js';
import type { StorePorts } from '../store/store.js';
import { authAuditFields, reportedAuth } from './auth-events.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who made a request: the authenticated user a login plugin puts on `request.user`, else the
 * `x-vigil-user` header a trusted proxy sets, else `api:anonymous`. Never the client address: the
 * trail is immutable, so it holds no more personal data than the actor id.
 */
export const requestActor = (request: FastifyRequest): string => {
  const user = (request as FastifyRequest & { user?: { id?: string } }).user?.id;
  const header = request.headers['x-vigil-user'];
  const fromHeader = typeof header === 'string' && header.trim() ? header.trim().slice(0, 200) : undefined;
  return user ? `user:${user}` : fromHeader ? `user:${fromHeader}` : 'api:anonymous';
};

/**
 * Records every API write (any method but GET/HEAD/OPTIONS: approvals, exception requests…) as an
 * `api.request` audit event once it is answered, and every authentication outcome an authenticator
 * reported with `reportAuth` as `auth.login.succeeded|login.failed|logout|token.used` (reads too): actor, method, the route's pattern (not the raw
 * URL, whose query could carry personal data), status. Refused requests are recorded too.
 *
 * @example
 * installApiAuditHook(app, { store, clock });
 * // POST /api/approvals/42 → { type: 'api.request', actor: 'user:alice', data: { method: 'POST', route: '/api/approvals/:id', status: 200 } }
 */
export const installApiAuditHook = (app: FastifyInstance, deps: { store: Pick<StorePorts, 'audit'>; clock: Clock; afterAudit?: () => Promise<unknown> }): void => {
  app.addHook('onResponse', async (request, reply) => {
    const auth = reportedAuth(request);
    if (READS.has(request.method) && !auth) return;
    const route = request.routeOptions.url ?? 'unmatched';
    const subjectId = `${request.method} ${route}`;
    const at = deps.clock.now().toISOString();
    const request_ = { method: request.method, route, status: reply.statusCode };
    // An authentication outcome is its own event type (auth.login.failed…), recorded on reads too (a token used for a GET).
    const fields = auth ? authAuditFields(auth) : { type: 'api.request', actor: requestActor(request), data: {} };
    await deps.store.audit.append([{ type: fields.type, subjectKind: 'system', subjectId, actor: fields.actor, at, data: { ...request_, ...fields.data } }]);
    await deps.afterAudit?.();
  });
};
