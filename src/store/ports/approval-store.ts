/** A security team member's decision on a violation waiting for approval of disruptive enforcement. */
export interface ApprovalRecord {
  violationId: string;
  decision: 'approved' | 'rejected';
  /** Who decided (a security team member's name or e-mail, as configured). */
  by: string;
  reason: string | null;
  at: string;
}

/**
 * Approvals and rejections, append-only: who decided what and when. The latest decision per violation
 * since it began waiting is what the manager acts on.
 *
 * @example
 * await store.transaction(async (tx) => {
 *   await tx.approvals.record({ violationId: v.id, decision: 'approved', by: 'alice@example.com', reason: 'CHG-42', at });
 *   await tx.audit.append([{ type: 'violation.approved', subjectKind: 'violation', subjectId: v.id, actor: 'user:alice@example.com', at, data: {} }]);
 * });
 * (await store.approvals.latest([v.id], since)).get(v.id)?.decision; // 'approved'
 */
export interface ApprovalStore {
  record(a: ApprovalRecord): Promise<void>;
  /** Per violation, its latest decision recorded at or after `since` (per id: `since` may be a map of ids to instants). */
  latest(violationIds: string[], since: string | ReadonlyMap<string, string>): Promise<Map<string, ApprovalRecord>>;
  /** Every decision on one violation, oldest first. */
  history(violationId: string): Promise<ApprovalRecord[]>;
}
