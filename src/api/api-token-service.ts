import type { Clock } from '../common/clock.js';
import { UsageError, VigilError } from '../common/vigil-error.js';
import type { ApiTokenRecord } from '../store/ports/api-token-store.js';
import type { StorePorts } from '../store/store.js';
import type { ApiRole } from '../auth/api-role.js';
import { newApiToken } from '../auth/api-token.js';

export interface ApiTokenStoreLike {
  apiTokens: Pick<StorePorts['apiTokens'], 'list'>;
  transaction<T>(fn: (tx: Pick<StorePorts, 'apiTokens' | 'audit'>) => Promise<T>): Promise<T>;
}

/** A token as `list` shows it: everything but the hash (which is no use to a person). */
export type ApiTokenView = Omit<ApiTokenRecord, 'hash'>;

/**
 * `vigil api-token create|list|revoke`: creates a token (the secret returned once, only its hash
 * stored) and revokes one, each with its audit event (`api-token.created`, `api-token.revoked`:
 * id, name, role, expiry, never the secret) in the same transaction.
 *
 * @example
 * const { secret, token } = await tokens.create({ name: 'ci-reader', role: 'viewer', expiresInMs: 90 * 86_400_000 }, 'cli:alice');
 * await tokens.revoke(token.id, 'cli:alice');
 */
export class ApiTokenService {
  constructor(private readonly deps: { store: ApiTokenStoreLike; clock: Clock }) {}

  async create(req: { name: string; role: ApiRole; expiresInMs: number | null }, actor: string): Promise<{ secret: string; token: ApiTokenView }> {
    const name = req.name.trim();
    // The name is the actor on the trail (`user:<name>`): printable, short, no spaces to confuse a reader.
    if (!/^[\w.@+-]{1,100}$/.test(name)) throw new UsageError(`--name "${req.name}": use 1–100 letters, digits and . _ @ + - (it is the actor the audit trail records, e.g. alice@example.com or ci-reader)`, { field: 'name' });
    const now = this.deps.clock.now();
    const { secret, id, hash } = newApiToken();
    const token: ApiTokenRecord = {
      id, name, role: req.role, hash, createdAt: now.toISOString(), createdBy: actor,
      expiresAt: req.expiresInMs === null ? null : new Date(now.getTime() + req.expiresInMs).toISOString(), lastUsedAt: null, revokedAt: null,
    };
    await this.deps.store.transaction(async (tx) => {
      await tx.apiTokens.create(token);
      await tx.audit.append([{ type: 'api-token.created', subjectKind: 'system', subjectId: id, actor, at: token.createdAt, data: { tokenId: id, name, role: token.role, expiresAt: token.expiresAt } }]);
    });
    return { secret, token: view(token) };
  }

  async list(): Promise<ApiTokenView[]> {
    return (await this.deps.store.apiTokens.list()).map(view);
  }

  /** @throws VigilError `api-token.not-found` (404) for an unknown id; revoking a revoked token changes nothing and records nothing. */
  async revoke(id: string, actor: string): Promise<ApiTokenView> {
    const at = this.deps.clock.now().toISOString();
    return this.deps.store.transaction(async (tx) => {
      const wasRevoked = (await tx.apiTokens.list()).find((x) => x.id === id)?.revokedAt;
      const t = await tx.apiTokens.revoke(id, at);
      if (!t) throw new VigilError('api-token.not-found', `no API token ${id} (see \`vigil api-token list\`)`, { status: 404, details: { id } });
      if (!wasRevoked) await tx.audit.append([{ type: 'api-token.revoked', subjectKind: 'system', subjectId: id, actor, at, data: { tokenId: id, name: t.name, role: t.role } }]);
      return view(t);
    });
  }
}

const view = ({ hash: _hash, ...rest }: ApiTokenRecord): ApiTokenView => rest;
