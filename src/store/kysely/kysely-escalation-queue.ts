import { sql } from 'kysely';
import type { Violation } from '../../violations/violation.js';
import { isoOrNull, isoTimestamp } from '../iso-timestamp.js';
import { SCHEDULED_STATES, type DueCursor, type EscalationQueue, type LadderFields } from '../ports/escalation-queue.js';
import { violationConflict } from '../store-errors.js';
import type { KyselySession } from './kysely-session.js';
import { toViolation } from './row-mappers.js';
import { chunk } from './store-filters.js';

/** The ladder columns `advance` sets, in parameter order (then id and the expected old version). */
const LADDER_COLUMNS = ['owner', 'state', 'reminders_sent', 'state_changed_at', 'next_action_at', 'resolved_at', 'resolution', 'version'] as const;

const ladderParams = (s: LadderFields): unknown[] => [
  s.owner ?? null,
  s.state,
  s.remindersSent,
  isoTimestamp(s.stateChangedAt, 'stateChangedAt'),
  isoOrNull(s.nextActionAt, 'nextActionAt'),
  isoOrNull(s.resolvedAt, 'resolvedAt'),
  s.resolution ?? null,
  s.version,
];

/** Rows per many-row update on PostgreSQL: 10 parameters each, far below the bind limit. */
const ADVANCE_CHUNK = 2_000;

/**
 * The manager's work queue over the `violations_due_key (next_action_at, id)` index, read in key
 * order with keyset pagination. On PostgreSQL the batch is locked `FOR UPDATE SKIP LOCKED`: inside
 * the manager's transaction a second manager skips these rows instead of waiting for them, and after
 * the commit they are no longer due.
 */
export class KyselyEscalationQueue implements EscalationQueue {
  constructor(private readonly s: KyselySession) {}

  async claimDue(q: { now: string; limit: number; after?: DueCursor }): Promise<Violation[]> {
    let qb = this.s.db
      .selectFrom('violations')
      .selectAll()
      .where('next_action_at', '<=', q.now)
      .where('state', 'in', [...SCHEDULED_STATES])
      .orderBy('next_action_at')
      .orderBy('id')
      .limit(Math.max(0, Math.trunc(q.limit)));
    const after = q.after;
    if (after) qb = qb.where((eb) => eb(eb.refTuple('next_action_at', 'id'), '>', eb.tuple(after.nextActionAt, after.id)));
    if (this.s.dialect.kind === 'postgres') qb = qb.forUpdate().skipLocked();
    return (await qb.execute()).map(toViolation);
  }

  async advance(steps: LadderFields[]): Promise<void> {
    if (steps.length === 0) return;
    const { dialect } = this.s;
    await this.s.write(async (db) => {
      const lost: string[] = [];
      if (dialect.runPreparedEach) {
        // In-process SQLite: one prepared single-row update per step, no VALUES join to plan.
        const text = `update "violations" set ${LADDER_COLUMNS.map((c) => `"${c}" = ?`).join(', ')} where "id" = ? and "version" = ?`;
        for (const s of steps) if (dialect.runPreparedEach(text, [[...ladderParams(s), s.id, s.version - 1]]).changes !== 1) lost.push(s.id);
      } else {
        for (const part of chunk(steps, ADVANCE_CHUNK)) {
          const tuples = part.map((s) => {
            const [owner, state, reminders, changedAt, nextAt, resolvedAt, resolution, version] = ladderParams(s);
            return sql`(${s.id}, ${owner}, ${state}, cast(${reminders} as integer), ${changedAt}, ${nextAt}, ${resolvedAt}, ${resolution}, cast(${version} as integer))`;
          });
          const res = await sql<{ id: string }>`update violations set owner = n.owner, state = n.state, reminders_sent = n.reminders_sent, state_changed_at = n.state_changed_at,
              next_action_at = n.next_action_at, resolved_at = n.resolved_at, resolution = n.resolution, version = n.version
            from (values ${sql.join(tuples)}) as n (id, owner, state, reminders_sent, state_changed_at, next_action_at, resolved_at, resolution, version)
            where violations.id = n.id and violations.version = n.version - 1
            returning violations.id`.execute(db);
          const done = new Set(res.rows.map((r) => r.id));
          for (const s of part) if (!done.has(s.id)) lost.push(s.id);
        }
      }
      // The write is atomic: throwing rolls back the rows that did change.
      if (lost.length) throw violationConflict(lost);
    });
  }
}
