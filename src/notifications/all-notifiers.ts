import { dirname, join } from 'node:path';
import type { VigilConfig } from '../config/vigil-config.js';
import { emailNotifier } from './email-notifier.js';
import { fileNotifier } from './file-notifier.js';
import type { Notifier, NotifierDeps } from './notifier.js';
import { slackNotifier } from './slack-notifier.js';
import { teamsNotifier } from './teams-notifier.js';
import { webhookNotifier } from './webhook-notifier.js';

/**
 * Every channel Vigil ships: one line each. The composition root puts them in a `Registry<Notifier>`.
 *
 * @example
 * const notifiers = new Registry<Notifier>('notifier', allNotifiers(notifierDeps(config, process.env)));
 * notifiers.keys(); // ['email', 'slack', 'teams', 'webhook', 'file']
 */
export const allNotifiers = (deps: NotifierDeps): Notifier[] => [
  emailNotifier(deps),
  slackNotifier(deps),
  teamsNotifier(deps),
  webhookNotifier(deps),
  fileNotifier(deps),
];

/** Each channel call gives up after this long; the delivery lease (4× longer) outlives any one round. */
export const SEND_TIMEOUT_MS = 30_000;

/** What the notifiers need, from validated config and the environment holding the secrets config names. */
export const notifierDeps = (config: VigilConfig, env: Readonly<Record<string, string | undefined>>, cwd?: string): NotifierDeps => {
  const email = config.notifications?.email;
  return { env, timeoutMs: SEND_TIMEOUT_MS, fileOutboxDir: fileOutboxDir(config), ...(cwd ? { cwd } : {}), ...(email ? { email } : {}) };
};

/**
 * The file channel's default directory: `outbox/` beside the SQLite file (`.vigil/outbox` for the
 * default store), else `.vigil/outbox` (an in-memory or PostgreSQL store has no data directory).
 */
export const fileOutboxDir = (config: VigilConfig): string => {
  const url = config.store.url.trim();
  if (/^postgres(ql)?:\/\//i.test(url)) return join('.vigil', 'outbox');
  const file = url.replace(/^sqlite:(\/\/)?/i, '');
  if (file === ':memory:') return join('.vigil', 'outbox');
  return join(dirname(file), 'outbox');
};
