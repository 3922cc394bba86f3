import type { FastifyInstance } from 'fastify';
import { VigilError } from '../common/vigil-error.js';
import type { ApprovalService } from '../escalation/approval-service.js';
import { callerOf } from './request-caller.js';

/**
 * `POST /api/violations/:id/approve` and `/reject`, body `{ "reason": "CHG-42" }` (optional): the
 * same decision as `vigil approve|reject`, through the same ApprovalService (the decider must be a
 * security team member; decision, reschedule and `violation.approved|rejected` event in one
 * transaction), decided by the signed-in caller (role approver or admin): the trail's actor is
 * `user:<subject>`, never a name the client types.
 *
 * @example
 * registerApprovalRoutes(app, approvals);
 * await app.inject({ method: 'POST', url: '/api/violations/v-3f2a/approve', headers: { authorization: 'Bearer vgl_…' }, payload: { reason: 'CHG-42' } });
 * // 200 { id: 'v-3f2a', decision: 'approved', by: 'alice@example.com', nextActionAt: '…' }
 */
export function registerApprovalRoutes(app: FastifyInstance, approvals: Pick<ApprovalService, 'decide'>): void {
  for (const [path, decision] of [['approve', 'approved'], ['reject', 'rejected']] as const) {
    app.post(`/api/violations/:id/${path}`, { config: { role: 'approver' }, bodyLimit: 16_384 }, async (request) => {
      const caller = callerOf(request);
      // The role check runs first (preHandler); a caller is always there by now.
      if (!caller) throw new VigilError('auth.required', 'sign in first', { status: 401 });
      const { id } = request.params as { id: string };
      const body = (request.body ?? {}) as { reason?: unknown };
      if (body.reason !== undefined && body.reason !== null && (typeof body.reason !== 'string' || body.reason.length > 2_000)) {
        throw new VigilError('request.invalid', 'reason must be text of at most 2,000 characters', { status: 400 });
      }
      const reason = typeof body.reason === 'string' && body.reason.trim() ? body.reason.trim() : null;
      const v = await approvals.decide(id, decision, caller.subject, reason);
      return { id, decision, by: caller.subject, reason, nextActionAt: v.nextActionAt };
    });
  }
}
