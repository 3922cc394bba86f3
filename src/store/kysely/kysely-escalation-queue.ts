import type { Violation } from '../../violations/violation.js';
import { SCHEDULED_STATES, type EscalationQueue } from '../ports/escalation-queue.js';
import type { KyselySession } from './kysely-session.js';
import { toViolation } from './row-mappers.js';

/**
 * The manager's work queue over the `violations_due (next_action_at, state)` index. On PostgreSQL the
 * batch is locked `FOR UPDATE SKIP LOCKED`: inside the manager's transaction a second manager skips
 * these rows instead of waiting for them, and after the commit they are no longer due.
 */
export class KyselyEscalationQueue implements EscalationQueue {
  constructor(private readonly s: KyselySession) {}

  async claimDue(q: { now: string; limit: number }): Promise<Violation[]> {
    let qb = this.s.db
      .selectFrom('violations')
      .selectAll()
      .where('next_action_at', '<=', q.now)
      .where('state', 'in', [...SCHEDULED_STATES])
      .orderBy('next_action_at')
      .orderBy('id')
      .limit(Math.max(0, Math.trunc(q.limit)));
    if (this.s.dialect.kind === 'postgres') qb = qb.forUpdate().skipLocked();
    return (await qb.execute()).map(toViolation);
  }
}
