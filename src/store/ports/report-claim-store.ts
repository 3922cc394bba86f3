/** What a claim on a report plan's slot found. */
export type ReportClaim =
  /** This owner now holds the slot (it was free, its holder's lease ran out, or it already held it). */
  | 'claimed'
  /** Another owner holds it under a lease that has not run out: it is producing the run. */
  | 'held'
  /** The slot's run was delivered already. */
  | 'done';

/**
 * Claims on scheduled report runs, so that several manager processes on one store produce and deliver
 * each (plan, slot) once: one row per (plan, slot), unique in the database. A holder that crashes
 * leaves its claim behind; once its lease runs out another manager may take the slot over.
 *
 * @example
 * if ((await store.reportClaims.claim('weekly-dora', '2026-12-07T06:00:00.000Z', 'manager:7f3a', now, leaseUntil)) === 'claimed') {
 *   // produce and deliver, then:
 *   await store.reportClaims.complete('weekly-dora', '2026-12-07T06:00:00.000Z', 'manager:7f3a', doneAt);
 * }
 */
export interface ReportClaimStore {
  /** Claims the slot for `owner` until `leaseUntil` (ISO-8601); `now` decides whether another holder's lease ran out. */
  claim(plan: string, slot: string, owner: string, now: string, leaseUntil: string): Promise<ReportClaim>;
  /** Marks the owner's slot delivered: later claims answer `done`. */
  complete(plan: string, slot: string, owner: string, at: string): Promise<void>;
}
