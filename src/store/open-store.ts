import { statSync } from 'node:fs';
import { UsageError, VigilError } from '../common/vigil-error.js';
import { storeOpenError } from './store-open-error.js';
import { DEFAULT_CONFIG } from '../config/vigil-config.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export interface OpenStoreOptions {
  /**
   * Where the data lives: a file path or `:memory:` (SQLite; `sqlite:` prefix optional), or
   * `postgres://…` / `postgresql://…` (a `?schema=` parameter selects the schema). Default `./.vigil/vigil.db`.
   */
  readonly url?: string;
  /** PostgreSQL schema; overrides `?schema=` in the url. */
  readonly schema?: string;
  /** Apply pending migrations before returning (default true). */
  readonly migrate?: boolean;
  readonly maxConnections?: number;
}

/** The store when nothing names one: the configuration's own default (one home for it). */
export const DEFAULT_STORE_URL = DEFAULT_CONFIG.store.url;

/**
 * Opens the store the configuration names, migrated and ready.
 *
 * @example
 * const store = await openStore({ url: 'postgres://postgres@127.0.0.1:5432/vigil?schema=prod' });
 * store.kind; // 'postgres'
 */
export const openStore = async (opts: OpenStoreOptions = {}): Promise<Store> => {
  const url = (opts.url ?? DEFAULT_STORE_URL).trim();
  if (url === '') throw new UsageError('store url is empty: give a file path, ":memory:" or a postgres:// url', { field: 'store.url' });
  const postgres = /^postgres(ql)?:\/\//i.test(url);
  let store: Store;
  try {
    store = postgres ? openPostgres(url, opts) : openSqliteStore({ file: sqliteFile(url) });
  } catch (err) {
    throw err instanceof UsageError ? err : storeOpenError(err, url);
  }
  if (opts.migrate !== false) {
    try {
      await store.migrate();
    } catch (err) {
      await store.close().catch(() => undefined);
      // A store that opened but cannot be read or migrated: a directory, a non-database file, a server that refuses.
      throw err instanceof VigilError ? err : storeOpenError(err, url);
    }
  }
  return store;
};

const openPostgres = (url: string, opts: OpenStoreOptions): Store => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`store url is not a valid URL: ${redact(url)}`, { field: 'store.url' });
  }
  const fromUrl = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  const schema = opts.schema ?? fromUrl;
  return openPostgresStore({
    connectionString: parsed.toString(),
    ...(schema ? { schema } : {}),
    ...(opts.maxConnections ? { maxConnections: opts.maxConnections } : {}),
  });
};

/** The SQLite file a URL names; a directory is refused before SQLite says only "unable to open". */
const sqliteFile = (url: string): string => {
  const file = url.replace(/^sqlite:(\/\/)?/i, '');
  if (file !== ':memory:' && statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    throw Object.assign(new Error(`${file} is a directory`), { code: 'EISDIR' });
  }
  return file;
};

/** Error messages never echo a password. */
const redact = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
