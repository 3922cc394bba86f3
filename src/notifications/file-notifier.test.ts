import assert from 'node:assert/strict';
import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../testing/cli-harness.js';
import { digestFor, reminderItem } from '../testing/notification-fixture.js';
import { fileNotifier } from './file-notifier.js';
import { DeliveryError } from './notifier.js';

describe('file notifier (digests as files: the demo estate\'s channel)', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  before(async () => {
    dir = await tempDir('vigil-file-notifier-');
  });
  after(() => dir.cleanup());
  const now = new Date('2026-12-03T09:00:00.000Z');
  const team = { members: [{ name: 'Alice', email: 'alice@example.com' }], channels: { file: {} } };

  it('writes the digest as an .eml (text and HTML parts, to the members) and its text as .txt, under <dir>/<team>/; a redelivery rewrites, never adds', async () => {
    const out = join(dir.path, 'outbox');
    const n = fileNotifier({ env: {}, timeoutMs: 5_000, fileOutboxDir: out });
    assert.equal(n.target(team), out);
    assert.equal(n.target({ channels: {} }), undefined, 'no file channel, no target');
    const digest = digestFor('payments', [reminderItem({ resource: { arn: 'arn:aws:s3:::payments-raw-<7>', type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1' } })]);
    await n.send(digest, team, { deliveryId: '17:file', now });
    await n.send(digest, team, { deliveryId: '17:file', now });
    const files = (await readdir(join(out, 'payments'))).sort();
    assert.deepEqual(files, ['20261203T090000Z-17_file.eml', '20261203T090000Z-17_file.txt']);
    const eml = await readFile(join(out, 'payments', files[0]!), 'utf8');
    assert.match(eml, /^To: alice@example\.com$/m);
    assert.match(eml, /^Subject: \[Vigil\] 1 policy violation needs action/m);
    assert.match(eml, /^X-Vigil-Delivery: 17:file$/m);
    assert.match(eml, /Content-Type: text\/plain[\s\S]*Content-Type: text\/html/);
    assert.match(eml.replace(/=\n/g, ''), /<code>arn:aws:s3:::payments-raw-&lt;7&gt;/, 'the HTML part escapes resource names');
    const txt = await readFile(join(out, 'payments', files[1]!), 'utf8');
    assert.match(txt, /^1 policy violation needs action/);
    assert.match(txt, /arn:aws:s3:::payments-raw-<7>/);
  });

  it('a team may name its own dir; a recipient name cannot climb out of it', async () => {
    const own = join(dir.path, 'mine');
    await fileNotifier({ env: {}, timeoutMs: 5_000, fileOutboxDir: join(dir.path, 'unused') }).send(digestFor('../../etc'), { channels: { file: { dir: own } } }, { deliveryId: '3:file', now });
    assert.deepEqual(await readdir(own), ['_._.._etc']);
  });

  it('a directory it cannot create is a permanent DeliveryError naming the path', async () => {
    const blocker = join(dir.path, 'not-a-dir');
    await writeFile(blocker, 'x');
    await chmod(blocker, 0o444);
    await assert.rejects(
      fileNotifier({ env: {}, timeoutMs: 5_000, fileOutboxDir: blocker }).send(digestFor('payments'), team, { deliveryId: '9:file', now }),
      (e: unknown) => e instanceof DeliveryError && !e.retryable && e.message.includes(join(blocker, 'payments')),
    );
  });
});
