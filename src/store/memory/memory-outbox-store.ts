import { randomUUID } from 'node:crypto';
import { keepFresh } from '../kysely/kysely-outbox-store.js';
import { outboxKeys, type EnqueueResult, type OutboxFailure, type OutboxMessage, type OutboxQuery, type OutboxRow, type OutboxStore } from '../ports/outbox-store.js';
import { emptyOutboxTables, emptyTables, type MemoryOutboxTables, type MemorySession } from './memory-tables.js';

export { emptyOutboxTables, type MemoryOutboxTables };

const copy = (r: OutboxRow): OutboxRow => structuredClone(r);

/** A session over nothing but an outbox: for tests of the delivery worker that need no other table. */
const outboxOnly = (outbox: MemoryOutboxTables): MemorySession => {
  const tables = { ...emptyTables(), outbox };
  return { read: () => tables, write: async (fn) => fn(tables) };
};

/**
 * The owned in-memory fake of the outbox. It passes the same contract suite as the SQLite and
 * PostgreSQL implementations (ports/outbox-store.test.ts). Every write runs alone (the session's
 * writer queue), so two callers can never interleave within one claim.
 *
 * @example
 * const outbox = createMemoryStore().outbox; // or, on its own: new MemoryOutboxStore()
 * await outbox.enqueue([{ kind: 'notification', topic: 'payments', payload: digest }], at);
 */
export class MemoryOutboxStore implements OutboxStore {
  private readonly s: MemorySession;

  /** A store's session, or (tests) an outbox's tables shared by several instances as by several workers. */
  constructor(s: MemorySession | MemoryOutboxTables = emptyOutboxTables()) {
    this.s = 'read' in s ? s : outboxOnly(s);
  }

  async enqueue(messages: OutboxMessage[], at: string): Promise<EnqueueResult> {
    return this.s.write(({ outbox }) => {
      const result: EnqueueResult = { ids: [], duplicateKeys: [] };
      for (const m of messages) {
        const keys = outboxKeys(m);
        const fresh = new Set(keys.filter((k) => !outbox.keys.has(k)));
        for (const k of keys) if (!fresh.has(k)) result.duplicateKeys.push(k);
        const kept = keepFresh(m, keys, fresh);
        if (!kept) continue;
        const id = outbox.nextId++;
        for (const k of fresh) outbox.keys.set(k, id);
        outbox.rows.set(id, {
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
    });
  }

  async claimPending(q: { limit: number; leaseMs: number; now: string; kind?: OutboxMessage['kind']; topic?: string }): Promise<OutboxRow[]> {
    const token = randomUUID();
    const until = new Date(Date.parse(q.now) + q.leaseMs).toISOString();
    return this.s.write(({ outbox }) => {
      const out: OutboxRow[] = [];
      for (const r of [...outbox.rows.values()].sort((a, b) => a.id - b.id)) {
        if (out.length >= q.limit) break;
        if (r.status !== 'pending' || r.nextAttemptAt > q.now || (r.leaseUntil !== null && r.leaseUntil > q.now)) continue;
        if ((q.kind && r.kind !== q.kind) || (q.topic && r.topic !== q.topic)) continue;
        const claimed = { ...r, claimToken: token, leaseUntil: until };
        outbox.rows.set(r.id, claimed);
        out.push(copy(claimed));
      }
      return out;
    });
  }

  async markSent(id: number, claimToken: string, at: string): Promise<boolean> {
    return this.s.write(({ outbox }) => {
      const r = outbox.rows.get(id);
      if (!r || r.claimToken !== claimToken || r.status !== 'pending') return false;
      outbox.rows.set(id, { ...r, status: 'sent', sentAt: at, claimToken: null, leaseUntil: null });
      return true;
    });
  }

  async markFailed(id: number, claimToken: string, f: OutboxFailure): Promise<boolean> {
    return this.s.write(({ outbox }) => {
      const r = outbox.rows.get(id);
      if (!r || r.claimToken !== claimToken || r.status !== 'pending') return false;
      outbox.rows.set(id, {
        ...r,
        status: f.nextAttemptAt === null ? 'dead' : 'pending',
        attempts: f.attempts,
        nextAttemptAt: f.nextAttemptAt ?? f.at,
        lastError: f.error.slice(0, 2_000),
        claimToken: null,
        leaseUntil: null,
      });
      return true;
    });
  }

  async get(id: number): Promise<OutboxRow | undefined> {
    const r = this.s.read().outbox.rows.get(id);
    return r && copy(r);
  }

  async list(q: OutboxQuery = {}): Promise<OutboxRow[]> {
    const rows = [...this.s.read().outbox.rows.values()]
      .filter((r) => (!q.kind || r.kind === q.kind) && (!q.status || r.status === q.status) && (!q.topic || r.topic === q.topic))
      .sort((a, b) => a.id - b.id);
    return (q.limit === undefined ? rows : rows.slice(0, q.limit)).map(copy);
  }
}
