import type { Violation } from '../../violations/violation.js';
import { SCHEDULED_STATES, type EscalationQueue } from '../ports/escalation-queue.js';
import { compareText, type MemorySession } from './memory-tables.js';

const SCHEDULED: ReadonlySet<string> = new Set(SCHEDULED_STATES);

/**
 * The manager's work queue in memory: a scan of the violations (the fake has no index). Its writer
 * queue already runs one transaction at a time, which is what row locks give the databases.
 *
 * @example
 * const due = await createMemoryStore().escalation.claimDue({ now, limit: 100 });
 */
export class MemoryEscalationQueue implements EscalationQueue {
  constructor(private readonly s: MemorySession) {}

  async claimDue(q: { now: string; limit: number }): Promise<Violation[]> {
    const due: Violation[] = [];
    for (const v of this.s.read().violations.values()) if (v.nextActionAt !== null && v.nextActionAt <= q.now && SCHEDULED.has(v.state)) due.push(v);
    due.sort((a, b) => compareText(a.nextActionAt!, b.nextActionAt!) || compareText(a.id, b.id));
    return due.slice(0, Math.max(0, q.limit)).map((v) => structuredClone(v));
  }
}
