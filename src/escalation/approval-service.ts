import type { Clock } from '../common/clock.js';
import { VigilError } from '../common/vigil-error.js';
import type { VigilConfig } from '../config/vigil-config.js';
import type { StorePorts } from '../store/store.js';
import type { Violation } from '../violations/violation.js';

/**
 * Who may approve disruptive enforcement and exceptions: members of the configured security team
 * (`owners.securityTeam`) and members of any team flagged `security: true`, by name or e-mail.
 *
 * @example securityApprovers(config).has('alice@example.com'); // true
 */
export const securityApprovers = (config: Pick<VigilConfig, 'owners' | 'teams'>): Set<string> => {
  const out = new Set<string>();
  for (const [name, team] of Object.entries(config.teams ?? {})) {
    for (const m of team.members ?? []) {
      if (name !== config.owners.securityTeam && !m.security) continue;
      out.add(m.name);
      if (m.email) out.add(m.email);
    }
  }
  return out;
};

export interface ApprovalStoreLike {
  violations: Pick<StorePorts['violations'], 'get'>;
  transaction<T>(fn: (tx: Pick<StorePorts, 'violations' | 'approvals' | 'audit'>) => Promise<T>): Promise<T>;
}

/**
 * `vigil approve` / `vigil reject`: records a security team member's decision on a violation waiting
 * for approval, with who and when, and schedules the violation for the next manager run (which
 * requests enforcement, carrying the approval, or marks it rejected). Decision, schedule and audit
 * event are one transaction.
 *
 * @example
 * await approvals.decide('v-3f2a', 'approved', 'alice@example.com', 'CHG-42'); // the violation, rescheduled
 */
export class ApprovalService {
  constructor(private readonly deps: { store: ApprovalStoreLike; clock: Clock; approvers: ReadonlySet<string> }) {}

  async decide(violationId: string, decision: 'approved' | 'rejected', by: string, reason: string | null = null): Promise<Violation> {
    if (!this.deps.approvers.has(by)) {
      throw new VigilError('approval.forbidden', `"${by}" is not a member of the security team: only its members may approve or reject enforcement (config owners.securityTeam, or members with security: true)`, {
        status: 403,
        details: { by },
      });
    }
    const at = this.deps.clock.now().toISOString();
    return this.deps.store.transaction(async (tx) => {
      const v = await tx.violations.get(violationId);
      if (!v) throw new VigilError('violation.not-found', `no violation ${violationId} (see \`vigil violations list\`)`, { status: 404, details: { id: violationId } });
      if (v.state !== 'awaiting-approval') {
        throw new VigilError('approval.not-waiting', `violation ${violationId} is ${v.state}, not awaiting approval: there is nothing to ${decision === 'approved' ? 'approve' : 'reject'}`, {
          status: 409,
          details: { id: violationId, state: v.state },
        });
      }
      const next = { ...v, nextActionAt: at, version: v.version + 1 };
      await tx.approvals.record({ violationId, decision, by, reason, at });
      await tx.violations.update([next]);
      await tx.audit.append([{ type: decision === 'approved' ? 'violation.approved' : 'violation.rejected', subjectKind: 'violation', subjectId: violationId, actor: `user:${by}`, at, data: { by, reason, step: v.remindersSent + 1 } }]);
      return next;
    });
  }
}
