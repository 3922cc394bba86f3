// Backends for the escalation ports' contract tests: SQLite (temp file), PostgreSQL (a schema per
// test; VIGIL_TEST_PG_URL, default the local server; with CI=true an unreachable server fails), and
// the in-memory fakes. Each gives a raw Kysely session so ports can be tested on their own.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrateDatabase } from '../store/migrations/migrate-database.js';
import type { EscalationSession } from '../store/kysely/escalation-session.js';
import { postgresDialect } from '../store/postgres/postgres-dialect.js';
import { sqliteDialect } from '../store/sqlite/sqlite-dialect.js';

export const PG_URL = process.env['VIGIL_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A migrated database and a way to open more sessions (connections) on it. */
export interface SqlFixture {
  kind: 'sqlite' | 'postgres';
  /** A session on its own connection pool: two of them are two processes. */
  session(): EscalationSession;
  cleanup(): Promise<void>;
}

/** An escalation session over one Kysely handle: writes run in one transaction on one connection. */
export const sessionOf = (db: Kysely<any>, dialect: EscalationSession['dialect']): EscalationSession & { destroy(): Promise<void> } => ({
  db,
  dialect,
  write: (fn) =>
    db.connection().execute(async (conn) => {
      await sql.raw(dialect.begin).execute(conn);
      try {
        const r = await fn(conn);
        await sql`commit`.execute(conn);
        return r;
      } catch (err) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw err;
      }
    }),
  destroy: () => db.destroy(),
});

/** An escalation session on its own connection to a (migrated) SQLite file, as another process would open it. */
export const sqliteFileSession = (file: string): ReturnType<typeof sessionOf> => {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 10000');
  return sessionOf(new Kysely({ dialect: new SqliteDialect({ database }) }), sqliteDialect);
};

export const sqliteFixture = async (): Promise<SqlFixture> => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-esc-'));
  const file = join(dir, 'vigil.db');
  const open: ReturnType<typeof sessionOf>[] = [];
  const session = () => {
    const s = sqliteFileSession(file);
    open.push(s);
    return s;
  };
  await migrateDatabase(session().db, sqliteDialect);
  return {
    kind: 'sqlite',
    session,
    cleanup: async () => {
      for (const s of open) await s.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export const pgUnreachable = async (): Promise<string | null> => {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 10_000 });
  try {
    await c.connect();
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await c.end().catch(() => undefined);
  }
};

export const postgresFixture = async (): Promise<SqlFixture> => {
  const schema = `vigil_esc_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const dialect = postgresDialect(schema);
  const open: ReturnType<typeof sessionOf>[] = [];
  const session = () => {
    const pool = new pg.Pool({ connectionString: PG_URL, max: 4, options: `-c search_path=${schema}` });
    pool.on('error', () => undefined);
    const s = sessionOf(new Kysely({ dialect: new PostgresDialect({ pool }) }), dialect);
    open.push(s);
    return s;
  };
  await migrateDatabase(session().db, dialect);
  return {
    kind: 'postgres',
    session,
    cleanup: async () => {
      for (const s of open) await s.destroy();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
};

/** How to run a PostgreSQL suite here: null to run it, or the reason to skip (throws under CI=true). */
export const postgresSkip = async (): Promise<string | false> => {
  const why = await pgUnreachable();
  if (!why) return false;
  if (process.env['CI'] === 'true') throw new Error(`PostgreSQL at ${PG_URL} is unreachable (${why}); CI requires it`);
  return `PostgreSQL at ${PG_URL} is unreachable (${why}); start it or set VIGIL_TEST_PG_URL to run these tests`;
};
