import type { FastifyRequest } from 'fastify';
import type { AuthOutcome } from '../auth/auth-outcome.js';

export type { AuthFailure, AuthMethod, AuthOutcome } from '../auth/auth-outcome.js';

const OUTCOME = Symbol('vigil.auth-outcome');

/**
 * Called by whatever authenticates a request (a login route, an OIDC callback, a token check) to
 * have the outcome recorded on the audit trail as `auth.<event>` when the request is answered. Only
 * identifiers go on the trail: the user's id, the token's id — never a password, a token, a session
 * cookie, or the name someone typed into a failed login (it could be a password typed in the wrong
 * field; a failed login is recorded as `api:anonymous`).
 *
 * @example
 * app.post('/api/auth/login', async (req, reply) => {
 *   const user = await check(req.body);
 *   reportAuth(req, user ? { event: 'login.succeeded', user: user.id, method: 'password' } : { event: 'login.failed', method: 'password', reason: 'bad-credentials' });
 *   …
 * });
 */
export const reportAuth = (request: FastifyRequest, outcome: AuthOutcome): void => {
  (request as FastifyRequest & { [OUTCOME]?: AuthOutcome })[OUTCOME] = outcome;
};

/** The outcome an authenticator reported for this request, if any. */
export const reportedAuth = (request: FastifyRequest): AuthOutcome | undefined => (request as FastifyRequest & { [OUTCOME]?: AuthOutcome })[OUTCOME];

/** The audit event an outcome becomes: type, actor and data (identifiers only). */
export const authAuditFields = (o: AuthOutcome): { type: string; actor: string; data: Record<string, unknown> } => {
  switch (o.event) {
    case 'login.succeeded':
      return { type: 'auth.login.succeeded', actor: `user:${o.user}`, data: { authMethod: o.method, ...(o.tokenId ? { tokenId: o.tokenId } : {}) } };
    case 'login.failed':
      return { type: 'auth.login.failed', actor: 'api:anonymous', data: { authMethod: o.method, reason: o.reason } };
    case 'logout':
      return { type: 'auth.logout', actor: `user:${o.user}`, data: {} };
    case 'token.used':
      return { type: 'auth.token.used', actor: `user:${o.user}`, data: { tokenId: o.tokenId } };
  }
};
