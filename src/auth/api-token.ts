import { createHash, randomBytes } from 'node:crypto';

/** Every Vigil API token starts with this, so secret scanners and people recognise one that leaked. */
export const API_TOKEN_PREFIX = 'vgl_';

/**
 * A new token: the secret (`vgl_` + 32 random bytes, base64url: shown once, never stored), its public
 * id and the SHA-256 the store keeps. A plain hash is enough because the secret is 256 random bits:
 * there is no dictionary to try, unlike a password.
 *
 * @example
 * const t = newApiToken(); // { secret: 'vgl_3q2-…', id: 'tok_9f86d081884c', hash: '…64 hex…' }
 */
export const newApiToken = (): { secret: string; id: string; hash: string } => {
  const secret = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, id: `tok_${randomBytes(6).toString('hex')}`, hash: apiTokenHash(secret) };
};

/** @example apiTokenHash('vgl_abc').length; // 64 */
export const apiTokenHash = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** Whether a bearer looks like a Vigil API token (else it may be an OIDC JWT). @example isApiTokenShaped('vgl_x'); // true */
export const isApiTokenShaped = (bearer: string): boolean => bearer.startsWith(API_TOKEN_PREFIX);
