import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { AuthFailure } from './auth-outcome.js';
import type { AuthConfig } from '../config/vigil-config.js';
import { API_ROLES, type ApiRole } from './api-role.js';

type OidcConfig = NonNullable<AuthConfig['oidc']>;

/** What checking an OIDC bearer found: the person and their role, or why not (a fixed reason and words for the caller). */
export type OidcResult =
  | { ok: true; subject: string; role: ApiRole }
  | { ok: false; status: 401 | 403 | 503; reason: AuthFailure; message: string };

/**
 * Checks OIDC bearer JWTs (`server.auth.oidc`) with `jose`: signature against the issuer's JWKS
 * (`jwksUri`, else found through `<issuer>/.well-known/openid-configuration`; keys cached and
 * re-fetched when an unknown `kid` appears), `iss`, `aud`, `exp`/`nbf`; then maps the roles claim's
 * groups to a Vigil role. Only asymmetric algorithms are accepted (a JWKS holds public keys).
 *
 * @example
 * const oidc = new OidcVerifier({ issuer: 'https://idp.example.com', audience: 'vigil', roles: { approver: ['secops'] } });
 * await oidc.verify(jwt); // { ok: true, subject: 'alice@example.com', role: 'approver' }
 */
export class OidcVerifier {
  #jwks: Promise<ReturnType<typeof createRemoteJWKSet>> | null = null;

  constructor(private readonly config: OidcConfig, private readonly fetchImpl: typeof fetch = fetch) {}

  async verify(jwt: string): Promise<OidcResult> {
    let payload: JWTPayload;
    try {
      const jwks = await this.#keys();
      payload = (await jwtVerify(jwt, jwks, { issuer: this.config.issuer, audience: this.config.audience, algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] })).payload;
    } catch (e) {
      return failure(e);
    }
    const subjectClaim = this.config.subjectClaim ?? 'email';
    const named = payload[subjectClaim] ?? payload.sub;
    if (typeof named !== 'string' || !named.trim()) return { ok: false, status: 401, reason: 'bad-credentials', message: `the token names nobody (no ${subjectClaim} or sub claim)` };
    const subject = named.trim().slice(0, 200);
    const claim = payload[this.config.rolesClaim ?? 'groups'];
    const groups = new Set(typeof claim === 'string' ? [claim] : Array.isArray(claim) ? claim.filter((g): g is string => typeof g === 'string') : []);
    const role = [...API_ROLES].reverse().find((r) => (this.config.roles[r] ?? []).some((g) => groups.has(g)));
    if (!role) return { ok: false, status: 403, reason: 'denied', message: `signed in as ${subject}, but none of your groups (claim ${this.config.rolesClaim ?? 'groups'}) grants a Vigil role (server.auth.oidc.roles)` };
    return { ok: true, subject, role };
  }

  /** The key set, found once (discovery retried after a failure, so a restarting IdP does not need a Vigil restart). */
  #keys(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    this.#jwks ??= this.#jwksUri().then((uri) => createRemoteJWKSet(new URL(uri), { timeoutDuration: 5_000, cooldownDuration: 30_000 }));
    this.#jwks.catch(() => (this.#jwks = null));
    return this.#jwks;
  }

  async #jwksUri(): Promise<string> {
    if (this.config.jwksUri) return this.config.jwksUri;
    const res = await this.fetchImpl(`${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) throw new DiscoveryError(`OIDC discovery at ${this.config.issuer} answered HTTP ${res.status}`);
    const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (doc.issuer !== this.config.issuer || typeof doc.jwks_uri !== 'string') throw new DiscoveryError(`OIDC discovery at ${this.config.issuer} names another issuer or no jwks_uri`);
    return doc.jwks_uri;
  }
}

class DiscoveryError extends Error {}

const failure = (e: unknown): OidcResult => {
  const code = (e as { code?: string }).code;
  const claim = (e as { claim?: string }).claim;
  if (code === 'ERR_JWT_EXPIRED') return { ok: false, status: 401, reason: 'expired', message: 'the token has expired: sign in again' };
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return { ok: false, status: 401, reason: 'bad-credentials', message: `the token's ${claim ?? 'claims'} does not match what this Vigil accepts (server.auth.oidc)` };
  if (code === 'ERR_JWKS_NO_MATCHING_KEY') return { ok: false, status: 401, reason: 'bad-credentials', message: 'the token is signed with a key the issuer does not publish' };
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return { ok: false, status: 401, reason: 'bad-credentials', message: 'the token signature does not verify' };
  if (e instanceof DiscoveryError || code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_INVALID' || e instanceof TypeError) {
    return { ok: false, status: 503, reason: 'denied', message: 'the identity provider\'s keys cannot be fetched right now; try again' };
  }
  return { ok: false, status: 401, reason: 'bad-credentials', message: 'the token is not a valid signed JWT' };
};
