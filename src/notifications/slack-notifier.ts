import type { TeamConfig } from '../config/vigil-config.js';
import { digestSubject, evidenceLine, formatDeadline, nextActionLine, resourceLine } from './digest-text.js';
import type { Notification, NotificationItem } from './notification.js';
import { hookTarget, hookUrl, postJson, type Notifier, type NotifierDeps } from './notifier.js';

/** Slack's mrkdwn control characters: `<https://evil|click>` in a bucket name must stay text. */
export const escapeSlack = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Slack caps a message at 50 blocks and a section's text at 3,000 characters.
const MAX_ITEMS = 20;
const clip = (s: string, max = 2_900): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

const itemBlock = (i: NotificationItem) => ({
  type: 'section',
  text: {
    type: 'mrkdwn',
    text: clip(
      [
        `*[${i.severity.toUpperCase()}] ${escapeSlack(i.title)}* (\`${escapeSlack(i.policyId)}\`)`,
        `Resource: \`${escapeSlack(resourceLine(i))}\``,
        ...i.evidence.map((e) => `• What is wrong: ${escapeSlack(evidenceLine(e))}`),
        `How to fix: ${escapeSlack(i.guidance)}`,
        ...(i.deadline ? [`Deadline: *${formatDeadline(i.deadline)}*`] : []),
        `Then: ${escapeSlack(nextActionLine(i))}`,
        `_${escapeSlack(i.exceptionHowTo)}_`,
      ].join('\n'),
    ),
  },
});

/** The Block Kit payload of a digest (exported for tests and previews). */
export const slackPayload = (n: Notification): { text: string; blocks: unknown[] } => {
  const shown = n.items.slice(0, MAX_ITEMS);
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: clip(digestSubject(n), 150) } }];
  for (const i of shown) blocks.push(itemBlock(i), { type: 'divider' });
  const more = n.items.length - shown.length;
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${more > 0 ? `…and ${more} more (see the e-mail or dashboard). ` : ''}Sent by Vigil for ${escapeSlack(n.recipient)}.` }],
  });
  // `text` is what notifications and screen readers show.
  return { text: escapeSlack(digestSubject(n)), blocks };
};

/**
 * Slack incoming webhook, Block Kit: a header, one section per item (evidence, fix, deadline, what
 * happens then, how to request an exception).
 *
 * @example
 * slackNotifier({ env: {}, timeoutMs: 10_000 }).send(digest, { channels: { slack: { url } } }, ctx);
 */
export const slackNotifier = (deps: NotifierDeps): Notifier => ({
  name: 'slack',
  description: 'Slack incoming webhook (Block Kit).',
  target: (team: TeamConfig) => (team.channels.slack ? hookTarget('slack', team.channels.slack) : undefined),
  async send(n, team) {
    if (!team.channels.slack) return;
    await postJson(hookUrl('slack', team.channels.slack, deps.env), JSON.stringify(slackPayload(n)), {}, deps.timeoutMs);
  },
});
