import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHttpSink } from '../testing/http-sink.js';
import { digestFor, reminderItem } from '../testing/notification-fixture.js';
import { DeliveryError } from './notifier.js';
import { slackNotifier } from './slack-notifier.js';

describe('slack notifier against a local webhook', () => {
  let sink: Awaited<ReturnType<typeof startHttpSink>>;
  before(async () => {
    sink = await startHttpSink((r) => (r.path.startsWith('/gone') ? 404 : 200));
  });
  after(() => sink.close());
  const slack = slackNotifier({ env: {}, timeoutMs: 5_000 });
  const ctx = { deliveryId: 'ob-1:slack', now: new Date('2026-12-03T10:00:00Z') };

  it('posts Block Kit: a header, one section per item with evidence, fix, deadline, next action and exception how-to', async () => {
    const items = [reminderItem(), reminderItem({ violationId: 'v-9', resource: { arn: 'arn:aws:s3:::x<https://evil.example|click>', type: 'aws.s3.bucket', accountId: '1', region: 'r' } })];
    await slack.send(digestFor('payments', items), { channels: { slack: { url: `${sink.url}/services/T0/B0/secret` } } }, ctx);
    const req = sink.requests.at(-1)!;
    assert.equal(req.path, '/services/T0/B0/secret');
    assert.equal(req.headers['content-type'], 'application/json');
    const body = JSON.parse(req.body) as { text: string; blocks: { type: string; text?: { type: string; text: string } }[] };
    assert.match(body.text, /2 policy violations need action by 2026-12-09 \(payments\)/);
    assert.equal(body.blocks[0]!.type, 'header');
    assert.equal(body.blocks[0]!.text!.type, 'plain_text');
    const sections = body.blocks.filter((b) => b.type === 'section');
    assert.equal(sections.length, 2);
    for (const s of sections) {
      assert.equal(s.text!.type, 'mrkdwn');
      assert.match(s.text!.text, /PublicAccessBlockConfiguration\.BlockPublicAcls: expected = true, found false/);
      assert.match(s.text!.text, /How to fix: Turn on all four Block Public Access settings\./);
      assert.match(s.text!.text, /Deadline: \*2026-12-09 10:00 UTC\*/);
      assert.match(s.text!.text, /Block Public Access will be turned on for bucket `payments-raw-7` on 2026-12-09 10:00 UTC/);
      assert.match(s.text!.text, /exceptions\//);
    }
    assert.doesNotMatch(sections[1]!.text!.text, /<https:\/\/evil/, 'a resource name cannot become a Slack link');
    assert.match(sections[1]!.text!.text, /&lt;https:\/\/evil\.example\|click&gt;/);
  });

  it('treats a 404 (webhook deleted) as permanent and never names the webhook path in the error', async () => {
    await assert.rejects(slack.send(digestFor('p'), { channels: { slack: { url: `${sink.url}/gone/T0/B0/secret` } } }, ctx), (e: unknown) => {
      assert.ok(e instanceof DeliveryError);
      assert.equal(e.retryable, false);
      assert.doesNotMatch(e.message, /secret|gone/);
      assert.match(e.message, /answered 404/);
      return true;
    });
  });

  it('takes the webhook URL from the environment variable config names, and says which one when it is unset', async () => {
    const before = sink.requests.length;
    const fromEnv = slackNotifier({ env: { PAY_SLACK_URL: `${sink.url}/services/from-env` }, timeoutMs: 5_000 });
    const team = { channels: { slack: { urlEnv: 'PAY_SLACK_URL' } } };
    assert.equal(fromEnv.target(team), 'slack (URL from $PAY_SLACK_URL)');
    await fromEnv.send(digestFor('p'), team, ctx);
    assert.equal(sink.requests.at(-1)!.path, '/services/from-env');
    await assert.rejects(slack.send(digestFor('p'), team, ctx), (e: unknown) => e instanceof DeliveryError && !e.retryable && /PAY_SLACK_URL/.test(e.message));
    assert.equal(sink.requests.length, before + 1);
  });

  it('target() names the channel without the webhook URL (it is a credential)', () => {
    assert.equal(slack.target({ channels: { slack: { url: 'https://hooks.slack.com/services/T0/B0/XYZ' } } }), 'slack https://hooks.slack.com/…');
    assert.equal(slack.target({ channels: {} }), undefined);
  });
});
