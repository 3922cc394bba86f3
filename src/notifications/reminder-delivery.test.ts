// From the manager's step to the owner's inbox: a manager run writes one digest per owner to the
// outbox (same transaction as the ladder step); the delivery worker built from config sends it over
// real SMTP and a real HTTP webhook, once.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { ManualClock } from '../common/clock.js';
import { DEFAULT_CONFIG, type VigilConfig } from '../config/vigil-config.js';
import { startHttpSink } from '../testing/http-sink.js';
import { managerOn, MANAGER_T0 } from '../testing/manager-fixture.js';
import { violation } from '../testing/store-contract.js';
import { openTestStore } from '../testing/test-store.js';
import { Registry } from '../common/registry.js';
import { allNotifiers, notifierDeps } from './all-notifiers.js';
import { exceptionHowTo } from './digest-text.js';
import type { Notifier } from './notifier.js';
import { createNotificationDelivery } from './notification-delivery-factory.js';

const mails: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let smtpPort: number;
before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8').replace(/=\r?\n/g, '') });
        cb();
      });
    },
  });
  await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', ok));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
after(() => new Promise<void>((ok) => smtp.close(() => ok())));

test('a manager run reaches each owner once: one e-mail and one signed webhook per owner, with every reminder in it', async () => {
  const sink = await startHttpSink();
  const store = await openTestStore();
  try {
    const at = { firstSeenAt: MANAGER_T0, lastSeenAt: MANAGER_T0, stateChangedAt: MANAGER_T0, nextActionAt: MANAGER_T0, accountId: '111122223333' };
    await store.violations.insert([
      violation(1, { ...at, policyId: 's3-public', owner: 'payments', severity: 'high' }),
      violation(2, { ...at, policyId: 's3-public', owner: 'payments', severity: 'high' }),
      violation(3, { ...at, policyId: 'tags', owner: 'data', severity: 'low' }),
    ]);
    const config: VigilConfig = {
      ...DEFAULT_CONFIG,
      server: { ...DEFAULT_CONFIG.server, publicUrl: 'https://vigil.example.com' },
      teams: {
        payments: { channels: { email: ['payments@example.com'] } },
        data: { channels: { webhook: { url: `${sink.url}/data`, secretEnv: 'DATA_HOOK_SECRET' } } },
      },
      notifications: { ...DEFAULT_CONFIG.notifications!, email: { smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: 'vigil@example.com' } },
    };
    const clock = new ManualClock(MANAGER_T0);
    const howTo = (v: { id: string; policyId: string }) => exceptionHowTo({ exceptionsDir: config.notifications!.exceptionsDir, publicUrl: config.server.publicUrl }, v.id, v.policyId);
    const manager = managerOn(store, clock, { exceptionHowTo: howTo });
    const delivery = createNotificationDelivery(config, { outbox: store.outbox, audit: store.audit, notifiers: new Registry<Notifier>('notifier', allNotifiers(notifierDeps(config, { DATA_HOOK_SECRET: 'k' }))), worker: 'test' });

    assert.equal((await manager.runOnce()).digests, 2);
    assert.deepEqual(await delivery.deliverPending(clock.now()), { sent: 2, retrying: 0, dead: 0, lost: 0 });
    assert.equal(mails.length, 1);
    assert.deepEqual(mails[0]!.to, ['payments@example.com']);
    assert.match(mails[0]!.raw, /^Subject: \[Vigil\] 2 policy violations need action by 2026-12-03 \(payments\)/m);
    for (const arn of ['arn:aws:s3:::bucket-1', 'arn:aws:s3:::bucket-2']) assert.ok(mails[0]!.raw.split(arn).length >= 3, `${arn} in both parts`);
    assert.match(mails[0]!.raw, /https:\/\/vigil\.example\.com\/violations\/v001/);
    assert.equal(sink.requests.length, 1);
    assert.equal((JSON.parse(sink.requests[0]!.body) as { notification: { recipient: string } }).notification.recipient, 'data');

    // The same instant again: the manager steps nothing, the worker sends nothing.
    await manager.runOnce();
    assert.deepEqual(await delivery.deliverPending(clock.now()), { sent: 0, retrying: 0, dead: 0, lost: 0 });
    assert.equal(mails.length + sink.requests.length, 2);
    assert.equal((await store.audit.list({ subjectKind: 'notification', types: ['notification.sent'] })).length, 2);
  } finally {
    await store.close();
    await sink.close();
  }
});
