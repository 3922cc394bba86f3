import type { Expression, Kysely } from 'kysely';

/**
 * What differs between the SQLite and PostgreSQL adapters. Everything else — every query — is shared
 * in `kysely/`, so the two backends cannot drift apart in behaviour.
 *
 * @example
 * const store = new KyselyStore(db, sqliteDialect);
 */
export interface StoreDialect {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Opens a write transaction. SQLite needs `begin immediate`: a deferred transaction that reads
   * first and writes later can fail with SQLITE_BUSY when another process writes in between.
   */
  readonly begin: string;
  /** Column types used by migrations. */
  readonly types: {
    /** Text that compares and sorts byte-wise in both engines (ISO timestamps, ids, ARNs). */
    text: Expression<unknown>;
    json: Expression<unknown>;
    bigint: Expression<unknown>;
  };
  /** Bind parameters one statement may carry; batches are cut to stay under it. */
  readonly maxParams: number;
  /**
   * Inside a migration transaction, waits until no other process is migrating the same database,
   * then prepares the namespace (PostgreSQL: the configured schema).
   */
  lockForMigration(db: Kysely<any>): Promise<void>;
  /** True for errors that mean "another writer got there first": unique keys, deadlocks, serialisation. */
  isConflict(err: unknown): boolean;
  /**
   * Optional fast path for the hot bulk writes (resource upserts, violation inserts and updates,
   * audit events): runs one prepared single-row statement once per row. In-process SQLite does a prepared
   * single-row statement per row faster than one many-row statement (no giant bind list, no
   * statement re-planning): measured 0.9 vs 1.3 s of CPU per 100,000 resource upserts.
   */
  runPreparedEach?(text: string, rows: readonly (readonly unknown[])[]): { changes: number };
  /**
   * Optional fast path for the hot bulk read (`vigil audit verify`'s chain pages): one prepared
   * statement's rows as arrays, in its column order, with no row objects (measured on 1M audit
   * events: 2.7 s of CPU to read and hash them, 3.7 s through row objects).
   */
  readPrepared?(text: string, params: readonly unknown[]): unknown[][];
}
