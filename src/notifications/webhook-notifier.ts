import { createHmac } from 'node:crypto';
import type { TeamConfig } from '../config/vigil-config.js';
import { digestSubject, digestText } from './digest-text.js';
import { DeliveryError, hookTarget, hookUrl, postJson, type Notifier, type NotifierDeps } from './notifier.js';

export const SIGNATURE_HEADER = 'X-Vigil-Signature';
export const TIMESTAMP_HEADER = 'X-Vigil-Timestamp';
export const DELIVERY_HEADER = 'X-Vigil-Delivery';

/** `sha256=<hex HMAC-SHA256 of the raw body>`: what a receiver recomputes with the shared secret. */
export const signBody = (secret: string, rawBody: string): string => `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;

/**
 * A generic JSON webhook for anything else (ticketing, chat-ops). The body carries the digest plus
 * `deliveryId` and `sentAt`; the signature covers the raw body, so the timestamp (also sent as
 * `X-Vigil-Timestamp`) is authenticated too and a receiver can refuse old or repeated deliveries.
 * The secret is read from the environment variable the config names, never from the config itself.
 *
 * @example
 * // config: webhook: { url: https://hooks.example.com/vigil, secretEnv: VIGIL_HOOK_SECRET }
 * webhookNotifier({ env: process.env, timeoutMs: 10_000 }).send(digest, team, { deliveryId: 'ob-9:webhook', now });
 */
export const webhookNotifier = (deps: NotifierDeps): Notifier => ({
  name: 'webhook',
  description: 'Generic JSON webhook signed with HMAC-SHA256 (X-Vigil-Signature).',
  target: (team: TeamConfig) => (team.channels.webhook ? hookTarget('webhook', team.channels.webhook) : undefined),
  async send(n, team, ctx) {
    const hook = team.channels.webhook;
    if (!hook) return;
    const secret = deps.env[hook.secretEnv];
    if (!secret) throw new DeliveryError(`webhook: environment variable ${hook.secretEnv} (the signing secret) is not set`, { retryable: false });
    const url = hookUrl('webhook', hook, deps.env);
    const sentAt = ctx.now.toISOString();
    const body = JSON.stringify({
      type: 'vigil.notification',
      version: 1,
      deliveryId: ctx.deliveryId,
      sentAt,
      subject: digestSubject(n),
      text: digestText(n),
      notification: n,
    });
    await postJson(url, body, { [SIGNATURE_HEADER]: signBody(secret, body), [TIMESTAMP_HEADER]: sentAt, [DELIVERY_HEADER]: ctx.deliveryId }, deps.timeoutMs);
  },
});
