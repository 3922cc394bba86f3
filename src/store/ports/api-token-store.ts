import type { ApiRole } from '../../auth/api-role.js';

/**
 * An API token as stored: never the secret, only its SHA-256 (hex). `name` is the label given at
 * creation and the actor the trail records for the token's requests (`user:<name>`).
 */
export interface ApiTokenRecord {
  /** Public id (`tok_…`), shown by `vigil api-token list` and recorded on the trail. */
  id: string;
  name: string;
  role: ApiRole;
  /** SHA-256 of the secret, hex: the secret is random (32 bytes), so a plain hash cannot be reversed. */
  hash: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * API tokens (`vigil api-token create|list|revoke`), looked up by hash when a bearer arrives.
 *
 * @example
 * await store.apiTokens.create({ id: 'tok_1a2b', name: 'ci', role: 'viewer', hash, createdAt: now, createdBy: 'cli:alice', expiresAt: null, lastUsedAt: null, revokedAt: null });
 * (await store.apiTokens.byHash(hash))?.name; // 'ci'
 */
export interface ApiTokenStore {
  /** Adds a token; a second token with the same id or hash is refused (`store.conflict`). */
  create(token: ApiTokenRecord): Promise<void>;
  /** The token whose secret hashes to `hash` — revoked and expired ones too: the caller says why it refuses. */
  byHash(hash: string): Promise<ApiTokenRecord | undefined>;
  /** Every token, oldest first. */
  list(): Promise<ApiTokenRecord[]>;
  /** Marks the token revoked at `at`; the token as it is now, undefined when there is no such id. A revoked token stays revoked (its first revocation time is kept). */
  revoke(id: string, at: string): Promise<ApiTokenRecord | undefined>;
  /** Records that the token was used at `at` (for `list`; not on the audit trail). */
  touch(id: string, at: string): Promise<void>;
}
