import { isApiRole } from '../../auth/api-role.js';
import type { ApiTokensTable } from '../database-schema.js';
import type { ApiTokenRecord, ApiTokenStore } from '../ports/api-token-store.js';
import type { KyselySession } from './kysely-session.js';

/**
 * API tokens over SQLite or PostgreSQL: the unique `hash` column finds a bearer's row in one index
 * lookup; revocation keeps the first revocation time (`coalesce`).
 *
 * @example (await new KyselyApiTokenStore(session).byHash(sha256hex))?.role; // 'viewer'
 */
export class KyselyApiTokenStore implements ApiTokenStore {
  constructor(private readonly s: KyselySession) {}

  async create(t: ApiTokenRecord): Promise<void> {
    await this.s.write((db) =>
      db
        .insertInto('api_tokens')
        .values({ id: t.id, name: t.name, role: t.role, hash: t.hash, created_at: t.createdAt, created_by: t.createdBy, expires_at: t.expiresAt, last_used_at: t.lastUsedAt, revoked_at: t.revokedAt })
        .execute(),
    );
  }

  async byHash(hash: string): Promise<ApiTokenRecord | undefined> {
    const row = await this.s.db.selectFrom('api_tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
    return row && toRecord(row);
  }

  async list(): Promise<ApiTokenRecord[]> {
    return (await this.s.db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id').execute()).map(toRecord);
  }

  async revoke(id: string, at: string): Promise<ApiTokenRecord | undefined> {
    return this.s.write(async (db) => {
      await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).execute();
      const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    });
  }

  async touch(id: string, at: string): Promise<void> {
    await this.s.write((db) => db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute());
  }
}

const toRecord = (r: ApiTokensTable): ApiTokenRecord => {
  // A role the code no longer knows reads as the weakest, never as a stronger one.
  const role = isApiRole(r.role) ? r.role : 'viewer';
  return { id: r.id, name: r.name, role, hash: r.hash, createdAt: r.created_at, createdBy: r.created_by, expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at };
};
