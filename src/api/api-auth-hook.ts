import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { roleAllows, type ApiRole } from '../auth/api-role.js';
import type { Authentication } from './request-authenticator.js';
import type { ApiErrorBody } from './api-error-handler.js';
import { reportAuth } from './auth-events.js';
import { callerOf, setCaller } from './request-caller.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role a route needs (default `viewer`). */
    role?: ApiRole;
    /** Served to anyone, signed in or not (health check, the dashboard's static files): they hold no data. */
    public?: boolean;
  }
}

/** What the hook needs from the authenticator. */
export interface ApiAuthenticator {
  readonly required: boolean;
  authenticate(headers: FastifyRequest['headers']): Promise<Authentication>;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates every request but those to public routes (`config: { public: true }`) before its
 * route runs, then checks the route's role
 * (`config: { role: 'approver' }`). Refusals answer 401 (who are you?) or 403 (not allowed) with a
 * reason in words; a credential that was offered and failed is reported as `auth.login.failed` (a
 * request offering none is not: it is not a login attempt, and recording it would let anyone fill the
 * trail). A successful bearer on a write is reported (`auth.token.used`, or `auth.login.succeeded` for
 * OIDC and proxy users); on a read it is not (one event per GET would drown the trail; an API
 * token's `last_used_at` says it was used).
 *
 * @example
 * installApiAuth(app, new RequestAuthenticator({ config: { tokens: true }, store, clock }));
 * app.post('/api/violations/:id/approve', { config: { role: 'approver' } }, handler);
 */
export const installApiAuth = (app: FastifyInstance, auth: ApiAuthenticator): void => {
  app.addHook('onRequest', async (request, reply) => {
    // Decided by the matched route, not by the URL's text: `/%61pi/violations` is routed to /api/violations.
    if (request.routeOptions.config?.public === true) return;
    const result = await auth.authenticate(request.headers);
    if (result.kind === 'refused') {
      if (result.failed) reportAuth(request, { event: 'login.failed', method: result.failed.method, reason: result.failed.reason });
      return deny(reply, result.status, result.status === 403 ? 'auth.forbidden' : result.status === 503 ? 'auth.unavailable' : 'auth.required', result.message);
    }
    if (result.kind === 'anonymous') return;
    const caller = result.caller;
    setCaller(request, caller);
    if (!READS.has(request.method)) {
      reportAuth(request, caller.method === 'token' && caller.tokenId ? { event: 'token.used', user: caller.subject, tokenId: caller.tokenId } : { event: 'login.succeeded', user: caller.subject, method: caller.method });
    }
  });
  app.addHook('preHandler', async (request, reply) => {
    const needs = request.routeOptions.config?.role ?? 'viewer';
    if (needs === 'viewer') return;
    const caller = callerOf(request);
    if (!caller) return deny(reply, 403, 'auth.not-configured', 'this needs a signed-in user, and this Vigil has no sign-in configured (server.auth: API tokens or OIDC); use the CLI (`vigil approve`) instead');
    if (!roleAllows(caller.role, needs)) return deny(reply, 403, 'auth.forbidden', `${caller.subject} has the role ${caller.role}; this needs ${needs} or above`);
  });
};

const deny = (reply: FastifyReply, status: number, code: string, message: string): FastifyReply => {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="vigil"');
  return reply.code(status).send({ code, message } satisfies ApiErrorBody);
};
