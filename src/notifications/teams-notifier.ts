import type { TeamConfig } from '../config/vigil-config.js';
import { digestSubject, evidenceLine, formatDeadline, nextActionLine, resourceLine } from './digest-text.js';
import type { Notification, NotificationItem } from './notification.js';
import { hookTarget, hookUrl, postJson, type Notifier, type NotifierDeps } from './notifier.js';

/**
 * Adaptive Card TextBlocks render a little markdown (bold, italic, lists, links): a resource named
 * `[pay here](https://evil)` must not become a link, nor `*` turn text bold. Only the characters that
 * open those are escaped, so ARNs and dates (dots, dashes) stay readable.
 */
export const escapeMarkdown = (s: string): string => s.replace(/[\\`*_~[\]<>]/g, (c) => `\\${c}`);

const MAX_ITEMS = 25;
/** Teams refuses incoming-webhook messages over about 28 KB: items stop well before that. */
const MAX_CARD_BYTES = 24_000;
const text = (t: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: t, wrap: true, ...extra });

const itemContainer = (i: NotificationItem) => ({
  type: 'Container',
  separator: true,
  items: [
    text(`**[${i.severity.toUpperCase()}] ${escapeMarkdown(i.title)}** (${escapeMarkdown(i.policyId)})`, { color: i.severity === 'critical' || i.severity === 'high' ? 'Attention' : 'Default' }),
    {
      type: 'FactSet',
      facts: [
        { title: 'Resource', value: escapeMarkdown(resourceLine(i)) },
        ...i.evidence.map((e) => ({ title: 'What is wrong', value: escapeMarkdown(evidenceLine(e)) })),
        { title: 'How to fix', value: escapeMarkdown(i.guidance) },
        ...(i.deadline ? [{ title: 'Deadline', value: formatDeadline(i.deadline) }] : []),
        { title: 'Then', value: escapeMarkdown(nextActionLine(i)) },
      ],
    },
    text(escapeMarkdown(i.exceptionHowTo), { isSubtle: true, size: 'Small' }),
  ],
});

/** The message envelope Teams incoming webhooks (connectors and Workflows) accept, with one Adaptive Card. */
export const teamsPayload = (n: Notification): Record<string, unknown> => {
  const shown: ReturnType<typeof itemContainer>[] = [];
  let bytes = 1_500; // the envelope, header and footer
  for (const i of n.items.slice(0, MAX_ITEMS)) {
    const c = itemContainer(i);
    bytes += Buffer.byteLength(JSON.stringify(c));
    if (bytes > MAX_CARD_BYTES && shown.length > 0) break;
    shown.push(c);
  }
  const more = n.items.length - shown.length;
  return adaptiveCardMessage(
    [
      text(escapeMarkdown(digestSubject(n)), { size: 'Large', weight: 'Bolder' }),
      ...shown,
      text(`${more > 0 ? `…and ${more} more (see the e-mail or dashboard). ` : ''}Sent by Vigil for ${escapeMarkdown(n.recipient)}.`, { isSubtle: true, size: 'Small' }),
    ],
    { msteams: { width: 'Full' } },
  );
};

/**
 * The message envelope Teams incoming webhooks (connectors and Workflows) accept, around one
 * Adaptive Card 1.4 with this body (and card properties such as `msteams`).
 * @example adaptiveCardMessage([{ type: 'TextBlock', text: 'hello', wrap: true }])
 */
export const adaptiveCardMessage = (body: readonly unknown[], card: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'message',
  attachments: [
    {
      contentType: 'application/vnd.microsoft.card.adaptive',
      contentUrl: null,
      content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', ...card, body },
    },
  ],
});

/**
 * Microsoft Teams incoming webhook: an Adaptive Card (1.4) in the `message`/`attachments` envelope.
 *
 * @example
 * teamsNotifier({ env: {}, timeoutMs: 10_000 }).send(digest, { channels: { teams: { url } } }, ctx);
 */
export const teamsNotifier = (deps: NotifierDeps): Notifier => ({
  name: 'teams',
  description: 'Microsoft Teams incoming webhook (Adaptive Card).',
  target: (team: TeamConfig) => (team.channels.teams ? hookTarget('teams', team.channels.teams) : undefined),
  async send(n, team) {
    if (!team.channels.teams) return;
    await postJson(hookUrl('teams', team.channels.teams, deps.env), JSON.stringify(teamsPayload(n)), {}, deps.timeoutMs);
  },
});
