import type { Kysely } from 'kysely';
import type { StoreDialect } from '../store-dialect.js';

/**
 * One versioned schema change. Migrations are applied in `name` order, each once, and are never edited
 * after release: a change to the schema is a new file plus one line in `all-migrations.ts`.
 *
 * @example
 * export const addIndex: Migration = {
 *   name: '0002-violations-by-owner',
 *   up: (db) => db.schema.createIndex('violations_owner').on('violations').column('owner').execute(),
 * };
 */
export interface Migration {
  readonly name: string;
  up(db: Kysely<any>, dialect: StoreDialect): Promise<void>;
}
