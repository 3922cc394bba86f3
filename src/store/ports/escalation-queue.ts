import type { Violation } from '../../violations/violation.js';

/**
 * The escalation manager's work queue over the violations: the live (and excepted) violations whose
 * `nextActionAt` has come. Inside a transaction on PostgreSQL the rows are locked `FOR UPDATE SKIP
 * LOCKED`, so two managers running at once take disjoint batches and neither waits for the other;
 * SQLite has one writer at a time anyway. The optimistic version check on update backs this up.
 *
 * @example
 * await store.transaction(async (tx) => {
 *   const due = await tx.escalation.claimDue({ now, limit: 10_000 });
 *   // step each, then tx.violations.update(...), tx.audit.append(...), tx.outbox.enqueue(...)
 * });
 */
export interface EscalationQueue {
  /** Up to `limit` violations in states the manager moves whose next action is at or before `now`, soonest first. */
  claimDue(q: { now: string; limit: number }): Promise<Violation[]>;
}

/** The states the manager moves on a schedule. */
export const SCHEDULED_STATES = ['open', 'reminded', 'due', 'awaiting-approval', 'failed', 'excepted', 'enforcing', 'enforced'] as const;
