import type { Violation } from '../../violations/violation.js';
import { violationConflict } from '../store-errors.js';
import { SCHEDULED_STATES, type DueCursor, type EscalationQueue, type LadderFields } from '../ports/escalation-queue.js';
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

  async claimDue(q: { now: string; limit: number; after?: DueCursor }): Promise<Violation[]> {
    const due: Violation[] = [];
    const after = q.after;
    const past = (v: Violation): boolean => !after || compareText(v.nextActionAt!, after.nextActionAt) > 0 || (v.nextActionAt === after.nextActionAt && compareText(v.id, after.id) > 0);
    for (const v of this.s.read().violations.values()) if (v.nextActionAt !== null && v.nextActionAt <= q.now && SCHEDULED.has(v.state) && past(v)) due.push(v);
    due.sort((a, b) => compareText(a.nextActionAt!, b.nextActionAt!) || compareText(a.id, b.id));
    return due.slice(0, Math.max(0, q.limit)).map((v) => structuredClone(v));
  }

  async advance(steps: LadderFields[]): Promise<void> {
    if (steps.length === 0) return;
    await this.s.write((t) => {
      const next = new Map<string, Violation>();
      const lost: string[] = [];
      for (const step of steps) {
        const stored = next.get(step.id) ?? t.violations.get(step.id);
        if (!stored || stored.version !== step.version - 1) lost.push(step.id);
        else next.set(step.id, { ...stored, ...pickLadder(step) });
      }
      if (lost.length > 0) throw violationConflict(lost);
      for (const [id, v] of next) t.violations.set(id, v);
    });
  }
}

const pickLadder = (s: LadderFields): LadderFields => ({
  id: s.id, version: s.version, owner: s.owner, state: s.state, remindersSent: s.remindersSent,
  stateChangedAt: s.stateChangedAt, nextActionAt: s.nextActionAt, resolvedAt: s.resolvedAt, resolution: s.resolution,
});
