import { randomUUID } from 'node:crypto';
import { keepFresh } from '../kysely/kysely-outbox-store.js';
import { outboxKeys, type EnqueueResult, type OutboxFailure, type OutboxMessage, type OutboxQuery, type OutboxRow, type OutboxStore } from '../ports/outbox-store.js';

/** The outbox's rows and keys: shared by every MemoryOutboxStore over the same "database". */
export interface MemoryOutboxTables {
  rows: Map<number, OutboxRow>;
  keys: Map<string, number>;
  nextId: number;
}

export const emptyOutboxTables = (): MemoryOutboxTables => ({ rows: new Map(), keys: new Map(), nextId: 1 });

const copy = (r: OutboxRow): OutboxRow => structuredClone(r);

/**
 * The owned in-memory fake of the outbox, for unit tests of the manager and the delivery worker. It
 * passes the same contract suite as the SQLite and PostgreSQL implementations (outbox-store.test.ts).
 * Every call is synchronous inside, so two callers can never interleave within one claim.
 *
 * @example
 * const outbox = new MemoryOutboxStore();
 * await outbox.enqueue([{ kind: 'notification', topic: 'payments', payload: digest }], at);
 */
export class MemoryOutboxStore implements OutboxStore {
  constructor(readonly tables: MemoryOutboxTables = emptyOutboxTables()) {}

  async enqueue(messages: OutboxMessage[], at: string): Promise<EnqueueResult> {
    const result: EnqueueResult = { ids: [], duplicateKeys: [] };
    for (const m of messages) {
      const keys = outboxKeys(m);
      const fresh = new Set(keys.filter((k) => !this.tables.keys.has(k)));
      for (const k of keys) if (!fresh.has(k)) result.duplicateKeys.push(k);
      const kept = keepFresh(m, keys, fresh);
      if (!kept) continue;
      const id = this.tables.nextId++;
      for (const k of fresh) this.tables.keys.set(k, id);
      this.tables.rows.set(id, {
        ...structuredClone(kept),
        id,
        status: 'pending',
        attempts: 0,
        createdAt: at,
        nextAttemptAt: at,
        claimToken: null,
        leaseUntil: null,
        sentAt: null,
        lastError: null,
      });
      result.ids.push(id);
    }
    return result;
  }

  async claimPending(q: { limit: number; leaseMs: number; now: string; kind?: OutboxMessage['kind']; topic?: string }): Promise<OutboxRow[]> {
    const token = randomUUID();
    const until = new Date(Date.parse(q.now) + q.leaseMs).toISOString();
    const out: OutboxRow[] = [];
    for (const r of [...this.tables.rows.values()].sort((a, b) => a.id - b.id)) {
      if (out.length >= q.limit) break;
      if (r.status !== 'pending' || r.nextAttemptAt > q.now || (r.leaseUntil !== null && r.leaseUntil > q.now)) continue;
      if ((q.kind && r.kind !== q.kind) || (q.topic && r.topic !== q.topic)) continue;
      const claimed = { ...r, claimToken: token, leaseUntil: until };
      this.tables.rows.set(r.id, claimed);
      out.push(copy(claimed));
    }
    return out;
  }

  async markSent(id: number, claimToken: string, at: string): Promise<boolean> {
    const r = this.tables.rows.get(id);
    if (!r || r.claimToken !== claimToken || r.status !== 'pending') return false;
    this.tables.rows.set(id, { ...r, status: 'sent', sentAt: at, claimToken: null, leaseUntil: null });
    return true;
  }

  async markFailed(id: number, claimToken: string, f: OutboxFailure): Promise<boolean> {
    const r = this.tables.rows.get(id);
    if (!r || r.claimToken !== claimToken || r.status !== 'pending') return false;
    this.tables.rows.set(id, {
      ...r,
      status: f.nextAttemptAt === null ? 'dead' : 'pending',
      attempts: f.attempts,
      nextAttemptAt: f.nextAttemptAt ?? f.at,
      lastError: f.error.slice(0, 2_000),
      claimToken: null,
      leaseUntil: null,
    });
    return true;
  }

  async get(id: number): Promise<OutboxRow | undefined> {
    const r = this.tables.rows.get(id);
    return r && copy(r);
  }

  async list(q: OutboxQuery = {}): Promise<OutboxRow[]> {
    const rows = [...this.tables.rows.values()]
      .filter((r) => (!q.kind || r.kind === q.kind) && (!q.status || r.status === q.status) && (!q.topic || r.topic === q.topic))
      .sort((a, b) => a.id - b.id);
    return (q.limit === undefined ? rows : rows.slice(0, q.limit)).map(copy);
  }
}
