import type { ReportClaim, ReportClaimStore } from '../ports/report-claim-store.js';
import type { MemorySession } from './memory-tables.js';

/** Report claims in memory: the same rules as the SQL stores, under the fake's writer queue. */
export class MemoryReportClaimStore implements ReportClaimStore {
  constructor(private readonly s: MemorySession) {}

  async claim(plan: string, slot: string, owner: string, now: string, leaseUntil: string): Promise<ReportClaim> {
    return this.s.write((t) => {
      const key = `${plan}\u0000${slot}`;
      const row = t.reportClaims.get(key);
      if (row?.doneAt) return 'done';
      if (row && row.owner !== owner && row.leaseUntil > now) return 'held';
      t.reportClaims.set(key, { owner, leaseUntil, doneAt: null });
      return 'claimed';
    });
  }

  async complete(plan: string, slot: string, owner: string, at: string): Promise<void> {
    await this.s.write((t) => {
      const key = `${plan}\u0000${slot}`;
      const row = t.reportClaims.get(key);
      if (row && row.owner === owner) t.reportClaims.set(key, { ...row, doneAt: at });
    });
  }
}
