import { sql, type Selectable } from 'kysely';
import type { EnforcementActionsTable } from '../database-schema.js';
import { isoOrNull, isoTimestamp } from '../iso-timestamp.js';
import type { EnforcementActionQuery, EnforcementActionRecord, EnforcementActionStore, NewEnforcementAction } from '../ports/enforcement-action-store.js';
import { actionNotFound, writeConflict } from '../store-errors.js';
import { parseJson } from '../stored-resource.js';
import type { Db, KyselySession } from './kysely-session.js';
import { chunk } from './store-filters.js';

const toRecord = (r: Selectable<EnforcementActionsTable>): EnforcementActionRecord => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  action: r.action,
  family: r.family,
  violationId: r.violation_id,
  resourceArn: r.resource_arn,
  resourceType: r.resource_type,
  accountId: r.account_id,
  region: r.region,
  params: parseJson(r.params) as Record<string, unknown>,
  status: r.status as EnforcementActionRecord['status'],
  reason: r.reason,
  dryRun: Number(r.dry_run) === 1,
  before: r.before_state == null ? null : parseJson(r.before_state),
  after: r.after_state == null ? null : parseJson(r.after_state),
  error: r.error,
  traceId: r.trace_id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  rolledBackBy: r.rolled_back_by,
});

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * Enforcement action records over Kysely. `begin` inserts with ON CONFLICT DO NOTHING … RETURNING on
 * the idempotency key and reads back only when nothing was inserted: two workers that got the same
 * message both see one record.
 *
 * @example
 * const actions = new KyselyEnforcementActionStore(session);
 */
export class KyselyEnforcementActionStore implements EnforcementActionStore {
  constructor(private readonly s: KyselySession) {}

  async begin(r: NewEnforcementAction): Promise<{ record: EnforcementActionRecord; created: boolean }> {
    const row = {
      id: r.id,
      idempotency_key: r.idempotencyKey,
      action: r.action,
      family: r.family,
      violation_id: r.violationId,
      resource_arn: r.resourceArn,
      account_id: r.accountId,
      region: r.region,
      params: JSON.stringify(r.params ?? {}),
      resource_type: r.resourceType,
      status: 'started',
      reason: null,
      dry_run: r.dryRun ? 1 : 0,
      before_state: json(r.before),
      after_state: null,
      error: null,
      trace_id: r.traceId,
      started_at: isoTimestamp(r.startedAt, 'startedAt'),
      finished_at: null,
      rolled_back_by: null,
    };
    const { runPreparedEach } = this.s.dialect;
    return this.s.write(async (db) => {
      if (runPreparedEach) {
        // In-process SQLite: one prepared insert (every delivery begins with it), the record is what was inserted.
        const keys = Object.keys(row) as (keyof typeof row)[];
        const text = `insert into "enforcement_actions" (${keys.map((k) => `"${k}"`).join(', ')}) values (${keys.map(() => '?').join(', ')}) on conflict ("idempotency_key") do nothing`;
        if (runPreparedEach(text, [keys.map((k) => row[k])]).changes === 1) return { record: toRecord(row), created: true };
      } else {
        const res = await db.insertInto('enforcement_actions').values(row).onConflict((oc) => oc.column('idempotency_key').doNothing()).returningAll().executeTakeFirst();
        // RETURNING gives the row only when this call inserted it; a redelivery reads the one that was there.
        if (res) return { record: toRecord(res), created: true };
      }
      const existing = await db.selectFrom('enforcement_actions').selectAll().where('idempotency_key', '=', r.idempotencyKey).executeTakeFirstOrThrow();
      return { record: toRecord(existing), created: false };
    });
  }

  async restart(id: string, at: string): Promise<void> {
    const res = await this.s.write((db) =>
      db
        .updateTable('enforcement_actions')
        .set({ status: 'started', started_at: isoTimestamp(at, 'at'), finished_at: null, error: null, reason: null })
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    if (Number(res.numUpdatedRows) === 0) throw actionNotFound(id);
  }

  async finish(id: string, o: Parameters<EnforcementActionStore['finish']>[1]): Promise<void> {
    const set = {
      status: o.status,
      reason: o.reason,
      before_state: json(o.before),
      after_state: json(o.after),
      error: o.error,
      finished_at: isoOrNull(o.finishedAt, 'finishedAt'),
      ...(o.dryRun === undefined ? {} : { dry_run: o.dryRun ? 1 : 0 }),
    };
    const { runPreparedEach } = this.s.dialect;
    const updated = await this.s.write(async (db) => {
      if (!runPreparedEach) return Number((await db.updateTable('enforcement_actions').set(set).where('id', '=', id).executeTakeFirst()).numUpdatedRows);
      const keys = Object.keys(set) as (keyof typeof set)[];
      return runPreparedEach(`update "enforcement_actions" set ${keys.map((k) => `"${k}" = ?`).join(', ')} where "id" = ?`, [[...keys.map((k) => set[k]), id]]).changes;
    });
    if (updated === 0) throw actionNotFound(id);
  }

  async get(id: string): Promise<EnforcementActionRecord | undefined> {
    const row = await this.s.db.selectFrom('enforcement_actions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  async byKey(idempotencyKey: string): Promise<EnforcementActionRecord | undefined> {
    const row = await this.s.db.selectFrom('enforcement_actions').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
    return row && toRecord(row);
  }

  async list(q: EnforcementActionQuery = {}): Promise<EnforcementActionRecord[]> {
    let query = filtered(this.s.db, q).selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc');
    if (q.limit) query = query.limit(q.limit);
    return (await query.execute()).map(toRecord);
  }

  async count(q: Omit<EnforcementActionQuery, 'limit'> = {}, upTo?: number): Promise<number> {
    // The capped count selects started_at, not id: the rate-limit windows' indexes (0011) then answer
    // it without reading the table.
    const row =
      upTo === undefined
        ? await filtered(this.s.db, q).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
        : await this.s.db
            .selectFrom(filtered(this.s.db, q).select('started_at').limit(Math.max(0, Math.floor(upTo))).as('capped'))
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async countPerAccount(accountIds: readonly string[], q: Omit<EnforcementActionQuery, 'limit' | 'accountId'>, upTo: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const cap = Math.max(0, Math.floor(upTo));
    // One row, one capped count per account (a column each, so no order or grouping to trust): each
    // reads its account's window through the same index as count() and stops at the cap.
    for (const part of chunk([...new Set(accountIds)], 100)) {
      const counts = part.map((accountId, i) => {
        const window = filtered(this.s.db, { ...q, accountId }).select('started_at').limit(cap);
        return sql<number>`(select count(*) from (${window}) as ${sql.ref(`w${i}`)})`.as(`n${i}`);
      });
      const row = (await this.s.db.selectNoFrom(counts).executeTakeFirst()) as Record<string, unknown> | undefined;
      part.forEach((accountId, i) => out.set(accountId, Number(row?.[`n${i}`] ?? 0)));
    }
    return out;
  }

  async markRolledBack(id: string, rollbackId: string): Promise<void> {
    const res = await this.s.write((db) =>
      db.updateTable('enforcement_actions').set({ rolled_back_by: rollbackId }).where('id', '=', id).where('rolled_back_by', 'is', null).executeTakeFirst(),
    );
    if (Number(res.numUpdatedRows) === 0) {
      if (!(await this.get(id))) throw actionNotFound(id);
      throw writeConflict(`enforcement action ${id} was rolled back already`);
    }
  }
}

const filtered = (db: Db, q: Omit<EnforcementActionQuery, 'limit'>) => {
  let query = db.selectFrom('enforcement_actions');
  if (q.accountId) query = query.where('account_id', '=', q.accountId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.resourceType) query = query.where('resource_type', '=', q.resourceType);
  if (q.statuses?.length) query = query.where('status', 'in', q.statuses);
  if (q.since) query = query.where('started_at', '>=', isoTimestamp(q.since, 'since'));
  if (q.dryRun !== undefined) query = query.where('dry_run', '=', q.dryRun ? 1 : 0);
  return query;
};
