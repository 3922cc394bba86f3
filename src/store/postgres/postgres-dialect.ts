import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../store-dialect.js';

/**
 * What PostgreSQL needs differently from SQLite; see StoreDialect.
 * @example const store = new KyselyStore(db, postgresDialect('vigil'));
 */
export const postgresDialect = (schema: string): StoreDialect =>
  Object.freeze({
    kind: 'postgres',
    begin: 'begin',
    // "C" so text (ISO timestamps, ARNs) sorts byte-wise exactly as in SQLite, whatever the database locale.
    types: Object.freeze({ text: sql`text collate "C"`, json: sql`jsonb`, bigint: sql`bigint` }),
    maxParams: 65_000,
    async lockForMigration(db: Kysely<any>) {
      // Held until the migration transaction ends; a second process waits here, then finds nothing to do.
      await sql`select pg_advisory_xact_lock(hashtext(${`vigil.migrate:${schema}`}))`.execute(db);
      await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    },
    isConflict: (err: unknown) => {
      const code = (err as { code?: unknown } | null)?.code;
      // unique_violation, serialization_failure, deadlock_detected
      return code === '23505' || code === '40001' || code === '40P01';
    },
  });
