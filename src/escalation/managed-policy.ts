import type { LadderPolicy } from './ladder.js';
import type { NextAction } from '../notifications/notification.js';
import type { Ladder } from './ladder.js';
import { formatDuration } from './duration.js';

/** What the manager needs of a loaded policy: its ladder inputs, its words, and its version. */
export interface ManagedPolicy extends LadderPolicy {
  title: string;
  remediation: LadderPolicy['remediation'] & { guidance: string };
  /** Content hash of the policy as loaded (carried on enforcement requests). */
  version: string;
}

/** The short name a person recognises: the part of an ARN after its last `:` or `/`. */
export const resourceName = (arn: string): string => arn.slice(Math.max(arn.lastIndexOf(':'), arn.lastIndexOf('/')) + 1) || arn;

/**
 * The sentence of what happens when the ladder ends, for a reminder ("what will happen then").
 *
 * @example
 * endAction(ladder, 'arn:aws:s3:::payments-raw-7').description; // '`s3.block-public-access` will be applied to `payments-raw-7`'
 */
export const endAction = (ladder: Ladder, arn: string): NextAction => {
  const name = resourceName(arn);
  const end = ladder.end;
  if (end.kind === 'enforce') {
    return end.needsApproval
      ? { kind: 'approval', action: end.action, description: `\`${end.action}\` will be applied to \`${name}\` once a security team member approves (risk: ${end.risk})` }
      : { kind: 'enforce', action: end.action, description: `\`${end.action}\` will be applied to \`${name}\`` };
  }
  if (end.kind === 'escalate') return { kind: 'escalate', team: end.team, description: `\`${name}\` will be escalated to team ${end.team}` };
  return { kind: 'none', description: `\`${name}\` will be reported as overdue` };
};

/** The ladder in words, for `vigil violations show`. */
export const describeLadder = (ladder: Ladder): string =>
  `${ladder.times} reminder${ladder.times === 1 ? '' : 's'} every ${formatDuration(ladder.everyMs)}, then ${
    ladder.end.kind === 'enforce' ? `enforce ${ladder.end.action}${ladder.end.needsApproval ? ' (after approval)' : ''}` : ladder.end.kind === 'escalate' ? `escalate to ${ladder.end.team}` : 'report as overdue'
  }`;

