import { isoTimestamp } from '../iso-timestamp.js';
import type { BusQueueStore, DeadMessage, QueuedMessage, SettleOutcome } from '../ports/bus-queue-store.js';
import { compareText, type MemoryBusMessage, type MemorySession } from './memory-tables.js';

/**
 * The embedded bus's queue in memory, with the SQL store's semantics (the writer queue serialises claims).
 *
 * @example
 * const store = createMemoryStore();
 * await store.busQueue.enqueue([{ family: 's3', key: 'v-1:4', payload: message, at }]);
 */
export class MemoryBusQueueStore implements BusQueueStore {
  constructor(private readonly s: MemorySession) {}

  async enqueue(rows: readonly { family: string; key: string; payload: Record<string, unknown>; at: string }[]): Promise<number> {
    const checked = rows.map((r) => ({ ...r, at: isoTimestamp(r.at, 'at'), json: JSON.stringify(r.payload) }));
    return this.s.write((t) => {
      let inserted = 0;
      for (const r of checked) {
        if (t.busKeys.has(r.key)) continue;
        const seq = t.busMessages.size === 0 ? 1 : Math.max(...t.busKeys.values()) + 1;
        t.busKeys.set(r.key, seq);
        t.busMessages.set(seq, { seq, key: r.key, family: r.family, payload: r.json, status: 'ready', attempts: 0, availableAt: 0, claimId: null, lastError: null, settledAt: null });
        inserted++;
      }
      return inserted;
    });
  }

  async claim(family: string, o: { max: number; nowMs: number; leaseMs: number; claimId: string; maxDeliver: number; at: string }): Promise<QueuedMessage[]> {
    const at = isoTimestamp(o.at, 'at');
    return this.s.write((t) => {
      const ready = [...t.busMessages.values()].filter((m) => m.family === family && m.status === 'ready' && m.availableAt <= o.nowMs).sort((a, b) => a.seq - b.seq);
      const out: QueuedMessage[] = [];
      for (const m of ready) {
        if (m.attempts >= o.maxDeliver) {
          const note = `[delivered ${o.maxDeliver} times without a settle: the worker died or hung each time]`;
          t.busMessages.set(m.seq, { ...m, status: 'dead', settledAt: at, claimId: null, lastError: m.lastError ? `${m.lastError} ${note}` : note });
          continue;
        }
        if (out.length >= o.max) continue;
        const claimed: MemoryBusMessage = { ...m, attempts: m.attempts + 1, availableAt: o.nowMs + o.leaseMs, claimId: o.claimId };
        t.busMessages.set(m.seq, claimed);
        out.push({ seq: m.seq, family: m.family, key: m.key, payload: JSON.parse(m.payload), attempts: claimed.attempts, claimId: o.claimId });
      }
      return out;
    });
  }

  async settle(seq: number, claimId: string, outcome: SettleOutcome): Promise<boolean> {
    const at = outcome.status === 'ready' ? null : isoTimestamp(outcome.at, 'at');
    return this.s.write((t) => {
      const m = t.busMessages.get(seq);
      if (!m || m.claimId !== claimId || m.status !== 'ready') return false;
      t.busMessages.set(
        seq,
        outcome.status === 'ready'
          ? { ...m, availableAt: outcome.availableAtMs, lastError: outcome.reason, claimId: null, attempts: outcome.uncounted ? m.attempts - 1 : m.attempts }
          : outcome.status === 'dead'
            ? { ...m, status: 'dead', settledAt: at, lastError: outcome.reason, claimId: null }
            : { ...m, status: 'done', settledAt: at, claimId: null },
      );
      return true;
    });
  }

  async listDead(q: { family?: string; limit?: number } = {}): Promise<DeadMessage[]> {
    const rows = [...this.s.read().busMessages.values()]
      .filter((m) => m.status === 'dead' && (!q.family || m.family === q.family))
      .sort((a, b) => compareText(a.settledAt ?? '', b.settledAt ?? '') || a.seq - b.seq)
      .slice(0, q.limit ?? Infinity);
    return rows.map((m) => ({ family: m.family, key: m.key, payload: JSON.parse(m.payload), attempts: m.attempts, reason: m.lastError ?? '', settledAt: m.settledAt ?? '' }));
  }

  async counts(family?: string): Promise<{ ready: number; done: number; dead: number }> {
    const out = { ready: 0, done: 0, dead: 0 };
    for (const m of this.s.read().busMessages.values()) if (!family || m.family === family) out[m.status]++;
    return out;
  }

  async purgeDone(before: string): Promise<number> {
    const cut = isoTimestamp(before, 'before');
    return this.s.write((t) => {
      let n = 0;
      for (const m of [...t.busMessages.values()]) {
        if (m.status === 'done' && compareText(m.settledAt ?? '', cut) < 0) {
          t.busMessages.delete(m.seq);
          t.busKeys.delete(m.key);
          n++;
        }
      }
      return n;
    });
  }
}
