import { sql, type ExpressionBuilder, type Insertable, type Kysely, type OnConflictDatabase, type OnConflictTables } from 'kysely';
import type { ResourcesTable, VigilDatabase, ViolationsTable } from '../database-schema.js';
import type { fromViolation } from './row-mappers.js';
import type { StoreDialect } from '../store-dialect.js';

/**
 * The two statements a scan runs thousands of times, compiled once per batch size (StatementCache) and
 * then run with fresh parameters: the rows flattened in the column order below. Each compile checks
 * that order against Kysely's own parameter list, so a Kysely change cannot silently shift columns.
 *
 * @example
 * const text = compileUpsertResources(db, rows); // rows: unknown[][] in RESOURCE_COLUMNS order
 * await db.executeQuery(CompiledQuery.raw(text, rows.flat()));
 */
type Db = Kysely<VigilDatabase>;

export type ViolationRow = ReturnType<typeof fromViolation>;

export const VIOLATION_COLUMNS = [
  'id', 'policy_id', 'resource_arn', 'resource_type', 'account_id', 'region', 'owner', 'severity', 'state', 'reminders_sent',
  'evidence', 'first_seen_at', 'last_seen_at', 'state_changed_at', 'next_action_at', 'resolved_at', 'resolution', 'last_scan_id', 'version',
] as const satisfies readonly (keyof ViolationsTable)[];

/** The batch update as SQL text whose parameters are the rows flattened in VIOLATION_COLUMNS order. */
export const compileUpdateViolations = (db: Db, dialect: StoreDialect, rows: ViolationRow[], params: unknown[]): string => {
  const cast = (c: (typeof VIOLATION_COLUMNS)[number], v: unknown) =>
    c === 'reminders_sent' || c === 'version' ? sql`cast(${v} as integer)` : c === 'evidence' ? sql`cast(${v} as ${dialect.types.json})` : sql`${v}`;
  const tuples = rows.map((r) => sql`(${sql.join(VIOLATION_COLUMNS.map((c) => cast(c, r[c])))})`);
  // VALUES columns are column1…columnN in both engines (SQLite cannot rename them).
  const col = (c: (typeof VIOLATION_COLUMNS)[number]) => sql.ref(`n.column${VIOLATION_COLUMNS.indexOf(c) + 1}`);
  const sets = VIOLATION_COLUMNS.filter((c) => c !== 'id').map((c) => sql`${sql.id(c)} = ${col(c)}`);
  const compiled = sql`update violations set ${sql.join(sets)} from (values ${sql.join(tuples)}) as n
    where violations.id = ${col('id')} and violations.version = ${col('version')} - 1`.compile(db);
  if (compiled.parameters.length !== params.length || compiled.parameters.some((p, i) => p !== params[i])) {
    throw new Error('updateViolations: compiled parameters are not the rows in column order');
  }
  return compiled.sql;
};

/** `update violations … where id = ?` moving lastSeenAt and lastScanId and bumping the version; parameters: at, scanId, id. */
export const compileMarkSeen = (db: Db, ids: [string]): string => {
  const compiled = db
    .updateTable('violations')
    .set({ last_seen_at: '', last_scan_id: '', version: sql<number>`version + 1` })
    .where('id', '=', ids[0])
    .compile();
  if (compiled.parameters.length !== 3 || compiled.parameters[2] !== ids[0]) throw new Error('markViolationsSeen: compiled parameters are not (at, scanId, id)');
  return compiled.sql;
};

export const RESOURCE_COLUMNS = [
  'arn', 'scope_id', 'resource_id', 'name', 'tags', 'owner', 'config', 'digest', 'observed_at', 'first_seen_at', 'last_seen_at', 'deleted_at',
] as const satisfies readonly (keyof ResourcesTable)[];

/** The upsert for these rows as SQL text whose parameters are the rows flattened in RESOURCE_COLUMNS order. */
export const compileUpsertResources = (db: Db, rows: unknown[][]): string => {
  const values = rows.map((r) => Object.fromEntries(RESOURCE_COLUMNS.map((c, i) => [c, r[i]]))) as unknown as Insertable<ResourcesTable>[];
  // Unchanged content keeps the instant it was first observed in that shape (a returning resource is new again).
  const unchanged = (eb: ExpressionBuilder<OnConflictDatabase<VigilDatabase, 'resources'>, OnConflictTables<'resources'>>) =>
    eb.and([eb('resources.digest', '=', eb.ref('excluded.digest')), eb('resources.deleted_at', 'is', null)]);
  const compiled = db
    .insertInto('resources')
    .values(values)
    .onConflict((oc) =>
      oc.column('arn').doUpdateSet((eb) => ({
        scope_id: eb.ref('excluded.scope_id'),
        resource_id: eb.ref('excluded.resource_id'),
        name: eb.ref('excluded.name'),
        tags: eb.ref('excluded.tags'),
        owner: eb.ref('excluded.owner'),
        config: eb.ref('excluded.config'),
        digest: eb.ref('excluded.digest'),
        observed_at: eb.case().when(unchanged(eb)).then(eb.ref('resources.observed_at')).else(eb.ref('excluded.observed_at')).end(),
        last_seen_at: eb.ref('excluded.last_seen_at'),
        deleted_at: sql<null>`null`,
      })),
    )
    .compile();
  const flat = rows.flat();
  if (compiled.parameters.length !== flat.length || compiled.parameters.some((p, i) => p !== flat[i])) {
    throw new Error('upsertResources: compiled parameters are not the rows in column order');
  }
  return compiled.sql;
};
