import type { AuditEventInput } from '../audit/audit-event.js';
import { enforcementKey } from '../violations/enforcement-message.js';
import { notificationKey } from '../notifications/notification.js';
import { isLive, type Violation } from '../violations/violation.js';
import type { Ladder } from './ladder.js';

/** An exception covering a violation now. */
export interface ActiveException {
  id: string;
  expiresAt: string;
}

/** The security team's latest decision on a violation waiting for approval. */
export interface ApprovalDecision {
  decision: 'approved' | 'rejected';
  by: string;
  at: string;
  reason?: string | null;
}

export interface StepContext {
  /** The manager run's instant (ISO-8601 UTC). */
  now: string;
  ladder: Ladder;
  /** The active exception that covers the violation now, if any. */
  exception: ActiveException | null;
  /** The latest decision recorded since the violation began waiting for approval, if any. */
  approval: ApprovalDecision | null;
  actor: string;
}

/** Why an owner hears from the manager. */
export type NotifyReason = 'reminder' | 'exception-expired' | 'enforcing' | 'awaiting-approval' | 'escalated' | 'overdue' | 'rejected';

export interface StepNotice {
  /** Who is told (the owner; the escalation team for `escalated`). */
  owner: string;
  step: number;
  /** The outbox dedupe key: this violation, this step, this round of the ladder. */
  key: string;
  reason: NotifyReason;
  /** When the ladder's end happens, if it is still ahead. */
  deadline: string | null;
}

export interface StepRequest {
  action: string;
  step: number;
  /** The enforcement idempotency key: this violation, this step, this round of the ladder. */
  key: string;
  approval: { by: string; at: string; reason?: string } | null;
}

/** One step of one violation: its new state (version bumped), the audit events, and what to send. */
export interface StepOutcome {
  violation: Violation;
  events: AuditEventInput[];
  notice: StepNotice | null;
  enforcement: StepRequest | null;
}

/**
 * A step is acted on from one stored version of the violation, and acting bumps the version: so
 * `violation:step@vN` names each step of each round of the ladder once. Two managers (or a retry after
 * a rollback) acting on the same stored step compute the same key; a ladder restarted after a
 * resolution or an exception acts from later versions, so its reminders are new messages.
 */
const roundKey = (base: string, version: number): string => `${base}@v${version}`;

const plus = (at: string, ms: number): string => new Date(Date.parse(at) + ms).toISOString();

/** States an exception can take a violation out of: enforcement not yet requested. */
const EXCEPTABLE = new Set(['open', 'reminded', 'due', 'awaiting-approval', 'failed']);

/**
 * The reminder ladder as a pure state machine: one call moves one violation at most one step at
 * `ctx.now`. Returns null when nothing is due (calling it again at the same instant after applying
 * its outcome returns null: the manager is idempotent per tick).
 *
 *   open/reminded(k<times) ─due→ reminded(k+1)                      (reminder k+1 to the owner)
 *   open/reminded(k≥times) ─due→ enforcing                          (enforce, risk safe, or approved)
 *                                awaiting-approval ─approved→ enforcing, ─rejected→ due
 *                                due, owner = team                   (escalate: team)
 *                                due                                 (nothing to enforce)
 *   any not-yet-enforcing live state ─exception→ excepted ─expired→ reminded(1) (owner told;
 *                                      with no reminders on the ladder: open, the end one interval later)
 *   resolved, enforcing, enforced: never moved by the manager.
 *
 * @example
 * const out = stepViolation(v, { now, ladder, exception: null, approval: null, actor: 'manager' });
 * out?.violation.state; // 'reminded'
 */
export const stepViolation = (v: Violation, ctx: StepContext): StepOutcome | null => {
  const { now, ladder, actor } = ctx;
  const event = (type: string, data: Record<string, unknown>): AuditEventInput => ({ type, subjectKind: 'violation', subjectId: v.id, actor, at: now, data });
  const next = (patch: Partial<Violation>): Violation => ({ ...v, ...patch, version: v.version + 1 });

  if (v.state === 'excepted') {
    if (ctx.exception) {
      // Renewed (a later expiry) or replaced by another exception: only the schedule moves.
      if (v.nextActionAt === ctx.exception.expiresAt && v.resolution === `exception:${ctx.exception.id}`) return null;
      return {
        violation: next({ nextActionAt: ctx.exception.expiresAt, resolution: `exception:${ctx.exception.id}` }),
        events: [event('violation.exception-renewed', { exception: ctx.exception.id, expiresAt: ctx.exception.expiresAt })],
        notice: null,
        enforcement: null,
      };
    }
    // Expired or withdrawn: the ladder starts again, and the first reminder says why.
    const expired = event('violation.exception-expired', { exception: v.resolution?.replace(/^exception:/, '') ?? null });
    if (ladder.times === 0) {
      // No reminders on this ladder: the owner still hears first, and enforcement waits one interval.
      const deadline = plus(now, ladder.everyMs);
      return {
        violation: next({ state: 'open', remindersSent: 0, stateChangedAt: now, nextActionAt: deadline, resolution: null, resolvedAt: null }),
        events: [expired],
        notice: { owner: v.owner ?? 'unowned', step: 0, key: roundKey(notificationKey(v.id, 0), v.version), reason: 'exception-expired', deadline },
        enforcement: null,
      };
    }
    const restarted = { ...v, state: 'open' as const, remindersSent: 0, nextActionAt: now, resolution: null, resolvedAt: null };
    const out = advance(restarted, ctx, 'exception-expired');
    return { ...out, violation: { ...out.violation, version: v.version + 1 }, events: [expired, ...out.events] };
  }

  if (!isLive(v.state)) return null;

  if (ctx.exception && EXCEPTABLE.has(v.state)) {
    return {
      violation: next({ state: 'excepted', stateChangedAt: now, nextActionAt: ctx.exception.expiresAt, resolution: `exception:${ctx.exception.id}` }),
      events: [event('violation.excepted', { from: v.state, exception: ctx.exception.id, expiresAt: ctx.exception.expiresAt })],
      notice: null,
      enforcement: null,
    };
  }

  if (v.nextActionAt === null || v.nextActionAt > now) return null;
  if (v.state === 'open' || v.state === 'reminded') return advance(v, ctx, 'reminder');

  if (v.state === 'awaiting-approval') {
    const a = ctx.approval;
    if (!a) return { violation: next({ nextActionAt: null }), events: [], notice: null, enforcement: null };
    const step = v.remindersSent + 1;
    if (a.decision === 'rejected') {
      return {
        violation: next({ state: 'due', stateChangedAt: now, nextActionAt: null }),
        events: [event('violation.enforcement-rejected', { by: a.by, at: a.at, reason: a.reason ?? null, step })],
        notice: { owner: v.owner ?? 'unowned', step, key: `${roundKey(notificationKey(v.id, step), v.version)}/rejected`, reason: 'rejected', deadline: null },
        enforcement: null,
      };
    }
    if (ladder.end.kind !== 'enforce') return { violation: next({ nextActionAt: null }), events: [], notice: null, enforcement: null };
    // The owner heard "awaiting approval" for this step already: the decision is a message of its own.
    return enforce(v, ctx, ladder.end.action, step, { by: a.by, at: a.at, ...(a.reason ? { reason: a.reason } : {}) }, '/approved');
  }
  // due, enforcing, enforced, failed: nothing left on the ladder; drop a stale schedule.
  return { violation: next({ nextActionAt: null }), events: [], notice: null, enforcement: null };
};

/** The next rung from open/reminded(k). */
const advance = (v: Violation, ctx: StepContext, reason: NotifyReason): StepOutcome => {
  const { now, ladder, actor } = ctx;
  const event = (type: string, data: Record<string, unknown>): AuditEventInput => ({ type, subjectKind: 'violation', subjectId: v.id, actor, at: now, data });
  const next = (patch: Partial<Violation>): Violation => ({ ...v, ...patch, version: v.version + 1 });
  const k = v.remindersSent;
  const step = k + 1;
  const owner = v.owner ?? 'unowned';
  if (k < ladder.times) {
    const deadline = plus(now, (ladder.times - k) * ladder.everyMs);
    return {
      violation: next({ state: 'reminded', remindersSent: step, stateChangedAt: now, nextActionAt: plus(now, ladder.everyMs) }),
      events: [event('violation.reminded', { reminder: step, of: ladder.times, to: owner, deadline, end: ladder.end.kind })],
      notice: { owner, step, key: roundKey(notificationKey(v.id, step), v.version), reason, deadline },
      enforcement: null,
    };
  }
  const end = ladder.end;
  if (end.kind === 'enforce') {
    if (end.needsApproval && ctx.approval?.decision !== 'approved') {
      return {
        violation: next({ state: 'awaiting-approval', stateChangedAt: now, nextActionAt: null }),
        events: [event('violation.awaiting-approval', { step, action: end.action, risk: end.risk })],
        notice: { owner, step, key: roundKey(notificationKey(v.id, step), v.version), reason: 'awaiting-approval', deadline: null },
        enforcement: null,
      };
    }
    const a = ctx.approval;
    return enforce(v, ctx, end.action, step, a && a.decision === 'approved' ? { by: a.by, at: a.at, ...(a.reason ? { reason: a.reason } : {}) } : null);
  }
  if (end.kind === 'escalate') {
    return {
      violation: next({ state: 'due', owner: end.team, stateChangedAt: now, nextActionAt: null }),
      events: [event('violation.escalated', { step, from: owner, to: end.team })],
      notice: { owner: end.team, step, key: roundKey(notificationKey(v.id, step), v.version), reason: 'escalated', deadline: null },
      enforcement: null,
    };
  }
  return {
    violation: next({ state: 'due', stateChangedAt: now, nextActionAt: null }),
    events: [event('violation.due', { step, reminders: k })],
    notice: { owner, step, key: roundKey(notificationKey(v.id, step), v.version), reason: 'overdue', deadline: null },
    enforcement: null,
  };
};

const enforce = (v: Violation, ctx: StepContext, action: string, step: number, approval: StepRequest['approval'], noticeSuffix = ''): StepOutcome => {
  const { now, actor } = ctx;
  const key = roundKey(enforcementKey(v.id, step), v.version);
  return {
    violation: { ...v, state: 'enforcing', stateChangedAt: now, nextActionAt: null, version: v.version + 1 },
    events: [
      { type: 'violation.due', subjectKind: 'violation', subjectId: v.id, actor, at: now, data: { step, reminders: v.remindersSent } },
      { type: 'enforcement.requested', subjectKind: 'violation', subjectId: v.id, actor, at: now, data: { step, action, idempotencyKey: key, approval } },
    ],
    notice: { owner: v.owner ?? 'unowned', step, key: `${roundKey(notificationKey(v.id, step), v.version)}${noticeSuffix}`, reason: 'enforcing', deadline: null },
    enforcement: { action, step, key, approval },
  };
};
