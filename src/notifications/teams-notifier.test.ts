import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHttpSink } from '../testing/http-sink.js';
import { digestFor, reminderItem } from '../testing/notification-fixture.js';
import { DeliveryError } from './notifier.js';
import { teamsNotifier, teamsPayload } from './teams-notifier.js';

interface Card {
  type: string;
  version: string;
  $schema: string;
  body: { type: string; text?: string; items?: { type: string; text?: string; facts?: { title: string; value: string }[] }[] }[];
}

describe('teams notifier against a local webhook', () => {
  let sink: Awaited<ReturnType<typeof startHttpSink>>;
  before(async () => {
    sink = await startHttpSink((r) => (r.path === '/busy' ? 503 : 200));
  });
  after(() => sink.close());
  const teams = teamsNotifier({ env: {}, timeoutMs: 5_000 });
  const ctx = { deliveryId: 'ob-1:teams', now: new Date('2026-12-03T10:00:00Z') };

  it('posts an Adaptive Card inside the message/attachments envelope, one container per item', async () => {
    const hostile = reminderItem({ violationId: 'v-7', title: 'Bucket [pay here](https://evil.example)' });
    await teams.send(digestFor('payments', [reminderItem(), hostile]), { channels: { teams: { url: `${sink.url}/webhookb2/abc` } } }, ctx);
    const msg = JSON.parse(sink.requests.at(-1)!.body) as { type: string; attachments: { contentType: string; content: Card }[] };
    assert.equal(msg.type, 'message');
    assert.equal(msg.attachments.length, 1);
    assert.equal(msg.attachments[0]!.contentType, 'application/vnd.microsoft.card.adaptive');
    const card = msg.attachments[0]!.content;
    assert.equal(card.type, 'AdaptiveCard');
    assert.equal(card.version, '1.4');
    assert.equal(card.$schema, 'http://adaptivecards.io/schemas/adaptive-card.json');
    assert.equal(card.body[0]!.type, 'TextBlock');
    const containers = card.body.filter((b) => b.type === 'Container');
    assert.equal(containers.length, 2);
    for (const c of containers) {
      const facts = Object.fromEntries(c.items!.find((i) => i.type === 'FactSet')!.facts!.map((f) => [f.title, f.value.replace(/\\/g, '')]));
      assert.equal(facts['What is wrong'], 'PublicAccessBlockConfiguration.BlockPublicAcls: expected = true, found false');
      assert.equal(facts['Deadline'], '2026-12-09 10:00 UTC');
      assert.equal(facts['Then'], 'Block Public Access will be turned on for bucket `payments-raw-7` on 2026-12-09 10:00 UTC');
      assert.match(facts['How to fix']!, /Block Public Access/);
    }
    const resource = containers[0]!.items!.find((i) => i.type === 'FactSet')!.facts!.find((f) => f.title === 'Resource')!.value;
    assert.ok(resource.startsWith('arn:aws:s3:::payments-raw-7\\<script\\>'), `ARNs stay readable, only markup is escaped: ${resource}`);
    const title = containers[1]!.items![0]!.text!;
    assert.doesNotMatch(title, /\[pay here\]\(https/, 'a resource-controlled title cannot become a markdown link');
  });

  it('keeps a large digest under the Teams size limit and counts the items left out', () => {
    const long = 'x'.repeat(400);
    const items = Array.from({ length: 40 }, (_, i) => reminderItem({ violationId: `v-${i}`, guidance: long, evidence: [{ path: 'A.B', expected: long, actual: long }] }));
    const body = JSON.stringify(teamsPayload(digestFor('payments', items)));
    assert.ok(Buffer.byteLength(body) < 28_000, `${Buffer.byteLength(body)} bytes`);
    const card = (JSON.parse(body) as { attachments: { content: Card }[] }).attachments[0]!.content;
    const shown = card.body.filter((b) => b.type === 'Container').length;
    assert.ok(shown > 0 && shown < 40);
    assert.match(card.body.at(-1)!.text!, new RegExp(`…and ${40 - shown} more`));
  });

  it('treats a 503 as retryable', async () => {
    await assert.rejects(teams.send(digestFor('p'), { channels: { teams: { url: `${sink.url}/busy` } } }, ctx), (e: unknown) => e instanceof DeliveryError && e.retryable);
  });
});
