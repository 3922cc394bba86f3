import type { ReportClaim, ReportClaimStore } from '../ports/report-claim-store.js';
import type { KyselySession } from './kysely-session.js';

/**
 * Report claims over SQLite or PostgreSQL: the primary key (plan, slot) lets one insert win; a
 * take-over is one conditional update (the lease ran out, the slot is not done), so two managers
 * cannot both take it.
 *
 * @example await new KyselyReportClaimStore(session).claim('weekly-dora', slot, 'manager:7f3a', now, leaseUntil); // 'claimed'
 */
export class KyselyReportClaimStore implements ReportClaimStore {
  constructor(private readonly s: KyselySession) {}

  async claim(plan: string, slot: string, owner: string, now: string, leaseUntil: string): Promise<ReportClaim> {
    return this.s.write(async (db) => {
      const inserted = await db
        .insertInto('report_claims')
        .values({ plan, slot, owner, lease_until: leaseUntil, done_at: null })
        .onConflict((oc) => oc.columns(['plan', 'slot']).doNothing())
        .returning('plan')
        .executeTakeFirst();
      if (inserted) return 'claimed';
      const taken = await db
        .updateTable('report_claims')
        .set({ owner, lease_until: leaseUntil })
        .where('plan', '=', plan)
        .where('slot', '=', slot)
        .where('done_at', 'is', null)
        .where((eb) => eb.or([eb('owner', '=', owner), eb('lease_until', '<=', now)]))
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) return 'claimed';
      const row = await db.selectFrom('report_claims').select('done_at').where('plan', '=', plan).where('slot', '=', slot).executeTakeFirst();
      return row?.done_at ? 'done' : 'held';
    });
  }

  async complete(plan: string, slot: string, owner: string, at: string): Promise<void> {
    await this.s.write((db) => db.updateTable('report_claims').set({ done_at: at }).where('plan', '=', plan).where('slot', '=', slot).where('owner', '=', owner).execute());
  }
}
