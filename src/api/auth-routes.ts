import type { FastifyInstance } from 'fastify';
import type { ApiAuthenticator } from './api-auth-hook.js';
import { reportAuth } from './auth-events.js';
import { callerOf } from './request-caller.js';

/** What `GET /api/me` answers: whether sign-in is needed and who the caller is (the dashboard shows Approve/Reject from `role`). */
export interface MeView {
  authRequired: boolean;
  user: string | null;
  role: string | null;
  authMethod: string | null;
}

/**
 * `GET /api/me` — who the bearer is (401 when sign-in is configured and none was sent).
 * `POST /api/auth/login` — the dashboard's sign-in: the same check, recorded as `auth.login.succeeded`
 * (or `auth.login.failed` by the auth hook). `POST /api/auth/logout` — recorded as `auth.logout`; the
 * dashboard forgets the token (tokens are stateless: revoke one with `vigil api-token revoke`).
 *
 * @example
 * await app.inject({ method: 'POST', url: '/api/auth/login', headers: { authorization: 'Bearer vgl_…' } }); // { authRequired: true, user: 'alice@example.com', role: 'approver', authMethod: 'token' }
 */
export function registerAuthRoutes(app: FastifyInstance, auth: ApiAuthenticator): void {
  const me = (request: Parameters<typeof callerOf>[0]): MeView => {
    const c = callerOf(request);
    return { authRequired: auth.required, user: c?.subject ?? null, role: c?.role ?? null, authMethod: c?.method ?? null };
  };
  app.get('/api/me', async (request) => me(request));
  app.post('/api/auth/login', async (request) => {
    const c = callerOf(request);
    if (c) reportAuth(request, { event: 'login.succeeded', user: c.subject, method: c.method, ...(c.tokenId ? { tokenId: c.tokenId } : {}) });
    return me(request);
  });
  app.post('/api/auth/logout', async (request) => {
    const c = callerOf(request);
    if (c) reportAuth(request, { event: 'logout', user: c.subject });
    return { authRequired: auth.required, user: null, role: null, authMethod: null } satisfies MeView;
  });
}
