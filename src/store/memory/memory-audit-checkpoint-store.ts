import type { AuditCheckpoint, AuditCheckpointStore } from '../ports/audit-checkpoint-store.js';
import type { Page } from '../ports/page.js';
import { writeConflict } from '../store-errors.js';
import { pageSlice, type MemorySession } from './memory-tables.js';

/**
 * Signed checkpoints in memory, kept in seq order.
 * @example await createMemoryStore().checkpoints.add(cp);
 */
export class MemoryAuditCheckpointStore implements AuditCheckpointStore {
  constructor(private readonly s: MemorySession) {}

  async add(cp: AuditCheckpoint): Promise<void> {
    await this.s.write((t) => {
      if (t.checkpoints.some((c) => c.seq === cp.seq)) throw writeConflict(`a checkpoint at seq ${cp.seq} exists`);
      t.checkpoints = [...t.checkpoints, { ...cp }].sort((a, b) => a.seq - b.seq);
    });
  }

  async list(q: Page & { afterSeq?: number; uptoSeq?: number } = {}): Promise<AuditCheckpoint[]> {
    const rows = this.s.read().checkpoints.filter((c) => (q.afterSeq === undefined || c.seq > q.afterSeq) && (q.uptoSeq === undefined || c.seq <= q.uptoSeq));
    return structuredClone(pageSlice(rows, q));
  }

  async latest(): Promise<AuditCheckpoint | undefined> {
    const c = this.s.read().checkpoints.at(-1);
    return c && { ...c };
  }
}
