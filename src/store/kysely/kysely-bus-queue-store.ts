import { sql } from 'kysely';
import { isoTimestamp } from '../iso-timestamp.js';
import type { BusQueueStore, DeadMessage, QueuedMessage, SettleOutcome } from '../ports/bus-queue-store.js';
import type { KyselySession } from './kysely-session.js';
import { parseJson } from '../stored-resource.js';

/**
 * `bus_messages` over Kysely. A claim is one UPDATE … RETURNING (atomic by itself); on PostgreSQL
 * `for update skip locked` lets workers in several processes claim side by side without waiting on
 * each other's rows; SQLite's single writer serialises claims anyway.
 *
 * @example
 * const queue = new KyselyBusQueueStore(session);
 */
export class KyselyBusQueueStore implements BusQueueStore {
  constructor(private readonly s: KyselySession) {}

  async enqueue(rows: readonly { family: string; key: string; payload: Record<string, unknown>; at: string }[]): Promise<number> {
    if (rows.length === 0) return 0;
    return this.s.write(async (db) => {
      let inserted = 0;
      for (let i = 0; i < rows.length; i += 500) {
        const res = await db
          .insertInto('bus_messages')
          .values(
            rows.slice(i, i + 500).map((r) => ({
              idempotency_key: r.key,
              family: r.family,
              message: JSON.stringify(r.payload),
              status: 'ready',
              attempts: 0,
              available_at: 0,
              claim_id: null,
              last_error: null,
              enqueued_at: isoTimestamp(r.at, 'at'),
              settled_at: null,
            })),
          )
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .executeTakeFirst();
        inserted += Number(res.numInsertedOrUpdatedRows ?? 0);
      }
      return inserted;
    });
  }

  async claim(family: string, o: { max: number; nowMs: number; leaseMs: number; claimId: string; maxDeliver: number; at: string }): Promise<QueuedMessage[]> {
    const at = isoTimestamp(o.at, 'at');
    const lock = this.s.dialect.kind === 'postgres' ? sql` for update skip locked` : sql``;
    return this.s.write(async (db) => {
      await db
        .updateTable('bus_messages')
        .set({ status: 'dead', settled_at: at, claim_id: null, last_error: sql`coalesce(last_error || ' ', '') || ${`[delivered ${o.maxDeliver} times without a settle: the worker died or hung each time]`}` })
        .where('family', '=', family)
        .where('status', '=', 'ready')
        // Only a claimed row can have used up its deliveries, and a claim (or a nak) sets available_at
        // past 0: the index range then skips the never-claimed backlog (published rows wait at 0),
        // which this sweep otherwise read in full before every claim.
        .where('available_at', '>', 0)
        .where('available_at', '<=', o.nowMs)
        .where('attempts', '>=', o.maxDeliver)
        .execute();
      const res = await sql<{ seq: number; family: string; idempotency_key: string; message: unknown; attempts: number }>`
        update bus_messages set attempts = attempts + 1, available_at = ${o.nowMs + o.leaseMs}, claim_id = ${o.claimId}
        where seq in (
          select seq from bus_messages
          where family = ${family} and status = 'ready' and available_at <= ${o.nowMs}
          order by seq limit ${o.max}${lock}
        )
        returning seq, family, idempotency_key, message, attempts`.execute(db);
      return res.rows
        .map((r) => ({
          seq: Number(r.seq),
          family: r.family,
          key: r.idempotency_key,
          payload: parseJson(r.message) as Record<string, unknown>,
          attempts: Number(r.attempts),
          claimId: o.claimId,
        }))
        .sort((a, b) => a.seq - b.seq);
    });
  }

  async settle(seq: number, claimId: string, outcome: SettleOutcome): Promise<boolean> {
    const set =
      outcome.status === 'ready'
        ? { available_at: outcome.availableAtMs, last_error: outcome.reason, claim_id: null, ...(outcome.uncounted ? { attempts: sql<number>`attempts - 1` } : {}) }
        : outcome.status === 'dead'
          ? { status: 'dead', settled_at: isoTimestamp(outcome.at, 'at'), last_error: outcome.reason, claim_id: null }
          : { status: 'done', settled_at: isoTimestamp(outcome.at, 'at'), claim_id: null };
    const { runPreparedEach } = this.s.dialect;
    const updated = await this.s.write(async (db) => {
      // A plain done (every ack) as one prepared statement where the dialect runs them in-process.
      if (runPreparedEach && outcome.status === 'done') {
        return runPreparedEach(`update "bus_messages" set "status" = 'done', "settled_at" = ?, "claim_id" = null where "seq" = ? and "claim_id" = ? and "status" = 'ready'`, [[set.settled_at, seq, claimId]]).changes;
      }
      return Number((await db.updateTable('bus_messages').set(set).where('seq', '=', seq).where('claim_id', '=', claimId).where('status', '=', 'ready').executeTakeFirst()).numUpdatedRows);
    });
    return updated === 1;
  }

  async listDead(q: { family?: string; limit?: number } = {}): Promise<DeadMessage[]> {
    let query = this.s.db
      .selectFrom('bus_messages')
      .select(['family', 'idempotency_key', 'message', 'attempts', 'last_error', 'settled_at'])
      .where('status', '=', 'dead')
      .orderBy('settled_at')
      .orderBy('seq');
    if (q.family) query = query.where('family', '=', q.family);
    if (q.limit) query = query.limit(q.limit);
    return (await query.execute()).map((r) => ({
      family: r.family,
      key: r.idempotency_key,
      payload: parseJson(r.message) as Record<string, unknown>,
      attempts: Number(r.attempts),
      reason: r.last_error ?? '',
      settledAt: r.settled_at ?? '',
    }));
  }

  async counts(family?: string): Promise<{ ready: number; done: number; dead: number }> {
    let query = this.s.db.selectFrom('bus_messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status');
    if (family) query = query.where('family', '=', family);
    const out = { ready: 0, done: 0, dead: 0 };
    for (const r of await query.execute()) out[r.status as keyof typeof out] = Number(r.n);
    return out;
  }

  async purgeDone(before: string): Promise<number> {
    const res = await this.s.write((db) =>
      db.deleteFrom('bus_messages').where('status', '=', 'done').where('settled_at', '<', isoTimestamp(before, 'before')).executeTakeFirst(),
    );
    return Number(res.numDeletedRows);
  }
}
