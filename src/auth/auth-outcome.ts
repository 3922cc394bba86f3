/** What an authenticator saw: a login that succeeded or failed, a logout, an API token used. */
export type AuthOutcome =
  | { event: 'login.succeeded'; user: string; method: AuthMethod; tokenId?: string }
  | { event: 'login.failed'; method: AuthMethod; reason: AuthFailure }
  | { event: 'logout'; user: string }
  | { event: 'token.used'; user: string; tokenId: string };

export type AuthMethod = 'password' | 'oidc' | 'saml' | 'token' | 'proxy';
/** Why a login failed, from a fixed list: free text could carry what was typed. */
export type AuthFailure = 'unknown-user' | 'bad-credentials' | 'locked' | 'expired' | 'revoked' | 'mfa-failed' | 'denied';
