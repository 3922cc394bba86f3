import type { Violation } from '../violations/violation.js';
import type { Ladder } from './ladder.js';

/** Where a violation stands on its ladder, in words and dates (`vigil violations show`, the API). */
export interface LadderPosition {
  /** Reminders sent of the ladder's total. */
  reminders: { sent: number; of: number };
  /** The next step, or null when nothing more is scheduled. */
  next: { what: string; at: string | null } | null;
}

/**
 * @example
 * ladderPosition(v, ladder); // { reminders: { sent: 1, of: 3 }, next: { what: 'reminder 2 of 3', at: '2026-12-05T09:00:00.000Z' } }
 */
export const ladderPosition = (v: Violation, ladder: Ladder): LadderPosition => {
  const reminders = { sent: v.remindersSent, of: ladder.times };
  const end = ladder.end;
  const endWhat =
    end.kind === 'enforce' ? `enforcement: ${end.action}${end.needsApproval ? ' (needs a security approval)' : ''}` : end.kind === 'escalate' ? `escalation to team ${end.team}` : 'reported as overdue';
  switch (v.state) {
    case 'open':
    case 'reminded':
      return { reminders, next: { what: v.remindersSent < ladder.times ? `reminder ${v.remindersSent + 1} of ${ladder.times}` : endWhat, at: v.nextActionAt } };
    case 'awaiting-approval':
      return { reminders, next: { what: `waiting for a security team member: vigil approve ${v.id} --by <member>`, at: v.nextActionAt } };
    case 'excepted':
      return { reminders, next: { what: `${v.resolution ?? 'exception'} ends; the reminders start again`, at: v.nextActionAt } };
    case 'enforcing':
      return { reminders, next: { what: 'the enforcer acts on the request', at: null } };
    default:
      return { reminders, next: null };
  }
};
