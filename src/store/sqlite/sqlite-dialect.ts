import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import type { StoreDialect } from '../store-dialect.js';

/**
 * What SQLite needs differently from PostgreSQL; see StoreDialect.
 * @example const store = new KyselyStore(db, { ...sqliteDialect, runPreparedEach: preparedEach(database) });
 */
export const sqliteDialect: StoreDialect = Object.freeze({
  kind: 'sqlite',
  begin: 'begin immediate',
  types: Object.freeze({ text: sql`text`, json: sql`text`, bigint: sql`integer` }),
  // SQLITE_MAX_VARIABLE_NUMBER is 32766 since SQLite 3.32.
  maxParams: 32_000,
  // BEGIN IMMEDIATE already holds the database's only write lock.
  lockForMigration: async () => undefined,
  isConflict: (err: unknown) => {
    const code = (err as { code?: unknown } | null)?.code;
    return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
  },
});

/**
 * SQLite's `runPreparedEach` (see StoreDialect) over one better-sqlite3 connection: the store has only
 * that one, so statements prepared here run inside whatever transaction Kysely opened on it.
 *
 * @example
 * const dialect = { ...sqliteDialect, runPreparedEach: preparedEach(database) };
 */
export const preparedEach = (database: Database.Database): NonNullable<StoreDialect['runPreparedEach']> => {
  const prepared = new Map<string, Database.Statement>();
  return (text, rows) => {
    let stmt = prepared.get(text);
    if (!stmt) {
      if (prepared.size >= 32) prepared.clear();
      stmt = database.prepare(text);
      prepared.set(text, stmt);
    }
    let changes = 0;
    for (const r of rows) changes += stmt.run(r as unknown[]).changes;
    return { changes };
  };
};

/**
 * SQLite's `readPrepared` (see StoreDialect) over the store's one connection: each text prepared once,
 * in raw (array) mode.
 *
 * @example
 * const rows = preparedRows(database)('select seq, hash from audit_events where seq > ? limit ?', [0, 10]);
 */
export const preparedRows = (database: Database.Database): NonNullable<StoreDialect['readPrepared']> => {
  const prepared = new Map<string, Database.Statement>();
  return (text, params) => {
    let stmt = prepared.get(text);
    if (!stmt) {
      if (prepared.size >= 32) prepared.clear();
      stmt = database.prepare(text).raw(true);
      prepared.set(text, stmt);
    }
    return stmt.all(...params) as unknown[][];
  };
};
