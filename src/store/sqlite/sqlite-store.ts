import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { VigilDatabase } from '../database-schema.js';
import { KyselyStore } from '../kysely/kysely-store.js';
import { checkpointInBackground } from './background-checkpoints.js';
import { preparedEach, preparedRows, sqliteDialect } from './sqlite-dialect.js';

export interface SqliteStoreConfig {
  /** A file path, or `:memory:` for a private in-memory database. */
  readonly file: string;
  /** How long a writer waits for another process's write lock before failing (ms). */
  readonly busyTimeoutMs?: number;
}

/**
 * The embedded store: one SQLite file in WAL mode, the laptop default.
 *
 * @example
 * const store = openSqliteStore({ file: './.vigil/vigil.db' });
 * await store.migrate();
 */
export const openSqliteStore = (config: SqliteStoreConfig): KyselyStore => {
  const cfg = Object.freeze({ busyTimeoutMs: 5_000, ...config });
  if (cfg.file !== ':memory:' && cfg.file !== '') mkdirSync(dirname(cfg.file), { recursive: true });
  const database = new Database(cfg.file, { timeout: Math.max(0, Math.trunc(cfg.busyTimeoutMs)) });
  walMode(database, cfg.busyTimeoutMs);
  // NORMAL in WAL mode loses at most the last transactions on power loss, never consistency.
  database.pragma('synchronous = NORMAL');
  database.pragma(`busy_timeout = ${Math.max(0, Math.trunc(cfg.busyTimeoutMs))}`);
  database.pragma('foreign_keys = ON');
  // A scan rewrites up to millions of rows: a page cache that holds the indexes of a million resources
  // (an upper bound, used only as the database grows) made a 1M-resource scan 2.5x faster than 64 MiB,
  // and checkpointing every 40 MiB of WAL instead of every 4 MiB pays the fsync ten times less often.
  database.pragma('cache_size = -262144');
  database.pragma('wal_autocheckpoint = 10000');
  database.pragma('journal_size_limit = 67108864');
  // A file's WAL is copied into it on a thread of its own (see checkpointInBackground), not in a commit.
  const checkpoints = cfg.file === ':memory:' || cfg.file === '' ? null : checkpointInBackground(cfg.file, cfg.busyTimeoutMs);
  const db = new Kysely<VigilDatabase>({ dialect: new SqliteDialect({ database: reusingStatements(database, () => checkpoints?.stop()) }) });
  return new KyselyStore(db, Object.freeze({ ...sqliteDialect, runPreparedEach: preparedEach(database), readPrepared: preparedRows(database) }));
};

/**
 * Switches a database to WAL, waiting for other processes that open the same new file at the same
 * moment: SQLite does not call the busy handler for this switch, so it answers SQLITE_BUSY at once
 * (seen when `vigil scan` and the daemon start together on a fresh file).
 */
const walMode = (database: Database.Database, timeoutMs: number): void => {
  const until = performance.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    try {
      database.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || performance.now() > until) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    }
  }
};

/**
 * The database as Kysely sees it, preparing each SQL text once: Kysely prepares on every query, and
 * preparing cost as much as running for the small statements of the enforcers and the manager
 * (a CPU profile of the enforcement bench). A statement still being iterated (a stream) is not
 * handed out again: that caller gets a fresh one. `onClose` runs before the connection closes.
 */
const reusingStatements = (database: Database.Database, onClose: () => void): Pick<Database.Database, 'prepare' | 'close'> => {
  const prepared = new Map<string, Database.Statement>();
  return {
    close: () => {
      onClose();
      database.close();
    },
    prepare: ((sql: string) => {
      const cached = prepared.get(sql);
      if (cached && !cached.busy) return cached;
      const stmt = database.prepare(sql);
      if (prepared.size >= 512) prepared.delete(prepared.keys().next().value as string);
      prepared.set(sql, stmt);
      return stmt;
    }) as Database.Database['prepare'],
  } as Pick<Database.Database, 'prepare' | 'close'>;
};
