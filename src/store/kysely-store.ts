import { CompiledQuery, sql, type Insertable, type Kysely } from 'kysely';
import { auditHash } from '../audit/audit-hash.js';
import type { AuditEvent, AuditEventInput } from '../audit/audit-event.js';
import { canonicalJson } from '../common/stable-hash.js';
import { VigilError } from '../common/vigil-error.js';
import type { QuarantinedRecord, Resource } from '../inventory/resource.js';
import type { CoveredScope } from '../providers/provider.js';
import type { Violation, ViolationState } from '../violations/violation.js';
import type { PolicyResultsTable, ResourcesTable, VigilDatabase, ViolationsTable } from './database-schema.js';
import { StatementCache } from './statement-cache.js';
import { compileMarkSeen, compileUpdateViolations, compileUpsertResources, RESOURCE_COLUMNS, VIOLATION_COLUMNS, type ViolationRow } from './bulk-statements.js';
import { migrateDatabase } from './migrations/migrate-database.js';
import {
  fromViolation,
  isoTimestamp,
  toAuditEvent,
  toPolicyResult,
  toQuarantine,
  toScan,
  toStoredResource,
  toViolation,
} from './row-mappers.js';
import type { StoreDialect } from './store-dialect.js';
import { chunk, GROUP_COLUMNS, pageOf, resourceFilter, severityRank, violationFilter } from './store-filters.js';
import type {
  EventQuery,
  Page,
  PolicyResultRow,
  ResourceQuery,
  ScanRecord,
  SerializedResource,
  Store,
  StoredQuarantine,
  StoredInventory,
  StoredResource,
  StoreOps,
  ViolationCount,
  ViolationGroupKey,
  ViolationQuery,
} from './store.js';
import { sameScope, scopeKey, serializeResource } from './store.js';

type Db = Kysely<VigilDatabase>;

/** Quarantined records are kept verbatim up to this many characters; beyond it they are evidence, not data. */
export const MAX_QUARANTINE_RECORD = 16_384;

/** A scope row's key: the scan's scope key plus the provider. */
const providerScopeKey = (s: { provider: string; type: string; accountId: string; region: string }): string => `${s.provider}\u0000${scopeKey(s)}`;

/** Keys of a bulk IN (…) list per statement: far below both engines' bind-parameter limits. */
const IN_CHUNK = 1_000;

/**
 * The one implementation of every store read and write, over Kysely. `KyselyStore` runs it on the
 * pool; `transaction()` runs a second instance bound to one connection inside BEGIN … COMMIT.
 */
export class KyselyStoreOps implements StoreOps {
  constructor(
    protected readonly db: Db,
    protected readonly dialect: StoreDialect,
    protected readonly statements: StatementCache = new StatementCache(),
  ) {}

  /**
   * Inserts rows (all with the same keys in the same order): one prepared single-row statement per
   * row where the dialect runs them in-process, else many-row statements within the bind limit.
   */
  async #insertRows<T extends 'violations' | 'audit_events'>(db: Db, table: T, rows: Insertable<VigilDatabase[T]>[], columns: number): Promise<void> {
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
  async #run(db: Db, text: string, params: readonly unknown[]): Promise<number> {
    const res = await db.executeQuery(CompiledQuery.raw(text, [...params]));
    return Number(res.numAffectedRows ?? 0);
  }

  /** Runs a multi-statement write atomically: inside a transaction already, just runs it. */
  protected runAtomic<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return fn(this.db);
  }

  protected async write<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    try {
      return await this.runAtomic(fn);
    } catch (err) {
      throw toStoreError(err, this.dialect);
    }
  }

  async upsertResources(resources: Resource[], at: string): Promise<void> {
    await this.upsertSerializedResources(resources.map((r) => serializeResource(r)), at);
  }

  async upsertSerializedResources(resources: SerializedResource[], at: string): Promise<void> {
    if (resources.length === 0) return;
    const seenAt = isoTimestamp(at, 'at');
    // One row per ARN for many-row statements: PostgreSQL refuses an upsert that touches the same row
    // twice. Single-row statements apply duplicates in order, the last one winning all the same.
    let unique: Iterable<SerializedResource> = resources;
    if (!this.dialect.runPreparedEach) {
      const byArn = new Map<string, SerializedResource>();
      for (const r of resources) byArn.set(r.arn, r);
      unique = byArn.values();
    }
    await this.write(async (db) => {
      const scopeIds = await this.#scopeIds(db, resources);
      const rows: unknown[][] = [];
      let scope: SerializedResource | undefined;
      let scopeId: number | undefined;
      for (const r of unique) {
        if (!sameScope(scope, r)) {
          scope = r;
          scopeId = scopeIds.get(providerScopeKey(r));
        }
        // In RESOURCE_COLUMNS order.
        rows.push([
          r.arn, scopeId, r.id, r.name === r.id ? null : r.name, r.tags, r.owner, r.config, r.digest,
          isoTimestamp(r.observedAt, 'observedAt'), seenAt, seenAt, null,
        ]);
      }
      if (this.dialect.runPreparedEach) {
        const one = this.statements.get('upsert-resources:1', () => compileUpsertResources(db, rows.slice(0, 1)));
        this.dialect.runPreparedEach(one, rows);
        return;
      }
      for (const part of chunk(rows, Math.floor(this.dialect.maxParams / RESOURCE_COLUMNS.length))) {
        // Building a 5,000-row statement through the query builder costs more than running it, and a
        // scan sends thousands of same-sized batches: the SQL text is built once per size.
        const text = this.statements.get(`upsert-resources:${part.length}`, () => compileUpsertResources(db, part));
        await this.#run(db, text, part.flat());
      }
    });
  }

  /** The ids of these resources' scopes (`provider\0type\0account\0region` → id), creating the missing ones. */
  async #scopeIds(db: Db, resources: Iterable<SerializedResource>): Promise<Map<string, number>> {
    const wanted = new Map<string, { provider: string; account_id: string; region: string; type: string }>();
    let last: SerializedResource | undefined;
    for (const r of resources) {
      if (sameScope(last, r)) continue;
      last = r;
      wanted.set(providerScopeKey(r), { provider: r.provider, account_id: r.accountId, region: r.region, type: r.type });
    }
    const ids = new Map<string, number>();
    for (const part of chunk([...wanted.values()], 200)) {
      await db
        .insertInto('resource_scopes')
        .values(part)
        .onConflict((oc) => oc.columns(['type', 'account_id', 'region', 'provider']).doNothing())
        .execute();
      const rows = await db
        .selectFrom('resource_scopes')
        .select(['id', 'provider', 'account_id', 'region', 'type'])
        .where((eb) => eb.or(part.map((s) => eb.and([eb('type', '=', s.type), eb('account_id', '=', s.account_id), eb('region', '=', s.region), eb('provider', '=', s.provider)]))))
        .execute();
      for (const s of rows) ids.set(providerScopeKey({ provider: s.provider, type: s.type, accountId: s.account_id, region: s.region }), Number(s.id));
    }
    return ids;
  }

  /** Resources joined with their scopes: what every inventory read selects. */
  #resourceRows(db: Db = this.db) {
    return db
      .selectFrom('resources')
      .innerJoin('resource_scopes', 'resource_scopes.id', 'resources.scope_id')
      .selectAll('resources')
      .select(['resource_scopes.provider', 'resource_scopes.account_id', 'resource_scopes.region', 'resource_scopes.type', 'resource_scopes.last_seen_at as scope_seen_at']);
  }

  async getResource(arn: string): Promise<StoredResource | undefined> {
    const row = await this.#resourceRows().where('resources.arn', '=', arn).executeTakeFirst();
    return row && toStoredResource(row);
  }

  async listResources(q: ResourceQuery = {}): Promise<StoredResource[]> {
    const { limit, offset } = pageOf(q);
    const rows = await this.#resourceRows().where(resourceFilter(q)).orderBy('resources.arn').limit(limit).offset(offset).execute();
    return rows.map(toStoredResource);
  }

  async countResources(q: Omit<ResourceQuery, keyof Page> = {}): Promise<number> {
    const row = await this.db
      .selectFrom('resources')
      .innerJoin('resource_scopes', 'resource_scopes.id', 'resources.scope_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(resourceFilter(q))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async storedInventory(q: { accountIds?: string[]; regions?: string[]; types?: string[] } = {}): Promise<StoredInventory> {
    const scopes = await this.db
      .selectFrom('resource_scopes')
      .select(['id', 'account_id', 'region', 'type'])
      .where((eb) => {
        const c = [];
        if (q.accountIds) c.push(q.accountIds.length ? eb('account_id', 'in', q.accountIds) : eb.or([]));
        if (q.regions) c.push(q.regions.length ? eb('region', 'in', q.regions) : eb.or([]));
        if (q.types) c.push(q.types.length ? eb('type', 'in', q.types) : eb.or([]));
        return eb.and(c);
      })
      .execute();
    const out: StoredInventory = new Map();
    for (const s of scopes) {
      const arns = new Map<string, string>();
      out.set(scopeKey({ type: s.type, accountId: s.account_id, region: s.region }), arns);
      // One scope at a time: a million rows stream through without one giant result set.
      const rows = await this.db.selectFrom('resources').select(['arn', 'digest', 'deleted_at']).where('scope_id', '=', Number(s.id)).execute();
      for (const r of rows) arns.set(r.arn, r.deleted_at === null ? r.digest : '');
    }
    return out;
  }

  async markResourcesDeleted(scope: CoveredScope, arns: string[], at: string): Promise<string[]> {
    if (arns.length === 0) return [];
    const deletedAt = isoTimestamp(at, 'at');
    return this.write(async (db) => {
      const gone: string[] = [];
      for (const part of chunk(arns, IN_CHUNK)) {
        const rows = await db
          .updateTable('resources')
          .set({ deleted_at: deletedAt, last_seen_at: deletedAt })
          .where('arn', 'in', part)
          .where('deleted_at', 'is', null)
          .where('scope_id', 'in', (eb) =>
            eb.selectFrom('resource_scopes').select('id').where('type', '=', scope.type).where('account_id', '=', scope.accountId).where('region', '=', scope.region),
          )
          .returning('arn')
          .execute();
        for (const r of rows) gone.push(r.arn);
      }
      return gone.sort();
    });
  }

  async markScopesSeen(scopes: CoveredScope[], scanId: string, at: string): Promise<void> {
    if (scopes.length === 0) return;
    const seenAt = isoTimestamp(at, 'at');
    await this.write(async (db) => {
      for (const part of chunk(scopes, 200)) {
        await db
          .updateTable('resource_scopes')
          .set({ last_scan_id: scanId, last_seen_at: seenAt })
          .where((eb) => eb.or(part.map((s) => eb.and([eb('type', '=', s.type), eb('account_id', '=', s.accountId), eb('region', '=', s.region)]))))
          .execute();
      }
    });
  }

  async getViolation(id: string): Promise<Violation | undefined> {
    const row = await this.db.selectFrom('violations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toViolation(row);
  }

  async listViolations(q: ViolationQuery = {}): Promise<Violation[]> {
    const { limit, offset } = pageOf(q);
    let qb = this.db.selectFrom('violations').selectAll().where(violationFilter(q));
    if (q.orderBy === 'age') qb = qb.orderBy('first_seen_at', 'asc');
    else if (q.orderBy === 'severity') qb = qb.orderBy(severityRank, 'desc').orderBy('last_seen_at', 'desc');
    else qb = qb.orderBy('last_seen_at', 'desc');
    const rows = await qb.orderBy('id').limit(limit).offset(offset).execute();
    return rows.map(toViolation);
  }

  async countViolations(q: Omit<ViolationQuery, keyof Page | 'orderBy'> = {}): Promise<number> {
    const row = await this.db
      .selectFrom('violations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(violationFilter(q))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async groupViolations(by: ViolationGroupKey[], q: Omit<ViolationQuery, keyof Page | 'orderBy'> = {}): Promise<ViolationCount[]> {
    const keys = [...new Set(by)];
    const cols = keys.map((k) => GROUP_COLUMNS[k]);
    let qb = this.db
      .selectFrom('violations')
      .select((eb) => [...cols.map((c) => eb.ref(c).as(c)), eb.fn.countAll().as('n')])
      .where(violationFilter(q));
    if (cols.length > 0) {
      qb = qb.groupBy(cols).orderBy('n', 'desc');
      // `is null` first so both engines put the null group last (their default null orders differ).
      for (const c of cols) qb = qb.orderBy(sql`${sql.ref(c)} is null`).orderBy(c);
    }
    const rows = (await qb.execute()) as Record<string, unknown>[];
    return rows
      .map((r) => ({
        key: Object.fromEntries(keys.map((k) => [k, (r[GROUP_COLUMNS[k]] as string | null) ?? null])),
        count: Number(r['n']),
      }));
  }

  async resourcesWithViolations(states: ViolationState[]): Promise<string[]> {
    if (states.length === 0) return [];
    const rows = await this.db.selectFrom('violations').select('resource_arn').distinct().where('state', 'in', states).execute();
    return rows.map((r) => r.resource_arn);
  }

  async violationsOfResources(arns: string[]): Promise<Violation[]> {
    const out: Violation[] = [];
    for (const part of chunk([...new Set(arns)], IN_CHUNK)) {
      const rows = await this.db.selectFrom('violations').selectAll().where('resource_arn', 'in', part).execute();
      for (const r of rows) out.push(toViolation(r));
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async insertViolations(violations: Violation[]): Promise<void> {
    if (violations.length === 0) return;
    const rows = violations.map(fromViolation);
    await this.write(async (db) => {
      await this.#insertRows(db, 'violations', rows, 20);
    });
  }

  async updateViolations(violations: Violation[]): Promise<void> {
    if (violations.length === 0) return;
    const rows = violations.map(fromViolation);
    const distinct = new Set(rows.map((r) => r.id)).size === rows.length;
    await this.write(async (db) => {
      if (!distinct) {
        // The same violation twice means two successive versions: only row by row can apply both.
        for (const row of rows) await this.#updateBatch(db, [row]);
        return;
      }
      for (const part of chunk(rows, Math.floor(this.dialect.maxParams / VIOLATION_COLUMNS.length))) await this.#updateBatch(db, part);
    });
  }

  async markViolationsSeen(ids: string[], scanId: string, at: string): Promise<void> {
    if (ids.length === 0) return;
    const seenAt = isoTimestamp(at, 'at');
    await this.write(async (db) => {
      if (this.dialect.runPreparedEach) {
        const text = this.statements.get('violations-seen:1', () => compileMarkSeen(db, ['x']));
        this.dialect.runPreparedEach(text, ids.map((id) => [seenAt, scanId, id]));
        return;
      }
      for (const part of chunk(ids, IN_CHUNK)) {
        await db.updateTable('violations').set({ last_seen_at: seenAt, last_scan_id: scanId, version: sql<number>`version + 1` }).where('id', 'in', part).execute();
      }
    });
  }

  /**
   * One UPDATE … FROM (VALUES …) per batch: a rescan bumps lastSeenAt on every live violation, and
   * one round trip per row made that the slowest part of a PostgreSQL scan.
   */
  async #updateBatch(db: Db, rows: ViolationRow[]): Promise<void> {
    if (this.dialect.runPreparedEach) {
      // In-process SQLite: one prepared single-row update per violation beats a VALUES join (0.85 s → see bench).
      const perRow = rows.map((r) => VIOLATION_COLUMNS.map((c) => r[c]));
      const text = this.statements.get('update-violations:1', () => compileUpdateViolations(db, this.dialect, rows.slice(0, 1), perRow[0] as unknown[]));
      if (this.dialect.runPreparedEach(text, perRow).changes === rows.length) return;
    } else {
      const params = rows.flatMap((r) => VIOLATION_COLUMNS.map((c) => r[c]));
      const text = this.statements.get(`update-violations:${rows.length}`, () => compileUpdateViolations(db, this.dialect, rows, params));
      if ((await this.#run(db, text, params)) === rows.length) return;
    }
    const stored = new Map(
      (await db.selectFrom('violations').select(['id', 'version']).where('id', 'in', rows.map((r) => r.id)).execute()).map((r) => [r.id, Number(r.version)]),
    );
    const lost = rows.filter((r) => stored.get(r.id) !== r.version).map((r) => r.id);
    throw new VigilError('store.conflict', `violation ${lost.join(', ')} was changed by another writer (or does not exist); nothing was written`, {
      status: 409,
      details: { ids: lost },
    });
  }

  async appendEvents(events: AuditEventInput[]): Promise<AuditEvent[]> {
    if (events.length === 0) return [];
    return this.write(async (db) => {
      // The no-op update takes the head row's lock until commit: appends from every process queue
      // here, so seq stays gap-free and each prevHash is the hash actually stored before it.
      const head = await db
        .updateTable('audit_head')
        .set((eb) => ({ seq: eb.ref('seq') }))
        .where('id', '=', 1)
        .returning(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      let seq = Number(head.seq);
      let prevHash = head.hash;
      const out: AuditEvent[] = [];
      const rows = [];
      for (const e of events) {
        const input: AuditEventInput = { ...e, at: isoTimestamp(e.at, 'at'), data: e.data ?? {} };
        seq += 1;
        // The text that is hashed is the text that is stored: computed once.
        const data = canonicalJson(input.data);
        const hash = auditHash(prevHash, seq, input, data);
        out.push({ ...input, seq, prevHash, hash });
        rows.push({ seq, prev_hash: prevHash, hash, type: input.type, subject_kind: input.subjectKind, subject_id: input.subjectId, actor: input.actor, at: input.at, data });
        prevHash = hash;
      }
      await this.#insertRows(db, 'audit_events', rows, 10);
      await db.updateTable('audit_head').set({ seq, hash: prevHash }).where('id', '=', 1).execute();
      return out;
    });
  }

  async listEvents(q: EventQuery = {}): Promise<AuditEvent[]> {
    const { limit, offset } = pageOf(q);
    let qb = this.db.selectFrom('audit_events').selectAll();
    if (q.subjectId !== undefined) qb = qb.where('subject_id', '=', q.subjectId);
    if (q.subjectKind !== undefined) qb = qb.where('subject_kind', '=', q.subjectKind);
    if (q.types) qb = qb.where((eb) => (q.types!.length ? eb('type', 'in', q.types!) : eb.or([])));
    if (q.afterSeq !== undefined) qb = qb.where('seq', '>', q.afterSeq);
    if (q.since !== undefined) qb = qb.where('at', '>=', isoTimestamp(q.since, 'since'));
    const rows = await qb.orderBy('seq').limit(limit).offset(offset).execute();
    return rows.map(toAuditEvent);
  }

  async lastEvent(): Promise<AuditEvent | undefined> {
    const row = await this.db.selectFrom('audit_events').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row && toAuditEvent(row);
  }

  async startScan(scan: ScanRecord): Promise<void> {
    await this.write((db) =>
      db
        .insertInto('scans')
        .values({
          id: scan.id,
          source: scan.source,
          started_at: isoTimestamp(scan.startedAt, 'startedAt'),
          finished_at: scan.finishedAt == null ? null : isoTimestamp(scan.finishedAt, 'finishedAt'),
          status: scan.status,
          stats: JSON.stringify(scan.stats ?? {}),
          error: scan.error ?? null,
        })
        .execute(),
    );
  }

  async finishScan(id: string, patch: Pick<ScanRecord, 'finishedAt' | 'status' | 'stats'> & { error?: string | null }): Promise<void> {
    const res = await this.write((db) =>
      db
        .updateTable('scans')
        .set({
          finished_at: patch.finishedAt == null ? null : isoTimestamp(patch.finishedAt, 'finishedAt'),
          status: patch.status,
          stats: JSON.stringify(patch.stats ?? {}),
          error: patch.error ?? null,
        })
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    if (Number(res.numUpdatedRows) === 0) throw new VigilError('store.not-found', `no scan ${id}`, { status: 404, details: { id } });
  }

  async getScan(id: string): Promise<ScanRecord | undefined> {
    const row = await this.db.selectFrom('scans').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toScan(row);
  }

  async listScans(q: Page = {}): Promise<ScanRecord[]> {
    const { limit, offset } = pageOf(q);
    const rows = await this.db.selectFrom('scans').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
    return rows.map(toScan);
  }

  /** Adds to the counts already stored for the same (scan, policy, account, region): scans report per batch. */
  async addPolicyResults(rows: PolicyResultRow[]): Promise<void> {
    if (rows.length === 0) return;
    const merged = new Map<string, PolicyResultsTable>();
    for (const r of rows) {
      const key = JSON.stringify([r.scanId, r.policyId, r.accountId, r.region]);
      const m = merged.get(key);
      if (m) {
        m.evaluated += r.evaluated;
        m.failed += r.failed;
      } else {
        merged.set(key, { scan_id: r.scanId, policy_id: r.policyId, account_id: r.accountId, region: r.region, evaluated: r.evaluated, failed: r.failed });
      }
    }
    await this.write(async (db) => {
      for (const part of chunk([...merged.values()], Math.floor(this.dialect.maxParams / 6))) {
        await db
          .insertInto('policy_results')
          .values(part)
          .onConflict((oc) =>
            oc.columns(['scan_id', 'policy_id', 'account_id', 'region']).doUpdateSet((eb) => ({
              evaluated: eb('policy_results.evaluated', '+', eb.ref('excluded.evaluated')),
              failed: eb('policy_results.failed', '+', eb.ref('excluded.failed')),
            })),
          )
          .execute();
      }
    });
  }

  async policyResults(scanId: string): Promise<PolicyResultRow[]> {
    const rows = await this.db
      .selectFrom('policy_results')
      .selectAll()
      .where('scan_id', '=', scanId)
      .orderBy('policy_id')
      .orderBy('account_id')
      .orderBy('region')
      .execute();
    return rows.map(toPolicyResult);
  }

  async addQuarantine(records: QuarantinedRecord[], scanId: string, at: string): Promise<void> {
    if (records.length === 0) return;
    const when = isoTimestamp(at, 'at');
    const rows = records.map((r) => ({ scan_id: scanId, at: when, source: r.source, reason: r.reason, record: truncateRecord(String(r.record)) }));
    await this.write(async (db) => {
      for (const part of chunk(rows, Math.floor(this.dialect.maxParams / 5))) await db.insertInto('quarantine').values(part).execute();
    });
  }

  async listQuarantine(q: Page & { scanId?: string } = {}): Promise<StoredQuarantine[]> {
    const { limit, offset } = pageOf(q);
    let qb = this.db.selectFrom('quarantine').selectAll();
    if (q.scanId !== undefined) qb = qb.where('scan_id', '=', q.scanId);
    const rows = await qb.orderBy('id').limit(limit).offset(offset).execute();
    return rows.map(toQuarantine);
  }
}

/**
 * A Store over any Kysely dialect. The adapters (`sqlite/sqlite-store.ts`, `postgres/postgres-store.ts`)
 * only build the Kysely instance and the dialect description.
 *
 * @example
 * const store = new KyselyStore(new Kysely<VigilDatabase>({ dialect }), sqliteDialect);
 * await store.migrate();
 */
export class KyselyStore extends KyselyStoreOps implements Store {
  readonly kind: Store['kind'];
  #closed = false;

  constructor(db: Db, dialect: StoreDialect) {
    super(db, dialect);
    this.kind = dialect.kind;
  }

  async migrate(): Promise<void> {
    try {
      await migrateDatabase(this.db, this.dialect);
    } catch (err) {
      throw toStoreError(err, this.dialect);
    }
  }

  transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T> {
    return this.#inTransaction((conn) => fn(new KyselyStoreOps(conn, this.dialect, this.statements)));
  }

  protected override runAtomic<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.#inTransaction(fn);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.db.destroy();
  }

  // Kysely's own transaction() cannot say BEGIN IMMEDIATE, which SQLite needs (see StoreDialect.begin).
  #inTransaction<T>(fn: (conn: Db) => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new VigilError('store.closed', 'the store is closed', { status: 503 }));
    return this.db.connection().execute(async (conn) => {
      await sql.raw(this.dialect.begin).execute(conn);
      let result: T;
      try {
        result = await fn(conn);
      } catch (err) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw toStoreError(err, this.dialect);
      }
      try {
        await sql`commit`.execute(conn);
      } catch (err) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw toStoreError(err, this.dialect);
      }
      return result;
    });
  }
}

const toStoreError = (err: unknown, dialect: StoreDialect): unknown => {
  if (err instanceof VigilError || !dialect.isConflict(err)) return err;
  return new VigilError('store.conflict', `another writer changed the same data first: ${(err as Error).message}`, { status: 409, cause: err });
};

const truncateRecord = (s: string): string =>
  s.length <= MAX_QUARANTINE_RECORD ? s : `${s.slice(0, MAX_QUARANTINE_RECORD)}…[truncated ${s.length - MAX_QUARANTINE_RECORD} characters]`;
