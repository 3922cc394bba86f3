import { sql } from 'kysely';
import type { Violation, ViolationState } from '../../violations/violation.js';
import { isoTimestamp } from '../iso-timestamp.js';
import { violationConflict } from '../store-errors.js';
import type { ViolationCount, ViolationFilter, ViolationGroupKey, ViolationQuery, ViolationStore } from '../ports/violation-store.js';
import { compileMarkSeen, compileUpdateViolations, VIOLATION_COLUMNS, type ViolationRow } from './bulk-statements.js';
import { IN_CHUNK, type Db, type KyselySession } from './kysely-session.js';
import { fromViolation, toViolation } from './row-mappers.js';
import { chunk, GROUP_COLUMNS, pageOf, severityRank, violationFilter } from './store-filters.js';

/**
 * Violations over Kysely, the same queries on SQLite and PostgreSQL; the hot writes (a rescan touches
 * every live violation) go through cached bulk statements (`bulk-statements.ts`).
 *
 * @example
 * const violations = new KyselyViolationStore(session);
 * await violations.update([{ ...v, state: 'reminded', version: v.version + 1 }]);
 */
export class KyselyViolationStore implements ViolationStore {
  constructor(private readonly s: KyselySession) {}

  async get(id: string): Promise<Violation | undefined> {
    const row = await this.s.db.selectFrom('violations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toViolation(row);
  }

  async list(q: ViolationQuery = {}): Promise<Violation[]> {
    const { limit, offset } = pageOf(q);
    const rows = await this.#ordered(q).limit(limit).offset(offset).execute();
    return rows.map(toViolation);
  }

  async *pages(q: ViolationQuery = {}, size = 5_000): AsyncIterable<Violation[]> {
    if (this.s.dialect.kind !== 'sqlite') {
      // node-postgres streams only through a cursor package Vigil does not ship: pages by offset.
      for (let offset = 0; ; offset += size) {
        const page = await this.list({ ...q, limit: size, offset });
        if (page.length) yield page;
        if (page.length < size) return;
      }
    }
    let page: Violation[] = [];
    for await (const row of this.#ordered(q).stream()) {
      page.push(toViolation(row));
      if (page.length === size) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  }

  #ordered(q: ViolationQuery) {
    let qb = this.s.db.selectFrom('violations').selectAll().where(violationFilter(q));
    if (q.orderBy === 'age') qb = qb.orderBy('first_seen_at', 'asc');
    else if (q.orderBy === 'severity') qb = qb.orderBy(severityRank, 'desc').orderBy('last_seen_at', 'desc');
    else qb = qb.orderBy('last_seen_at', 'desc');
    return qb.orderBy('id');
  }

  async count(q: ViolationFilter = {}): Promise<number> {
    const row = await this.s.db
      .selectFrom('violations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(violationFilter(q))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async group(by: ViolationGroupKey[], q: ViolationFilter = {}): Promise<ViolationCount[]> {
    const keys = [...new Set(by)];
    const cols = keys.map((k) => GROUP_COLUMNS[k]);
    let qb = this.s.db
      .selectFrom('violations')
      .select((eb) => [...cols.map((c) => eb.ref(c).as(c)), eb.fn.countAll().as('n')])
      .where(violationFilter(q));
    if (cols.length > 0) {
      qb = qb.groupBy(cols).orderBy('n', 'desc');
      // `is null` first so both engines put the null group last (their default null orders differ).
      for (const c of cols) qb = qb.orderBy(sql`${sql.ref(c)} is null`).orderBy(c);
    }
    const rows = (await qb.execute()) as Record<string, unknown>[];
    return rows.map((r) => ({
      key: Object.fromEntries(keys.map((k) => [k, (r[GROUP_COLUMNS[k]] as string | null) ?? null])),
      count: Number(r['n']),
    }));
  }

  async resourcesWith(states: ViolationState[]): Promise<string[]> {
    if (states.length === 0) return [];
    const rows = await this.s.db.selectFrom('violations').select('resource_arn').distinct().where('state', 'in', states).execute();
    return rows.map((r) => r.resource_arn);
  }

  async ofResources(arns: string[]): Promise<Violation[]> {
    const out: Violation[] = [];
    for (const part of chunk([...new Set(arns)], IN_CHUNK)) {
      const rows = await this.s.db.selectFrom('violations').selectAll().where('resource_arn', 'in', part).execute();
      for (const r of rows) out.push(toViolation(r));
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async insert(violations: Violation[]): Promise<void> {
    if (violations.length === 0) return;
    const rows = violations.map(fromViolation);
    await this.s.write(async (db) => {
      await this.s.insertRows(db, 'violations', rows, 20);
    });
  }

  async update(violations: Violation[]): Promise<void> {
    if (violations.length === 0) return;
    const rows = violations.map(fromViolation);
    const distinct = new Set(rows.map((r) => r.id)).size === rows.length;
    await this.s.write(async (db) => {
      if (!distinct) {
        // The same violation twice means two successive versions: only row by row can apply both.
        for (const row of rows) await this.#updateBatch(db, [row]);
        return;
      }
      for (const part of chunk(rows, Math.floor(this.s.dialect.maxParams / VIOLATION_COLUMNS.length))) await this.#updateBatch(db, part);
    });
  }

  async markSeen(ids: string[], scanId: string, at: string): Promise<void> {
    if (ids.length === 0) return;
    const seenAt = isoTimestamp(at, 'at');
    const { dialect, statements } = this.s;
    await this.s.write(async (db) => {
      if (dialect.runPreparedEach) {
        const text = statements.get('violations-seen:1', () => compileMarkSeen(db, ['x']));
        dialect.runPreparedEach(text, ids.map((id) => [seenAt, scanId, id]));
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
    const { dialect, statements } = this.s;
    if (dialect.runPreparedEach) {
      // In-process SQLite: one prepared single-row update per violation beats a VALUES join (0.85 s → see bench).
      const perRow = rows.map((r) => VIOLATION_COLUMNS.map((c) => r[c]));
      const text = statements.get('update-violations:1', () => compileUpdateViolations(db, dialect, rows.slice(0, 1), perRow[0] as unknown[]));
      if (dialect.runPreparedEach(text, perRow).changes === rows.length) return;
    } else {
      const params = rows.flatMap((r) => VIOLATION_COLUMNS.map((c) => r[c]));
      const text = statements.get(`update-violations:${rows.length}`, () => compileUpdateViolations(db, dialect, rows, params));
      if ((await this.s.run(db, text, params)) === rows.length) return;
    }
    const stored = new Map(
      (await db.selectFrom('violations').select(['id', 'version']).where('id', 'in', rows.map((r) => r.id)).execute()).map((r) => [r.id, Number(r.version)]),
    );
    const lost = rows.filter((r) => stored.get(r.id) !== r.version).map((r) => r.id);
    throw violationConflict(lost);
  }
}
