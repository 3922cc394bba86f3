import type { VigilConfig } from '../config/vigil-config.js';
import { emailNotifier } from './email-notifier.js';
import type { Notifier, NotifierDeps } from './notifier.js';
import { slackNotifier } from './slack-notifier.js';
import { teamsNotifier } from './teams-notifier.js';
import { webhookNotifier } from './webhook-notifier.js';

/**
 * Every channel Vigil ships: one line each. The composition root puts them in a `Registry<Notifier>`.
 *
 * @example
 * const notifiers = new Registry<Notifier>('notifier', allNotifiers(notifierDeps(config, process.env)));
 * notifiers.keys(); // ['email', 'slack', 'teams', 'webhook']
 */
export const allNotifiers = (deps: NotifierDeps): Notifier[] => [
  emailNotifier(deps),
  slackNotifier(deps),
  teamsNotifier(deps),
  webhookNotifier(deps),
];

/** Each channel call gives up after this long; the delivery lease (4× longer) outlives any one round. */
export const SEND_TIMEOUT_MS = 30_000;

/** What the notifiers need, from validated config and the environment holding the secrets config names. */
export const notifierDeps = (config: VigilConfig, env: Readonly<Record<string, string | undefined>>): NotifierDeps => {
  const email = config.notifications?.email;
  return { env, timeoutMs: SEND_TIMEOUT_MS, ...(email ? { email } : {}) };
};
