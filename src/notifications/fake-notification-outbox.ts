import type { AuditEventInput } from '../audit/audit-event.js';
import type { NotificationOutbox, OutboxEntry, OutboxRow, OutboxState } from './notification-outbox.js';

interface Held extends OutboxRow {
  leasedBy: string | null;
  leaseUntil: string | null;
  createdAt: string;
}

/**
 * The in-memory outbox for unit tests: the same lease rules as the real stores (a claimed row is
 * hidden until its lease expires; only the lease holder settles it). `events` collects the audit
 * events the real store would write in the settling transaction.
 */
export class FakeNotificationOutbox implements NotificationOutbox {
  readonly events: AuditEventInput[] = [];
  readonly #rows = new Map<string, Held>();
  #seq = 0;

  async enqueue(entries: OutboxEntry[], at: string): Promise<void> {
    for (const e of entries) {
      if ([...this.#rows.values()].some((r) => r.key === e.key)) continue;
      const id = `ob-${++this.#seq}`;
      this.#rows.set(id, { ...structuredClone(e), id, state: 'pending', attempts: 0, nextAttemptAt: at, lastError: null, leasedBy: null, leaseUntil: null, createdAt: at });
    }
  }

  async claimPending(opts: { now: string; limit: number; leaseMs: number; worker: string }): Promise<OutboxRow[]> {
    const until = new Date(new Date(opts.now).getTime() + opts.leaseMs).toISOString();
    const due = [...this.#rows.values()]
      .filter((r) => r.state === 'pending' && r.nextAttemptAt <= opts.now && (r.leaseUntil === null || r.leaseUntil <= opts.now))
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.createdAt.localeCompare(b.createdAt))
      .slice(0, opts.limit);
    for (const r of due) Object.assign(r, { leasedBy: opts.worker, leaseUntil: until });
    return due.map(strip);
  }

  async markSent(id: string, opts: { worker: string; at: string; event: AuditEventInput }): Promise<boolean> {
    const r = this.#held(id, opts.worker);
    if (!r) return false;
    Object.assign(r, { state: 'sent', leasedBy: null, leaseUntil: null });
    this.events.push(opts.event);
    return true;
  }

  async markFailed(id: string, opts: { worker: string; at: string; error: string; retryAt: string | null; event: AuditEventInput }): Promise<boolean> {
    const r = this.#held(id, opts.worker);
    if (!r) return false;
    Object.assign(r, { attempts: r.attempts + 1, lastError: opts.error, state: opts.retryAt ? 'pending' : 'dead', nextAttemptAt: opts.retryAt ?? r.nextAttemptAt, leasedBy: null, leaseUntil: null });
    this.events.push(opts.event);
    return true;
  }

  async list(q: { state?: OutboxState; limit?: number } = {}): Promise<OutboxRow[]> {
    return [...this.#rows.values()]
      .filter((r) => !q.state || r.state === q.state)
      .reverse()
      .slice(0, q.limit ?? Infinity)
      .map(strip);
  }

  #held(id: string, worker: string): Held | undefined {
    const r = this.#rows.get(id);
    return r && r.state === 'pending' && r.leasedBy === worker ? r : undefined;
  }
}

const strip = ({ leasedBy: _l, leaseUntil: _u, createdAt: _c, ...row }: Held): OutboxRow => structuredClone(row);
