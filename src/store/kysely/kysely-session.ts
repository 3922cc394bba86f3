import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import { VigilError } from '../../common/vigil-error.js';
import type { VigilDatabase } from '../database-schema.js';
import type { StoreDialect } from '../store-dialect.js';
import { writeConflict } from '../store-errors.js';
import type { StatementCache } from './statement-cache.js';
import { chunk } from './store-filters.js';

export type Db = Kysely<VigilDatabase>;

/**
 * What every Kysely port shares: the database handle, the dialect, the statement cache, and how a
 * multi-statement write is made atomic. On the pool (`KyselyStore`'s own ports) `write` opens a
 * transaction per call; inside `store.transaction()` the ports get a session bound to that
 * transaction's connection, whose `write` just runs.
 *
 * @example
 * // Inside a transaction on `conn`: writes join it instead of opening their own.
 * const violations = new KyselyViolationStore(new KyselySession(conn, dialect, statements, (fn) => fn(conn)));
 */
export class KyselySession {
  constructor(
    readonly db: Db,
    readonly dialect: StoreDialect,
    readonly statements: StatementCache,
    private readonly atomic: <T>(fn: (db: Db) => Promise<T>) => Promise<T>,
  ) {}

  /** Runs a write atomically; a dialect's "someone got there first" error becomes `store.conflict`. */
  async write<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    try {
      return await this.atomic(fn);
    } catch (err) {
      throw toStoreError(err, this.dialect);
    }
  }

  /**
   * Inserts rows (all with the same keys in the same order): one prepared single-row statement per
   * row where the dialect runs them in-process, else many-row statements within the bind limit.
   */
  async insertRows<T extends 'violations' | 'audit_events'>(db: Db, table: T, rows: Insertable<VigilDatabase[T]>[], columns: number): Promise<void> {
    const first = rows[0];
    if (!first) return;
    if (this.dialect.runPreparedEach) {
      const keys = Object.keys(first) as (keyof typeof first)[];
      const text = this.statements.get(`insert-one:${table}:${keys.join(',')}`, () => {
        const compiled = db.insertInto(table).values(first as never).compile();
        if (compiled.parameters.length !== keys.length || compiled.parameters.some((p, i) => p !== first[keys[i] as keyof typeof first])) {
          throw new Error(`insert into ${table}: compiled parameters are not the row's values in key order`);
        }
        return compiled.sql;
      });
      this.dialect.runPreparedEach(text, rows.map((r) => keys.map((k) => r[k])));
      return;
    }
    for (const part of chunk(rows, Math.floor(this.dialect.maxParams / columns))) await db.insertInto(table).values(part as never).execute();
  }

  /** Runs a cached many-row statement and returns the rows it changed. */
  async run(db: Db, text: string, params: readonly unknown[]): Promise<number> {
    const res = await db.executeQuery(CompiledQuery.raw(text, [...params]));
    return Number(res.numAffectedRows ?? 0);
  }
}

export const toStoreError = (err: unknown, dialect: StoreDialect): unknown => {
  if (err instanceof VigilError || !dialect.isConflict(err)) return err;
  return writeConflict((err as Error).message, err);
};

/** Keys of a bulk IN (…) list per statement: far below both engines' bind-parameter limits. */
export const IN_CHUNK = 1_000;
