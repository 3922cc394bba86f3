import type { ApprovalRecord, ApprovalStore } from '../ports/approval-store.js';
import type { MemorySession } from './memory-tables.js';

/**
 * Approvals in memory, in arrival order like the SQL table's identity column.
 *
 * @example
 * await createMemoryStore().approvals.record({ violationId: 'v1', decision: 'approved', by: 'alice', reason: null, at });
 */
export class MemoryApprovalStore implements ApprovalStore {
  constructor(private readonly s: MemorySession) {}

  async record(a: ApprovalRecord): Promise<void> {
    await this.s.write((t) => {
      t.approvals.push({ ...a });
    });
  }

  async latest(violationIds: string[], since: string | ReadonlyMap<string, string>): Promise<Map<string, ApprovalRecord>> {
    const ids = new Set(violationIds);
    const out = new Map<string, ApprovalRecord>();
    for (const a of this.s.read().approvals) {
      if (!ids.has(a.violationId)) continue;
      const from = typeof since === 'string' ? since : since.get(a.violationId);
      if (from !== undefined && a.at < from) continue;
      out.set(a.violationId, { ...a });
    }
    return out;
  }

  async history(violationId: string): Promise<ApprovalRecord[]> {
    return this.s.read().approvals.filter((a) => a.violationId === violationId).map((a) => ({ ...a }));
  }
}
