import { SEVERITIES, type Severity } from '../common/severity.js';
import type { Evidence } from '../violations/evidence.js';

/**
 * What happens when the deadline passes without a fix: the policy's action is enforced, the
 * violation is escalated to another team, it waits for a security approval, or nothing (report only).
 * `description` is the sentence a person reads, resource names included.
 *
 * @example
 * const next: NextAction = { kind: 'enforce', action: 's3.block-public-access',
 *   description: 'Block Public Access will be turned on for bucket `payments-raw-7`' };
 */
export type NextAction =
  | { kind: 'enforce'; action: string; description: string }
  | { kind: 'escalate'; team: string; description: string }
  | { kind: 'approval'; action: string; description: string }
  | { kind: 'none'; description: string };

/** The resource a reminder is about, as the violation names it. */
export interface NotificationResource {
  arn: string;
  type: string;
  accountId: string;
  region: string;
}

/**
 * One due reminder inside a digest: everything an owner needs to act without opening Vigil.
 * Every string here except `guidance` may come from a resource (names, tags, evidence values):
 * renderers treat them as attacker-controlled and escape them.
 *
 * @example
 * const item: NotificationItem = {
 *   violationId: 'v-3f2a', ladderStep: 2, dedupeKey: notificationKey('v-3f2a', 2),
 *   policyId: 's3-bucket-public-access-block', title: 'S3 buckets block all public access', severity: 'high',
 *   resource: { arn: 'arn:aws:s3:::payments-raw-7', type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1' },
 *   evidence: [{ path: 'PublicAccessBlockConfiguration.BlockPublicAcls', expected: '= true', actual: false }],
 *   guidance: 'Turn on all four Block Public Access settings.', deadline: '2026-12-09T10:00:00.000Z',
 *   nextAction: { kind: 'enforce', action: 's3.block-public-access', description: 'Block Public Access will be turned on for bucket `payments-raw-7`' },
 *   exceptionHowTo: 'Add a file under exceptions/ (see `vigil exceptions --help`) or open https://vigil.example.com/violations/v-3f2a',
 * };
 */
export interface NotificationItem {
  violationId: string;
  /** The ladder step this reminder is (1 = first reminder). */
  ladderStep: number;
  /** violation id + ladder step: the same reminder is never delivered twice. */
  dedupeKey: string;
  policyId: string;
  /** The policy's title. */
  title: string;
  severity: Severity;
  resource: NotificationResource;
  /** What is wrong: field, expected, actual (one entry per failing condition). */
  evidence: Evidence[];
  /** How to fix it (the policy's `remediation.guidance`). */
  guidance: string;
  /** When `nextAction` happens (ISO-8601 UTC); null when nothing is scheduled. */
  deadline: string | null;
  nextAction: NextAction;
  /** How to request an exception: the exceptions/ path and command, or a link. */
  exceptionHowTo: string;
}

/**
 * A digest: one message per owner per manager run, carrying all of that owner's due reminders across
 * accounts, regions and policies, ordered by severity (most severe first) then deadline (soonest first).
 * The escalation manager writes it to the outbox in the same transaction as the ladder steps it reports.
 *
 * @example
 * const [digest] = buildDigest({ runAt: '2026-12-03T10:00:00.000Z', reminders: [{ owner: 'payments', item }] });
 * digest.recipient; // 'payments'
 */
export interface Notification {
  /** The owning team (a key of config `teams`, or an owner name that has no team entry). */
  recipient: string;
  /** The manager run that produced it (ISO-8601 UTC). */
  runAt: string;
  items: NotificationItem[];
}

/** The dedupe key of a violation's ladder step: the same as the enforcement idempotency key's shape. */
export const notificationKey = (violationId: string, ladderStep: number): string => `${violationId}:${ladderStep}`;

/** A due reminder addressed to an owner, as the manager produces them during a run. */
export interface DueReminder {
  owner: string;
  item: NotificationItem;
}

const severityOrder = (s: Severity): number => SEVERITIES.indexOf(s);

/** Most severe first; within a severity the soonest deadline first (none last); then a stable tie-break. */
export const compareItems = (a: NotificationItem, b: NotificationItem): number =>
  severityOrder(a.severity) - severityOrder(b.severity) ||
  (a.deadline ?? '\uffff').localeCompare(b.deadline ?? '\uffff') ||
  a.policyId.localeCompare(b.policyId) ||
  a.resource.arn.localeCompare(b.resource.arn) ||
  a.dedupeKey.localeCompare(b.dedupeKey);

/**
 * Groups a run's due reminders into one digest per owner (digest, not spam). Pure: the same input
 * gives the same output. A reminder listed twice (same dedupe key) appears once. Owners come out
 * in name order so a run's outbox rows are written in a stable order.
 *
 * @example
 * buildDigest({ runAt, reminders: [{ owner: 'payments', item: a }, { owner: 'data', item: b }, { owner: 'payments', item: c }] })
 *   .map((n) => [n.recipient, n.items.length]); // [['data', 1], ['payments', 2]]
 */
export const buildDigest = (input: { runAt: string; reminders: Iterable<DueReminder> }): Notification[] => {
  const byOwner = new Map<string, Map<string, NotificationItem>>();
  for (const { owner, item } of input.reminders) {
    let items = byOwner.get(owner);
    if (!items) byOwner.set(owner, (items = new Map()));
    if (!items.has(item.dedupeKey)) items.set(item.dedupeKey, item);
  }
  return [...byOwner.keys()]
    .sort()
    .map((recipient) => ({ recipient, runAt: input.runAt, items: [...byOwner.get(recipient)!.values()].sort(compareItems) }));
};

/** The earliest deadline of a digest (for the subject line), or null when no item has one. */
export const earliestDeadline = (n: Notification): string | null =>
  n.items.reduce<string | null>((min, i) => (i.deadline && (!min || i.deadline < min) ? i.deadline : min), null);
