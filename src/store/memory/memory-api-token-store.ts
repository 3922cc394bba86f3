import { writeConflict } from '../store-errors.js';
import type { ApiTokenRecord, ApiTokenStore } from '../ports/api-token-store.js';
import { compareText, type MemorySession } from './memory-tables.js';

/** API tokens in memory: the same rules as the SQL stores (unique id and hash, first revocation kept). */
export class MemoryApiTokenStore implements ApiTokenStore {
  constructor(private readonly s: MemorySession) {}

  async create(t: ApiTokenRecord): Promise<void> {
    await this.s.write((tables) => {
      if (tables.apiTokens.has(t.id) || [...tables.apiTokens.values()].some((x) => x.hash === t.hash)) throw writeConflict(`api token ${t.id} exists`);
      tables.apiTokens.set(t.id, { ...t });
    });
  }

  async byHash(hash: string): Promise<ApiTokenRecord | undefined> {
    const t = [...this.s.read().apiTokens.values()].find((x) => x.hash === hash);
    return t && { ...t };
  }

  async list(): Promise<ApiTokenRecord[]> {
    return [...this.s.read().apiTokens.values()].sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id)).map((t) => ({ ...t }));
  }

  async revoke(id: string, at: string): Promise<ApiTokenRecord | undefined> {
    return this.s.write((tables) => {
      const t = tables.apiTokens.get(id);
      if (!t) return undefined;
      const next = t.revokedAt ? t : { ...t, revokedAt: at };
      tables.apiTokens.set(id, next);
      return { ...next };
    });
  }

  async touch(id: string, at: string): Promise<void> {
    await this.s.write((tables) => {
      const t = tables.apiTokens.get(id);
      if (t) tables.apiTokens.set(id, { ...t, lastUsedAt: at });
    });
  }
}
