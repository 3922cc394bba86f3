import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../common/clock.js';
import { VigilError } from '../../common/vigil-error.js';
import { DEFAULT_CONFIG } from '../../config/vigil-config.js';
import { createRegistries } from '../../policies/registries.js';
import { tempDir } from '../../testing/cli-harness.js';
import type { CollectedBatch } from '../provider.js';
import type { CollectRequest } from '../../inventory/collect-request.js';
import { FileProvider } from './file-provider.js';

const types = createRegistries().resourceTypes;
const clock = new ManualClock('2026-03-01T10:00:00.000Z');
const ACCOUNT = '111122223333';

const bucket = (name: string, extra: Record<string, unknown> = {}) => ({ type: 'aws.s3.bucket', accountId: ACCOUNT, region: 'eu-west-1', config: { Name: name }, ...extra });
const jsonl = (...lines: unknown[]) => `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`;

let dir: string;
let cleanup: () => Promise<void>;
before(async () => {
  ({ path: dir, cleanup } = await tempDir('vigil-file-provider-'));
});
after(() => cleanup());

const collectAll = async (file: string, request: CollectRequest = {}, batchSize = DEFAULT_CONFIG.scan.batchSize): Promise<CollectedBatch[]> => {
  const out: CollectedBatch[] = [];
  for await (const b of new FileProvider(file, types, clock, batchSize).collect(request)) out.push(b);
  return out;
};

const write = async (name: string, text: string): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

describe('FileProvider', () => {
  it('reads JSON Lines, quarantines each bad line with its line number and reason, and keeps the rest', async () => {
    const path = await write(
      'mixed.jsonl',
      jsonl(
        bucket('good-1'),
        '{"type": "aws.s3.bucket", "accountId": ',
        '',
        bucket('bad-account', { accountId: '1234' }),
        { type: 'aws.nope.thing', accountId: ACCOUNT, region: 'eu-west-1', config: {} },
        bucket('good-2', { tags: { owner: 'payments' } }),
      ),
    );
    const batches = await collectAll(path);
    const resources = batches.flatMap((b) => b.resources);
    const quarantined = batches.flatMap((b) => b.quarantined);
    assert.deepEqual(resources.map((r) => r.arn), ['arn:aws:s3:::good-1', 'arn:aws:s3:::good-2']);
    assert.equal(resources[1]!.tags.owner, 'payments');
    assert.equal(resources[0]!.observedAt, '2026-03-01T10:00:00.000Z', 'observedAt defaults to the scan time');
    assert.deepEqual(
      quarantined.map((q) => q.source),
      [`file:${path}:2`, `file:${path}:4`, `file:${path}:5`],
      'line numbers count the blank line, as an editor does',
    );
    assert.match(quarantined[0]!.reason, /^not valid JSON: /);
    assert.equal(quarantined[1]!.reason, 'field "accountId": must be a 12-digit AWS account id, found "1234"');
    assert.equal(quarantined[2]!.reason, 'field "type": unknown resource type "aws.nope.thing"');
    assert.equal(quarantined[0]!.record, '{"type": "aws.s3.bucket", "accountId": ', 'the raw text is kept verbatim');
  });

  it('reads a JSON array and names a bad element by its index', async () => {
    const path = await write('array.json', `  ${JSON.stringify([bucket('a'), { type: 'aws.s3.bucket' }, bucket('b')], null, 2)}`);
    const batches = await collectAll(path);
    assert.deepEqual(batches.flatMap((b) => b.resources).map((r) => r.id), ['a', 'b']);
    const q = batches.flatMap((b) => b.quarantined);
    assert.equal(q.length, 1);
    assert.equal(q[0]!.source, `file:${path}:[1]`);
    assert.match(q[0]!.reason, /accountId/);
  });

  it('says which file is broken when a JSON array does not parse, and when the file is missing', async () => {
    const path = await write('broken.json', '[{"type": "aws.s3.bucket"},');
    await assert.rejects(collectAll(path), (e: unknown) => e instanceof VigilError && e.status === 400 && e.message.startsWith(`${path}: not valid JSON`));
    await assert.rejects(collectAll(join(dir, 'nope.jsonl')), /cannot read inventory file .*nope\.jsonl: no such file/);
  });

  it('applies the request filters and leaves quarantine out of a pass that does not report it', async () => {
    const path = await write(
      'filters.jsonl',
      jsonl(bucket('eu'), bucket('us', { region: 'us-east-1' }), bucket('other', { accountId: '444455556666' }), 'not json'),
    );
    const byRegion = await collectAll(path, { regions: ['us-east-1'] });
    assert.deepEqual(byRegion.flatMap((b) => b.resources).map((r) => r.id), ['us']);
    const byAccount = await collectAll(path, { accountIds: ['444455556666'] });
    assert.deepEqual(byAccount.flatMap((b) => b.resources).map((r) => r.id), ['other']);
    const excluded = await collectAll(path, { excludeTypes: ['aws.s3.bucket'] });
    assert.deepEqual(excluded.flatMap((b) => b.resources), []);
    const silent = await collectAll(path, { reportQuarantine: false });
    assert.deepEqual(silent.flatMap((b) => b.quarantined), []);
    assert.equal(silent.flatMap((b) => b.resources).length, 3);
  });

  it('streams in batches of the given size without losing or repeating a record', async () => {
    const path = await write('many.jsonl', jsonl(...Array.from({ length: 25 }, (_, i) => bucket(`b-${i}`))));
    const batches = await collectAll(path, {}, 10);
    assert.deepEqual(batches.map((b) => b.resources.length).slice(0, 3), [10, 10, 5]);
    assert.equal(new Set(batches.flatMap((b) => b.resources.map((r) => r.arn))).size, 25);
  });

  it('claims the scopes it listed completely, so a resource missing from the file counts as deleted', async () => {
    const path = await write('scopes.jsonl', jsonl(bucket('a'), bucket('b'), bucket('c', { region: 'us-east-1' })));
    const covered = (await collectAll(path)).flatMap((b) => b.covered ?? []);
    assert.deepEqual(
      covered.map((c) => `${c.accountId}/${c.region}/${c.type}`).sort(),
      [`${ACCOUNT}/eu-west-1/aws.s3.bucket`, `${ACCOUNT}/us-east-1/aws.s3.bucket`],
    );
    const onlyUs = (await collectAll(path, { regions: ['us-east-1'] })).flatMap((b) => b.covered ?? []);
    assert.deepEqual(onlyUs.map((c) => c.region), ['us-east-1'], 'a filtered-out scope is not claimed');
  });

  it('does not claim a scope a bad record may belong to, so a typo never deletes a resource', async () => {
    const badConfig = await write('bad-config.jsonl', jsonl(bucket('a'), bucket('b', { config: 'oops' }), bucket('c', { region: 'us-east-1' })));
    const covered = (await collectAll(badConfig)).flatMap((b) => b.covered ?? []);
    assert.deepEqual(covered.map((c) => c.region), ['us-east-1'], 'eu-west-1 holds a record that could not be read');
    const unreadable = await write('unreadable.jsonl', jsonl(bucket('a'), '{oops', bucket('c', { region: 'us-east-1' })));
    assert.deepEqual((await collectAll(unreadable)).flatMap((b) => b.covered ?? []), [], 'a line that is not JSON could be anything');
    const typo = await write('typo.jsonl', jsonl(bucket('a'), bucket('b', { accountId: '11112222333' })));
    assert.deepEqual((await collectAll(typo)).flatMap((b) => b.covered ?? []), [], 'a mistyped account id could be any account');
  });
});
