import { sql, type Kysely } from 'kysely';
import type { StoreDialect } from '../../store/store-dialect.js';
import type { EnforcementMessage } from '../enforcement-message.js';
import type { BusQueueStore, DeadLetterRow, QueuedMessage } from './bus-queue-store.js';

const parse = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/**
 * `bus_messages` over Kysely, one query set for SQLite and PostgreSQL. A claim is one UPDATE …
 * RETURNING (atomic by itself); on PostgreSQL `for update skip locked` lets several workers claim
 * side by side without waiting on each other's rows.
 *
 * @example
 * const queue = new KyselyBusQueueStore(db, sqliteDialect);
 */
export class KyselyBusQueueStore implements BusQueueStore {
  constructor(
    private readonly db: Kysely<any>,
    private readonly dialect: StoreDialect,
  ) {}

  async enqueue(rows: readonly { family: string; message: EnforcementMessage; at: string }[]): Promise<number> {
    let inserted = 0;
    // 9 columns a row; well under both engines' bind limits.
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      const res = await this.db
        .insertInto('bus_messages')
        .values(
          part.map((r) => ({
            idempotency_key: r.message.idempotencyKey,
            family: r.family,
            message: JSON.stringify(r.message),
            status: 'ready',
            attempts: 0,
            available_at: 0,
            claim_id: null,
            last_error: null,
            enqueued_at: r.at,
          })),
        )
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .executeTakeFirst();
      inserted += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    return inserted;
  }

  async claim(family: string, o: { max: number; nowMs: number; leaseMs: number; claimId: string; maxDeliver: number; at: string }): Promise<QueuedMessage[]> {
    // A message whose leases kept expiring (its worker died each time) must not cycle forever.
    await this.db
      .updateTable('bus_messages')
      .set({ status: 'dead', settled_at: o.at, claim_id: null, last_error: sql`coalesce(last_error, '') || ${`[lease expired ${o.maxDeliver} times]`}` })
      .where('family', '=', family)
      .where('status', '=', 'ready')
      .where('available_at', '<=', o.nowMs)
      .where('attempts', '>=', o.maxDeliver)
      .execute();
    const lock = this.dialect.kind === 'postgres' ? sql` for update skip locked` : sql``;
    const res = await sql<{ seq: number; family: string; message: unknown; attempts: number }>`
      update bus_messages set attempts = attempts + 1, available_at = ${o.nowMs + o.leaseMs}, claim_id = ${o.claimId}
      where seq in (
        select seq from bus_messages
        where family = ${family} and status = 'ready' and available_at <= ${o.nowMs}
        order by seq limit ${o.max}${lock}
      )
      returning seq, family, message, attempts`.execute(this.db);
    return res.rows
      .map((r) => ({ seq: Number(r.seq), family: r.family, message: parse<EnforcementMessage>(r.message), attempts: Number(r.attempts), claimId: o.claimId }))
      .sort((a, b) => a.seq - b.seq);
  }

  async settle(
    seq: number,
    claimId: string,
    outcome: { status: 'done'; at: string } | { status: 'dead'; reason: string; at: string } | { status: 'ready'; availableAtMs: number; reason: string },
  ): Promise<boolean> {
    const set =
      outcome.status === 'ready'
        ? { status: 'ready', available_at: outcome.availableAtMs, last_error: outcome.reason, claim_id: null }
        : outcome.status === 'dead'
          ? { status: 'dead', settled_at: outcome.at, last_error: outcome.reason, claim_id: null }
          : { status: 'done', settled_at: outcome.at, claim_id: null };
    const res = await this.db
      .updateTable('bus_messages')
      .set(set)
      .where('seq', '=', seq)
      .where('claim_id', '=', claimId)
      .where('status', '=', 'ready')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async nextReadyAt(family: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('bus_messages')
      .select((eb) => eb.fn.min('available_at').as('next'))
      .where('family', '=', family)
      .where('status', '=', 'ready')
      .executeTakeFirst();
    return row?.next == null ? null : Number(row.next);
  }

  async listDead(q: { family?: string; limit?: number } = {}): Promise<DeadLetterRow[]> {
    let query = this.db
      .selectFrom('bus_messages')
      .select(['family', 'message', 'attempts', 'last_error', 'settled_at'])
      .where('status', '=', 'dead')
      .orderBy('settled_at')
      .orderBy('seq');
    if (q.family) query = query.where('family', '=', q.family);
    if (q.limit) query = query.limit(q.limit);
    const rows = await query.execute();
    return rows.map((r) => ({
      family: String(r.family),
      message: parse<EnforcementMessage>(r.message),
      attempts: Number(r.attempts),
      reason: String(r.last_error ?? ''),
      settledAt: String(r.settled_at),
    }));
  }

  async purgeDone(before: string): Promise<number> {
    const res = await this.db.deleteFrom('bus_messages').where('status', '=', 'done').where('settled_at', '<', before).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
