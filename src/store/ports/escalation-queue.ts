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
  /**
   * Up to `limit` violations in states the manager moves whose next action is at or before `now`, in
   * (nextActionAt, id) order; `after` (the last row of the previous batch) continues past it, so rows
   * a batch left where they were are not handed back (keyset pagination over the due index).
   */
  claimDue(q: { now: string; limit: number; after?: DueCursor }): Promise<Violation[]>;
  /**
   * Writes the manager's steps: only the ladder fields of each violation (see LadderFields), each
   * from `version - 1` to `version`. A row another writer moved first fails the whole call with
   * `store.conflict` and writes nothing (inside a transaction: the transaction rolls back). Narrower
   * than `violations.update`: it leaves the evidence and the resource's indexed columns untouched.
   */
  advance(steps: LadderFields[]): Promise<void>;
}

/** Where a batch of claimDue ended. */
export interface DueCursor {
  nextActionAt: string;
  id: string;
}

/** What a ladder step changes on a violation; `version` is the new one. */
export type LadderFields = Pick<Violation, 'id' | 'version' | 'owner' | 'state' | 'remindersSent' | 'stateChangedAt' | 'nextActionAt' | 'resolvedAt' | 'resolution'>;

/** The states the manager moves on a schedule. */
export const SCHEDULED_STATES = ['open', 'reminded', 'due', 'awaiting-approval', 'failed', 'excepted', 'enforcing', 'enforced'] as const;
