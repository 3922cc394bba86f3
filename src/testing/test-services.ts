import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrateDatabase } from '../store/migrations/migrate-database.js';
import { postgresDialect } from '../store/postgres/postgres-store.js';
import { sqliteDialect } from '../store/sqlite/sqlite-store.js';
import type { StoreDialect } from '../store/store-dialect.js';

export const PG_URL = process.env['VIGIL_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const NATS_URL = process.env['VIGIL_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** Why a TCP service is unreachable, or null when it answers. */
export const tcpProblem = async (url: string, timeoutMs = 3_000): Promise<string | null> => {
  const { hostname, port } = new URL(url);
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const s = connect({ host: hostname, port: Number(port) });
    const done = (p: string | null) => {
      s.destroy();
      resolve(p);
    };
    s.setTimeout(timeoutMs, () => done(`no answer from ${hostname}:${port} in ${timeoutMs} ms`));
    s.once('connect', () => done(null));
    s.once('error', (e) => done(e.message));
  });
};

/**
 * Runs `suite` when the service answers; otherwise FAILS under CI=true and skips (saying how to
 * enable it) elsewhere — the rule every test needing PostgreSQL, NATS or moto follows.
 */
export const describeWithService = (name: string, problem: string | null, how: string, suite: () => void): void => {
  if (problem === null) describe(name, suite);
  else if (process.env['CI'] === 'true') test(name, () => assert.fail(`${name}: required in CI but unavailable: ${problem}`));
  else describe(name, { skip: `${problem}; ${how}` }, () => undefined);
};

export interface TestDatabase {
  readonly db: Kysely<any>;
  readonly dialect: StoreDialect;
  close(): Promise<void>;
}

/** A migrated private SQLite database (in memory, or a file other processes can open). */
export const openTestSqlite = async (file = ':memory:'): Promise<TestDatabase> => {
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 10000');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
  await migrateDatabase(db, sqliteDialect);
  return { db, dialect: sqliteDialect, close: () => db.destroy() };
};

/** A migrated PostgreSQL schema of its own, dropped on close. */
export const openTestPostgres = async (schema = `vigil_bustest_${randomUUID().replaceAll('-', '').slice(0, 12)}`): Promise<TestDatabase & { schema: string }> => {
  const pool = new pg.Pool({ connectionString: PG_URL, max: 4, options: `-c search_path=${schema}` });
  pool.on('error', () => undefined);
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  const dialect = postgresDialect(schema);
  await migrateDatabase(db, dialect);
  return {
    db,
    dialect,
    schema,
    close: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
};

/** A TCP port nobody listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
