import type { AuthFailure, AuthMethod } from './auth-events.js';
import type { Clock } from '../common/clock.js';
import type { AuthConfig } from '../config/vigil-config.js';
import type { StorePorts } from '../store/store.js';
import type { ApiRole } from '../auth/api-role.js';
import { apiTokenHash, isApiTokenShaped } from '../auth/api-token.js';
import type { OidcResult } from '../auth/oidc-verifier.js';

/** Who is calling, once authenticated: the actor on the trail is `user:<subject>`. */
export interface Caller {
  subject: string;
  role: ApiRole;
  method: Extract<AuthMethod, 'token' | 'oidc' | 'proxy'>;
  /** The API token's public id (method `token`). */
  tokenId?: string;
}

/** What the authenticator decided about a request. */
export type Authentication =
  /** No sign-in is configured and none was offered: today's read-only, loopback-only behaviour. */
  | { kind: 'anonymous' }
  | { kind: 'caller'; caller: Caller }
  /** Refused. `method`/`reason` are what the trail records (`auth.login.failed`); absent when nothing was offered. */
  | { kind: 'refused'; status: 401 | 403 | 503; message: string; failed?: { method: AuthMethod; reason: AuthFailure } };

/** Last use is written at most this often per token: a dashboard polling with one token must not write on every GET. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Decides who a request comes from under `server.auth`: an `Authorization: Bearer` API token (looked
 * up by its SHA-256) or OIDC JWT, else the trusted proxy's user header when `proxy` is configured,
 * else — only when no sign-in is configured at all — anonymous. `x-vigil-user` means nothing unless
 * `proxy` says a proxy sets it.
 *
 * @example
 * const auth = new RequestAuthenticator({ config: { tokens: true }, store, clock });
 * await auth.authenticate({ authorization: 'Bearer vgl_…' }); // { kind: 'caller', caller: { subject: 'ci-reader', role: 'viewer', method: 'token', tokenId: 'tok_…' } }
 */
export class RequestAuthenticator {
  constructor(
    private readonly deps: {
      config: AuthConfig | undefined;
      store: Pick<StorePorts, 'apiTokens'>;
      clock: Clock;
      /** The OIDC check (built from `config.oidc` by the composition root). */
      oidc?: { verify(jwt: string): Promise<OidcResult> };
    },
  ) {}

  /** Whether any sign-in is configured: then every API request must prove who it comes from. */
  get required(): boolean {
    const c = this.deps.config;
    return Boolean(c && (c.tokens || c.oidc || c.proxy));
  }

  async authenticate(headers: Readonly<Record<string, string | string[] | undefined>>): Promise<Authentication> {
    const authorization = headers['authorization'];
    const bearer = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
    if (typeof authorization === 'string' && !bearer) return refused(401, 'token', 'bad-credentials', 'the Authorization header must be "Bearer <token>"');
    if (bearer) return isApiTokenShaped(bearer) ? this.#token(bearer) : this.#oidc(bearer);
    const proxy = this.deps.config?.proxy;
    if (proxy) {
      const user = headers[proxy.userHeader ?? 'x-vigil-user'];
      if (typeof user === 'string' && user.trim()) return { kind: 'caller', caller: { subject: user.trim().slice(0, 200), role: proxy.role ?? 'viewer', method: 'proxy' } };
    }
    if (this.required) return { kind: 'refused', status: 401, message: 'sign in: send "Authorization: Bearer <token>" (an API token from `vigil api-token create`, or your identity provider\'s token)' };
    return { kind: 'anonymous' };
  }

  async #token(secret: string): Promise<Authentication> {
    if (!this.deps.config?.tokens) return refused(401, 'token', 'bad-credentials', 'API tokens are not accepted here (server.auth.tokens is not set)');
    const t = await this.deps.store.apiTokens.byHash(apiTokenHash(secret));
    if (!t) return refused(401, 'token', 'bad-credentials', 'unknown API token');
    if (t.revokedAt) return refused(401, 'token', 'revoked', 'this API token was revoked');
    const now = this.deps.clock.now();
    if (t.expiresAt && t.expiresAt <= now.toISOString()) return refused(401, 'token', 'expired', 'this API token has expired: create a new one with `vigil api-token create`');
    if (!t.lastUsedAt || now.getTime() - Date.parse(t.lastUsedAt) >= TOUCH_EVERY_MS) await this.deps.store.apiTokens.touch(t.id, now.toISOString());
    return { kind: 'caller', caller: { subject: t.name, role: t.role, method: 'token', tokenId: t.id } };
  }

  async #oidc(jwt: string): Promise<Authentication> {
    if (!this.deps.config?.oidc || !this.deps.oidc) return refused(401, 'oidc', 'bad-credentials', 'this is not a Vigil API token (they start with vgl_), and no identity provider is configured (server.auth.oidc)');
    const r = await this.deps.oidc.verify(jwt);
    if (!r.ok) return r.status === 503 ? { kind: 'refused', status: 503, message: r.message } : refused(r.status, 'oidc', r.reason, r.message);
    return { kind: 'caller', caller: { subject: r.subject, role: r.role, method: 'oidc' } };
  }
}

const refused = (status: 401 | 403, method: AuthMethod, reason: AuthFailure, message: string): Authentication => ({ kind: 'refused', status, message, failed: { method, reason } });
