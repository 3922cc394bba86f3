import { Registry } from '../common/registry.js';
import { emailNotifier } from './email-notifier.js';
import type { Notifier, NotifierDeps, NotifierRegistry } from './notifier.js';
import { slackNotifier } from './slack-notifier.js';
import { teamsNotifier } from './teams-notifier.js';
import { webhookNotifier } from './webhook-notifier.js';

/** Every channel Vigil ships: one line each. */
export const allNotifiers = (deps: NotifierDeps): Notifier[] => [
  emailNotifier(deps),
  slackNotifier(deps),
  teamsNotifier(deps),
  webhookNotifier(deps),
];

/**
 * The notifier registry, keyed by channel name (a team's `channels` key). Built by the composition root.
 *
 * @example
 * const notifiers = createNotifierRegistry({ env: process.env, email: config.notifications?.email, timeoutMs: 10_000 });
 * notifiers.keys(); // ['email', 'slack', 'teams', 'webhook']
 */
export const createNotifierRegistry = (deps: NotifierDeps, extra: Notifier[] = []): NotifierRegistry =>
  new Registry<Notifier>('notifier', [...allNotifiers(deps), ...extra]);
