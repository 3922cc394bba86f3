import type { ApprovalRecord, ApprovalStore } from '../ports/approval-store.js';
import { escalationDb, type EscalationSession } from './escalation-session.js';

const IN_CHUNK = 1_000;

/** Approvals over SQLite or PostgreSQL: an append-only table, read back newest first per violation. */
export class KyselyApprovalStore implements ApprovalStore {
  constructor(private readonly s: EscalationSession) {}

  async record(a: ApprovalRecord): Promise<void> {
    await this.s.write((db) =>
      escalationDb(db).insertInto('approvals').values({ violation_id: a.violationId, decision: a.decision, by: a.by, reason: a.reason, at: a.at }).execute(),
    );
  }

  async latest(violationIds: string[], since: string | ReadonlyMap<string, string>): Promise<Map<string, ApprovalRecord>> {
    const out = new Map<string, ApprovalRecord>();
    for (let i = 0; i < violationIds.length; i += IN_CHUNK) {
      const rows = await escalationDb(this.s.db)
        .selectFrom('approvals')
        .selectAll()
        .where('violation_id', 'in', violationIds.slice(i, i + IN_CHUNK))
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const from = typeof since === 'string' ? since : since.get(r.violation_id);
        if (from !== undefined && r.at < from) continue;
        out.set(r.violation_id, toRecord(r));
      }
    }
    return out;
  }

  async history(violationId: string): Promise<ApprovalRecord[]> {
    const rows = await escalationDb(this.s.db).selectFrom('approvals').selectAll().where('violation_id', '=', violationId).orderBy('id').execute();
    return rows.map(toRecord);
  }
}

const toRecord = (r: { violation_id: string; decision: string; by: string; reason: string | null; at: string }): ApprovalRecord => ({
  violationId: r.violation_id,
  decision: r.decision as ApprovalRecord['decision'],
  by: r.by,
  reason: r.reason,
  at: r.at,
});
