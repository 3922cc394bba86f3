import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditEventInput } from '../audit/audit-event.js';
import type { Clock } from '../common/clock.js';
import type { StorePorts } from '../store/store.js';
import { authAuditFields, reportedAuth } from './auth-events.js';
import { callerOf } from './request-caller.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who made a request: the caller the auth hook authenticated (an API token's name, an OIDC subject, the
 * user a configured trusted proxy names), else `api:anonymous`. A client's own `x-vigil-user` header
 * counts for nothing unless `server.auth.proxy` says a proxy sets it. Never the client address: the
 * trail is immutable, so it holds no more personal data than the actor id.
 */
export const requestActor = (request: FastifyRequest): string => {
  const caller = callerOf(request);
  return caller ? `user:${caller.subject}` : 'api:anonymous';
};

/**
 * Records every API write (any method but GET/HEAD/OPTIONS: approvals, rejections…) as an
 * `api.request` audit event once it is answered, and every authentication outcome reported with
 * `reportAuth` as `auth.login.succeeded|login.failed|logout|token.used` just before it: actor, method,
 * the route's pattern (not the raw URL, whose query could carry personal data), status, and the
 * credential's method and token id. Refused requests are recorded too. Sign-in routes (/api/auth/…)
 * are their own auth event only.
 *
 * @example
 * installApiAuditHook(app, { store, clock });
 * // POST /api/violations/v-1/approve with an API token →
 * //   { type: 'auth.token.used', actor: 'user:alice', data: { method: 'POST', route: '/api/violations/:id/approve', status: 200, tokenId: 'tok_…' } }
 * //   { type: 'api.request', actor: 'user:alice', data: { method: 'POST', route: '/api/violations/:id/approve', status: 200, authMethod: 'token', tokenId: 'tok_…' } }
 */
export const installApiAuditHook = (app: FastifyInstance, deps: { store: Pick<StorePorts, 'audit'>; clock: Clock; afterAudit?: () => Promise<unknown> }): void => {
  app.addHook('onResponse', async (request, reply) => {
    const auth = reportedAuth(request);
    const write = !READS.has(request.method);
    if (!write && !auth) return;
    const route = request.routeOptions.url ?? 'unmatched';
    const subjectId = `${request.method} ${route}`;
    const at = deps.clock.now().toISOString();
    const request_ = { method: request.method, route, status: reply.statusCode };
    const events: AuditEventInput[] = [];
    // An authentication outcome is its own event type (auth.login.failed…), recorded on reads too (a bad token on a GET).
    if (auth) {
      const fields = authAuditFields(auth);
      events.push({ type: fields.type, subjectKind: 'system', subjectId, actor: fields.actor, at, data: { ...request_, ...fields.data } });
    }
    if (write && !route.startsWith('/api/auth/')) {
      const caller = callerOf(request);
      const credential = caller ? { authMethod: caller.method, ...(caller.tokenId ? { tokenId: caller.tokenId } : {}) } : {};
      events.push({ type: 'api.request', subjectKind: 'system', subjectId, actor: requestActor(request), at, data: { ...request_, ...credential } });
    }
    await deps.store.audit.append(events);
    await deps.afterAudit?.();
  });
};
