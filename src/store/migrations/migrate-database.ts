import { sql, type Kysely } from 'kysely';
import { VigilError } from '../../common/vigil-error.js';
import type { StoreDialect } from '../store-dialect.js';
import { ALL_MIGRATIONS } from './all-migrations.js';
import type { Migration } from './migration.js';

/**
 * Applies every pending migration in one transaction under the dialect's migration lock, so several
 * processes starting at once apply each migration exactly once and none sees a half-built schema.
 *
 * @example
 * await migrateDatabase(db, sqliteDialect); // → ['0001-initial-schema'] the first time, [] after
 * @returns the names applied by this call.
 */
export const migrateDatabase = async (
  db: Kysely<any>,
  dialect: StoreDialect,
  migrations: readonly Migration[] = ALL_MIGRATIONS,
): Promise<string[]> =>
  db.connection().execute(async (conn) => {
    await sql.raw(dialect.begin).execute(conn);
    try {
      await dialect.lockForMigration(conn);
      await conn.schema
        .createTable('vigil_migrations')
        .ifNotExists()
        .addColumn('name', dialect.types.text, (c) => c.primaryKey())
        .addColumn('applied_at', dialect.types.text, (c) => c.notNull())
        .execute();
      const applied = new Set((await conn.selectFrom('vigil_migrations').select('name').execute()).map((r) => String(r.name)));
      const known = new Set(migrations.map((m) => m.name));
      const unknown = [...applied].filter((n) => !known.has(n));
      if (unknown.length > 0) {
        // A newer Vigil migrated this database; running older code on it could corrupt it.
        throw new VigilError('store.schema-too-new', `the database has migrations this version of Vigil does not know: ${unknown.join(', ')}; upgrade Vigil`, {
          status: 500,
          details: { unknown },
        });
      }
      const done: string[] = [];
      for (const m of [...migrations].sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (applied.has(m.name)) continue;
        await m.up(conn, dialect);
        await conn
          .insertInto('vigil_migrations')
          .values({ name: m.name, applied_at: sql`CAST(CURRENT_TIMESTAMP AS TEXT)` })
          .execute();
        done.push(m.name);
      }
      await sql`commit`.execute(conn);
      return done;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
