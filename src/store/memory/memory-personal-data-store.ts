import { personRef } from '../../audit/personal-data-seal.js';
import { erasureReplacements, scrubText, type ErasureCounts, type PersonalDataStore } from '../ports/personal-data-store.js';
import type { MemorySession } from './memory-tables.js';

/** Erasure in memory: the same replacements on the rows' JSON text as the SQL stores make. */
export class MemoryPersonalDataStore implements PersonalDataStore {
  constructor(private readonly s: MemorySession) {}

  async erase(person: string, replacement: string): Promise<ErasureCounts> {
    const pairs = erasureReplacements(person, replacement);
    const json = <T>(v: T): T => JSON.parse(scrubText(JSON.stringify(v), pairs)) as T;
    const counts: ErasureCounts = { resources: 0, violations: 0, notifications: 0, approvals: 0, auditKeys: 0 };
    await this.s.write((t) => {
      for (const [arn, r] of t.resources) {
        const next = { ...r, owner: r.owner === person ? null : r.owner, tags: scrubText(r.tags, pairs), config: r.config === null ? null : scrubText(r.config, pairs) };
        if (next.owner !== r.owner || next.tags !== r.tags || next.config !== r.config) (t.resources.set(arn, next), counts.resources++);
      }
      for (const [id, v] of t.violations) {
        const userArn = !person.includes('@') && !person.includes('/') && /^arn:aws[a-z-]*:iam::\d*:user\//.test(v.resourceArn) && v.resourceArn.endsWith(`/${person}`);
        const next = { ...v, owner: v.owner === person ? null : v.owner, evidence: json(v.evidence), resourceArn: userArn ? v.resourceArn.slice(0, -person.length) + replacement : v.resourceArn };
        if (next.resourceArn !== v.resourceArn || next.owner !== v.owner || JSON.stringify(next.evidence) !== JSON.stringify(v.evidence)) (t.violations.set(id, next), counts.violations++);
      }
      for (const [id, row] of t.outbox.rows) {
        if (row.kind !== 'notification') continue;
        const next = { ...row, topic: row.topic === person ? replacement : row.topic, payload: json(row.payload) };
        if (next.topic !== row.topic || JSON.stringify(next.payload) !== JSON.stringify(row.payload)) (t.outbox.rows.set(id, next), counts.notifications++);
      }
      if (t.personKeys.delete(personRef(person))) counts.auditKeys++;
      t.approvals = t.approvals.map((a) => {
        const reason = a.reason !== null && person.includes('@') ? a.reason.split(person).join(replacement) : a.reason;
        if (a.by !== person && reason === a.reason) return a;
        counts.approvals++;
        return { ...a, by: a.by === person ? replacement : a.by, reason };
      });
    });
    return counts;
  }

  async purgeFreed(): Promise<void> {}
}
