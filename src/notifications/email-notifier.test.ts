import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSmtpSink, type ReceivedMail } from '../testing/smtp-sink.js';
import { digestFor, reminderItem } from '../testing/notification-fixture.js';
import { emailNotifier } from './email-notifier.js';
import { buildDigest } from './notification.js';
import { DeliveryError } from './notifier.js';

describe('email notifier against a real SMTP server', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let received: ReceivedMail[];
  let port: number;
  before(async () => {
    // The server refuses one mailbox for good (550), as a real one does for an unknown user.
    sink = await startSmtpSink({ refuse: ['gone@example.com'] });
    ({ port, mails: received } = sink);
  });
  after(() => sink.close());

  const notifier = () => emailNotifier({ env: {}, email: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Vigil <vigil@example.com>' }, timeoutMs: 5_000 });

  it('sends one message to every team address with a readable subject and text + HTML parts carrying evidence, deadline and next action', async () => {
    const [digest] = buildDigest({
      runAt: '2026-12-03T10:00:00.000Z',
      reminders: [reminderItem(), reminderItem({ violationId: 'v-2', severity: 'critical', deadline: '2026-12-07T08:00:00.000Z', title: 'Root MFA' })].map((item) => ({ owner: 'payments', item })),
    });
    await notifier().send(digest!, { channels: { email: ['pay-oncall@example.com', 'lead@example.com'] } }, { deliveryId: 'ob-1:email', now: new Date('2026-12-03T10:00:00Z') });
    assert.equal(received.length, 1);
    const [mail] = received;
    assert.equal(mail!.from, 'vigil@example.com');
    assert.deepEqual(mail!.to, ['pay-oncall@example.com', 'lead@example.com']);
    const raw = mail!.raw.replace(/=\r?\n/g, ''); // undo quoted-printable soft line breaks
    assert.match(raw, /^Subject: \[Vigil\] 2 policy violations need action by 2026-12-07 \(payments\)/m);
    assert.match(raw, /Content-Type: text\/plain/);
    assert.match(raw, /Content-Type: text\/html/);
    const [text, html] = raw.split(/Content-Type: text\/html/);
    for (const part of [text!, html!]) {
      assert.match(part, /PublicAccessBlockConfiguration\.BlockPublicAcls: expected =3D true, found false|PublicAccessBlockConfiguration\.BlockPublicAcls: expected = true, found false/);
      assert.match(part, /2026-12-09 10:00 UTC/);
      assert.match(part, /Block Public Access will be turned on for bucket `payments-raw-7` on 2026-12-09 10:00 UTC/);
      assert.match(part, /exceptions\//);
    }
    assert.ok(text!.indexOf('Root MFA') < text!.indexOf('S3 buckets block'), 'the critical item comes first');
    assert.doesNotMatch(html!, /<script>/, 'a resource name never reaches the HTML unescaped');
    assert.match(html!, /&lt;script&gt;/);
  });

  it('reports a refused recipient as a delivery error that retrying cannot fix', async () => {
    await assert.rejects(
      notifier().send(digestFor('x'), { channels: { email: ['gone@example.com'] } }, { deliveryId: 'ob-2:email', now: new Date('2026-12-03T09:00:00.000Z') }),
      (e: unknown) => e instanceof DeliveryError && e.retryable === false,
    );
  });

  it('reports an unreachable server as retryable', async () => {
    const down = emailNotifier({ env: {}, email: { smtpUrl: 'smtp://127.0.0.1:1', from: 'vigil@example.com' }, timeoutMs: 2_000 });
    await assert.rejects(down.send(digestFor('x'), { channels: { email: ['a@example.com'] } }, { deliveryId: 'ob-3:email', now: new Date('2026-12-03T09:00:00.000Z') }), (e: unknown) => e instanceof DeliveryError && e.retryable);
  });
});
