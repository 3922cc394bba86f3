import type { Registry } from '../common/registry.js';
import { VigilError } from '../common/vigil-error.js';
import type { NotificationConfig, TeamConfig } from '../config/vigil-config.js';
import type { Notification } from './notification.js';

/** What a notifier needs from the outside world: secrets by env var name, SMTP settings, a timeout. */
export interface NotifierDeps {
  /** Where secrets named in config (`secretEnv`, `passwordEnv`) are read from: the process environment. */
  env: Readonly<Record<string, string | undefined>>;
  email?: NotificationConfig['email'];
  /** Each delivery gives up after this long (ms), well inside the outbox lease. */
  timeoutMs: number;
  /** Where the file channel writes when a team's `file` channel names no `dir` (default `.vigil/outbox`; the root passes the one beside the SQLite file). */
  fileOutboxDir?: string;
  /** What relative directories are resolved against (default: the process's). */
  cwd?: string;
}

/** One delivery attempt: the outbox row it comes from (the receiver's dedupe key) and the time. */
export interface DeliveryContext {
  deliveryId: string;
  now: Date;
}

/**
 * A channel a digest can go out on: email, Slack, Microsoft Teams, a signed webhook. Adding one is
 * one new `*-notifier.ts` file plus one line in `all-notifiers.ts`.
 *
 * @example
 * const slack = notifiers.get('slack');
 * if (slack.target(team)) await slack.send(digest, team, { deliveryId: 'ob-17:slack', now: clock.now() });
 */
export interface Notifier {
  /** The channel key in a team's `channels` config: `email`, `slack`, `teams`, `webhook`. */
  readonly name: string;
  readonly description: string;
  /**
   * Where this channel delivers for the team, safe to record (no secrets, no full webhook URL: a
   * Slack or Teams webhook URL is itself a credential); undefined when the team has no such channel.
   */
  target(team: TeamConfig): string | undefined;
  /** Delivers once; throws {@link DeliveryError} saying whether a retry can help. */
  send(n: Notification, team: TeamConfig, ctx: DeliveryContext): Promise<void>;
}

export type NotifierRegistry = Registry<Notifier>;

/**
 * A delivery that did not happen. `retryable` is false when trying again cannot help (the webhook
 * is gone, the secret is missing, the server refuses the recipient), so it is recorded dead at once.
 */
export class DeliveryError extends VigilError {
  readonly retryable: boolean;
  constructor(message: string, opts: { retryable: boolean; cause?: unknown }) {
    super(opts.retryable ? 'notification.failed' : 'notification.rejected', message, { status: 502, cause: opts.cause });
    this.name = 'DeliveryError';
    this.retryable = opts.retryable;
  }
}

/** A webhook URL reduced to what may be logged: scheme and host. */
export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '(invalid URL)';
  }
};

/**
 * POSTs JSON and turns the outcome into a {@link DeliveryError}: 5xx, 408, 429 and network errors are
 * worth retrying, other 4xx are not. Messages name the host only (the path of a Slack/Teams webhook is
 * its secret).
 */
export const postJson = async (url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<void> => {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const why = e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : 'connection failed';
    throw new DeliveryError(`POST ${redactUrl(url)}: ${why}`, { retryable: true });
  }
  // Drain the body so the connection is reused; its text may echo the request, so it is not kept.
  await res.arrayBuffer().catch(() => undefined);
  if (res.ok) return;
  const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
  throw new DeliveryError(`POST ${redactUrl(url)} answered ${res.status}`, { retryable });
};

/** A webhook channel's address as config gives it: the URL, or the environment variable holding it. */
export interface HookConfig {
  url?: string | undefined;
  urlEnv?: string | undefined;
}

/** Where the hook posts, for the audit trail: the host only, or which variable holds the URL. */
export const hookTarget = (kind: string, hook: HookConfig): string => (hook.url ? `${kind} ${redactUrl(hook.url)}` : `${kind} (URL from $${hook.urlEnv})`);

/** The URL to post to; a missing variable is permanent (retrying will not set it). */
export const hookUrl = (kind: string, hook: HookConfig, env: NotifierDeps['env']): string => {
  if (hook.url) return hook.url;
  const url = hook.urlEnv ? env[hook.urlEnv] : undefined;
  if (!url) throw new DeliveryError(`${kind}: environment variable ${hook.urlEnv ?? '(none)'} (the webhook URL) is not set`, { retryable: false });
  if (!/^https?:\/\//.test(url)) throw new DeliveryError(`${kind}: environment variable ${hook.urlEnv} does not hold an http(s) URL`, { retryable: false });
  return url;
};
