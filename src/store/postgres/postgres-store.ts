import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { UsageError } from '../../common/vigil-error.js';
import type { VigilDatabase } from '../database-schema.js';
import { KyselyStore } from '../kysely/kysely-store.js';
import { postgresDialect } from './postgres-dialect.js';

export interface PostgresStoreConfig {
  /** `postgres://user@host:5432/db` */
  readonly connectionString: string;
  /** Tables live in this schema (created by migrate()); default `public`. One per test, one per tenant. */
  readonly schema?: string;
  /** Pool size per process. */
  readonly maxConnections?: number;
  /** Shown in pg_stat_activity, so operators can tell which component holds a connection; default `vigil`. */
  readonly applicationName?: string;
}

// Lower case only: search_path and `create schema` must name the same schema without quoting rules in between.
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

// int8 (bigint: audit seq, count(*)) arrives as text by default; every such value Vigil stores fits a double.
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * The scale-out store: PostgreSQL through a pg Pool, same queries as SQLite.
 *
 * @example
 * const store = openPostgresStore({ connectionString: 'postgres://postgres@127.0.0.1:5432/vigil', schema: 'vigil' });
 * await store.migrate();
 */
export const openPostgresStore = (config: PostgresStoreConfig): KyselyStore => {
  const cfg = Object.freeze({ schema: 'public', maxConnections: 10, applicationName: 'vigil', ...config });
  if (!IDENTIFIER.test(cfg.schema)) {
    throw new UsageError(`store schema "${cfg.schema}" must be a plain lower-case identifier (a-z, 0-9, _; at most 63 characters)`, { field: 'schema' });
  }
  const pool = new pg.Pool({
    connectionString: cfg.connectionString,
    max: cfg.maxConnections,
    application_name: cfg.applicationName,
    // Every connection resolves unqualified table names in the configured schema only.
    options: `-c search_path=${cfg.schema}`,
    types: pgTypes,
  });
  // An idle connection dropped by the server (restart, failover) is an 'error' event that would kill
  // the process if unheard; the pool discards that client and the next query opens a new one.
  pool.on('error', () => undefined);
  const db = new Kysely<VigilDatabase>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStore(db, postgresDialect(cfg.schema));
};
