import type { Notification, NotificationItem } from './notification.js';

/**
 * A digest as the outbox stores it: what every item of one policy repeats (the title, how to fix it)
 * kept once per policy. A digest of 3,000 reminders repeated the same few guidance paragraphs 3,000
 * times: 40% of the JSON a 100,000-reminder manager tick wrote in its transaction.
 */
export interface PackedNotification {
  packed: 1;
  recipient: string;
  runAt: string;
  policies: Record<string, { title: string; guidance: string }>;
  items: Omit<NotificationItem, 'title' | 'guidance'>[];
}

/**
 * The stored form of a digest; `unpackNotification` gives back an equal Notification.
 * @example unpackNotification(JSON.parse(JSON.stringify(packNotification(n)))); // deep-equal to n
 */
export const packNotification = (n: Notification): PackedNotification | Notification => {
  const policies: PackedNotification['policies'] = {};
  const items: PackedNotification['items'] = [];
  for (const { title, guidance, ...rest } of n.items) {
    const known = policies[rest.policyId];
    // Items of one policy carry one title and guidance; if not (a policy changed mid-run), store as is.
    if (known && (known.title !== title || known.guidance !== guidance)) return n;
    policies[rest.policyId] ??= { title, guidance };
    items.push(rest);
  }
  return { packed: 1, recipient: n.recipient, runAt: n.runAt, policies, items };
};

/** A stored digest back as the Notification the notifiers render; an unpacked one passes through. */
export const unpackNotification = (stored: unknown): Notification => {
  const p = stored as PackedNotification | Notification;
  if (!('packed' in p) || p.packed !== 1) return p as Notification;
  return {
    recipient: p.recipient,
    runAt: p.runAt,
    // Key order as the manager builds items, so a stored digest reads back the same as it was written.
    items: p.items.map(({ violationId, ladderStep, dedupeKey, policyId, severity, resource, evidence, deadline, nextAction, exceptionHowTo }) => ({
      violationId, ladderStep, dedupeKey, policyId, title: p.policies[policyId]!.title, severity, resource, evidence,
      guidance: p.policies[policyId]!.guidance, deadline, nextAction, exceptionHowTo,
    })),
  };
};
