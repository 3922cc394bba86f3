import type { Evidence } from '../violations/evidence.js';
import { earliestDeadline, type Notification, type NotificationItem } from './notification.js';

/**
 * The words every channel uses, so an email, a Slack post and a webhook say the same thing.
 * Everything here is plain text: each channel escapes it for its own markup.
 */

/** `2026-12-09T10:00:00.000Z` → `2026-12-09 10:00 UTC`. */
export const formatDeadline = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * The subject line: count, earliest deadline, recipient.
 *
 * @example
 * digestSubject(n); // '[Vigil] 3 policy violations need action by 2026-12-09 (payments)'
 */
export const digestSubject = (n: Notification): string => {
  const count = n.items.length;
  const deadline = earliestDeadline(n);
  const what = count === 1 ? '1 policy violation needs action' : `${count} policy violations need action`;
  return `[Vigil] ${what}${deadline ? ` by ${deadline.slice(0, 10)}` : ''} (${n.recipient})`;
};

const showValue = (v: unknown): string => (v === null || v === undefined ? 'missing' : typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

/** `PublicAccessBlockConfiguration.BlockPublicAcls: expected = true, found false`. */
export const evidenceLine = (e: Evidence): string => `${e.path}: expected ${e.expected}, found ${showValue(e.actual)}${e.note ? ` (${e.note})` : ''}`;

/** What happens at the deadline: "Block Public Access will be turned on for bucket `payments-raw-7` on 2026-12-09 10:00 UTC". */
export const nextActionLine = (item: NotificationItem): string => {
  const when = item.deadline ? ` on ${formatDeadline(item.deadline)}` : '';
  return item.nextAction.kind === 'none' ? item.nextAction.description : `${item.nextAction.description}${when}`;
};

/** The resource in one line: `arn:aws:s3:::payments-raw-7 (aws.s3.bucket, 111122223333, eu-west-1)`. */
export const resourceLine = (item: NotificationItem): string =>
  `${item.resource.arn} (${item.resource.type}, account ${item.resource.accountId}, ${item.resource.region})`;

/**
 * How an owner asks for an exception: the file to add in the exceptions repository and, when the
 * dashboard has a public address, a link to the violation.
 *
 * @example
 * exceptionHowTo({ exceptionsDir: 'exceptions', publicUrl: 'https://vigil.example.com' }, 'v-3f2a', 's3-bucket-public-access-block');
 */
export const exceptionHowTo = (opts: { exceptionsDir: string; publicUrl?: string | undefined }, violationId: string, policyId: string): string => {
  const file = `add a file under ${opts.exceptionsDir.replace(/\/+$/, '')}/ naming policy ${policyId}, this resource, a justification, an approver and an expiry, then run \`vigil validate\` and open a pull request for the security team`;
  const link = opts.publicUrl ? `; or see ${opts.publicUrl.replace(/\/+$/, '')}/violations/${encodeURIComponent(violationId)}` : '';
  return `To request an exception, ${file}${link}.`;
};

/** The whole digest as plain text (the email's text part, the webhook's `text`). */
export const digestText = (n: Notification): string => {
  const lines = [`${digestSubject(n).replace(/^\[Vigil\] /, '')}.`, ''];
  n.items.forEach((item, i) => {
    lines.push(`${i + 1}. [${item.severity.toUpperCase()}] ${item.title} (${item.policyId})`);
    lines.push(`   Resource: ${resourceLine(item)}`);
    for (const e of item.evidence) lines.push(`   What is wrong: ${evidenceLine(e)}`);
    lines.push(`   How to fix: ${item.guidance}`);
    if (item.deadline) lines.push(`   Deadline: ${formatDeadline(item.deadline)}`);
    lines.push(`   Then: ${nextActionLine(item)}`);
    lines.push(`   ${item.exceptionHowTo}`);
    lines.push('');
  });
  lines.push(`Sent by Vigil for ${n.recipient} (run ${n.runAt}).`);
  return lines.join('\n');
};
