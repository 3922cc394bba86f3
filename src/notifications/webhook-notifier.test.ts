import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startHttpSink } from '../testing/http-sink.js';
import { digestFor } from '../testing/notification-fixture.js';
import type { Notification } from './notification.js';
import { DeliveryError } from './notifier.js';
import { webhookNotifier } from './webhook-notifier.js';

/** What a receiver does (docs/notifications.md): recompute the HMAC of the raw body, compare in constant time, check the timestamp. */
const verify = (secret: string, rawBody: string, signatureHeader: string | undefined): boolean => {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`);
  const got = Buffer.from(signatureHeader ?? '');
  return got.length === expected.length && timingSafeEqual(got, expected);
};

describe('webhook notifier against a local receiver', () => {
  let sink: Awaited<ReturnType<typeof startHttpSink>>;
  before(async () => {
    sink = await startHttpSink();
  });
  after(() => sink.close());
  const secret = 'wh-secret-for-tests-only';
  const hook = webhookNotifier({ env: { VIGIL_HOOK_SECRET: secret }, timeoutMs: 5_000 });
  const team = () => ({ channels: { webhook: { url: `${sink.url}/vigil`, secretEnv: 'VIGIL_HOOK_SECRET' } } });

  it('posts the digest as JSON signed with HMAC-SHA256 of the raw body, with timestamp and delivery id', async () => {
    const now = new Date('2026-12-03T10:00:00.000Z');
    await hook.send(digestFor('payments'), team(), { deliveryId: 'ob-5:webhook', now });
    const req = sink.requests.at(-1)!;
    assert.ok(verify(secret, req.body, req.headers['x-vigil-signature'] as string), 'the signature verifies with the shared secret');
    assert.ok(!verify('another-secret', req.body, req.headers['x-vigil-signature'] as string));
    assert.ok(!verify(secret, req.body.replace('payments', 'attacker'), req.headers['x-vigil-signature'] as string), 'a changed body fails verification');
    assert.equal(req.headers['x-vigil-timestamp'], now.toISOString());
    assert.equal(req.headers['x-vigil-delivery'], 'ob-5:webhook');
    const body = JSON.parse(req.body) as { type: string; sentAt: string; deliveryId: string; notification: Notification; text: string };
    assert.equal(body.type, 'vigil.notification');
    assert.equal(body.sentAt, req.headers['x-vigil-timestamp'], 'the signed body carries the timestamp, so it cannot be replayed with a new one');
    assert.equal(body.notification.recipient, 'payments');
    assert.equal(body.notification.items[0]!.evidence[0]!.path, 'PublicAccessBlockConfiguration.BlockPublicAcls');
    assert.equal(body.notification.items[0]!.nextAction.kind, 'enforce');
    assert.doesNotMatch(JSON.stringify(req.headers) + req.body, new RegExp(secret), 'the secret itself is never sent');
  });

  it('refuses to send unsigned when the secret variable is missing, and says which variable', async () => {
    const before = sink.requests.length;
    await assert.rejects(webhookNotifier({ env: {}, timeoutMs: 5_000 }).send(digestFor('p'), team(), { deliveryId: 'x', now: new Date('2026-12-03T09:00:00.000Z') }), (e: unknown) => {
      assert.ok(e instanceof DeliveryError);
      assert.equal(e.retryable, false);
      assert.match(e.message, /VIGIL_HOOK_SECRET/);
      return true;
    });
    assert.equal(sink.requests.length, before, 'nothing was posted');
  });
});
