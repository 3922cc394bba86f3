import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { runVigil, tempDir } from '../testing/cli-harness.js';
import type { Violation } from '../violations/violation.js';

const ACCOUNT = '111122223333';
const bucket = (name: string, config: Record<string, unknown> = {}) => ({ type: 'aws.s3.bucket', accountId: ACCOUNT, region: 'eu-west-1', config: { Name: name, ...config } });
const VERSIONED = { Versioning: { Status: 'Enabled' } };

/**
 * The violation lifecycle as a user drives it: edit the inventory file, run `vigil scan` again, and the
 * store (a real SQLite file) follows.
 */
describe('vigil scan lifecycle over a file source', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let inventory: string;
  let db: string;
  before(async () => {
    ({ path: dir, cleanup } = await tempDir('vigil-lifecycle-'));
    inventory = join(dir, 'inventory.jsonl');
    db = join(dir, 'vigil.db');
  });
  after(() => cleanup());

  const writeInventory = (...records: unknown[]) => writeFile(inventory, records.map((r) => JSON.stringify(r)).join('\n'));
  const scan = async () => {
    const r = await runVigil(['scan', '--source', `file:${inventory}`, '--db', db, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    return { live: JSON.parse(r.stdout) as Violation[], summary: r.stderr };
  };
  const withStore = async <T>(f: (s: Store) => Promise<T>): Promise<T> => {
    const store = await openStore({ url: db });
    try {
      return await f(store);
    } finally {
      await store.close();
    }
  };
  const violationsOf = (name: string) => withStore((s) => s.violations.list({ resourceArn: `arn:aws:s3:::${name}`, limit: 1000 }));

  let first: Violation[];

  it('a first scan opens violations for the failing buckets', async () => {
    await writeInventory(bucket('alpha'), bucket('beta'), bucket('gamma', VERSIONED));
    const { live, summary } = await scan();
    first = live;
    assert.ok(live.some((v) => v.policyId === 's3-versioning' && v.resourceArn === 'arn:aws:s3:::alpha'));
    assert.ok(live.some((v) => v.policyId === 's3-versioning' && v.resourceArn === 'arn:aws:s3:::beta'));
    assert.ok(!live.some((v) => v.policyId === 's3-versioning' && v.resourceArn === 'arn:aws:s3:::gamma'), 'a versioned bucket passes');
    assert.match(summary, new RegExp(`this scan: ${live.length} new · 0 reopened · 0 resolved`));
  });

  it('scanning the same file again keeps every id and opens nothing new', async () => {
    const { live, summary } = await scan();
    assert.deepEqual(live.map((v) => v.id).sort(), first.map((v) => v.id).sort());
    const before = new Map(first.map((v) => [v.id, v]));
    for (const v of live) {
      assert.equal(v.firstSeenAt, before.get(v.id)!.firstSeenAt, 'first seen stays the first scan');
      assert.equal(v.state, 'open');
    }
    assert.match(summary, /this scan: 0 new · 0 reopened · 0 resolved/);
    const total = await withStore((s) => s.violations.count({}));
    assert.equal(total, first.length, 'no duplicate rows in the store');
  });

  it('fixing a bucket in the file resolves its violation as passing, and only that one', async () => {
    await writeInventory(bucket('alpha', VERSIONED), bucket('beta'), bucket('gamma', VERSIONED));
    const { live, summary } = await scan();
    const fixed = first.find((v) => v.policyId === 's3-versioning' && v.resourceArn === 'arn:aws:s3:::alpha')!;
    const stored = await withStore((s) => s.violations.get(fixed.id));
    assert.equal(stored?.state, 'resolved');
    assert.equal(stored?.resolution, 'passes');
    assert.equal(live.length, first.length - 1);
    assert.match(summary, /this scan: 0 new · 0 reopened · 1 resolved/);
    const beta = (await violationsOf('beta')).find((v) => v.policyId === 's3-versioning');
    assert.equal(beta?.state, 'open', 'the other bucket is still out of policy');
  });

  it('removing a bucket from the file resolves its violations as resource-deleted', async () => {
    const betaBefore = (await violationsOf('beta')).filter((v) => v.state === 'open');
    assert.ok(betaBefore.length > 0);
    await writeInventory(bucket('alpha', VERSIONED), bucket('gamma', VERSIONED));
    const { live, summary } = await scan();
    const betaAfter = await violationsOf('beta');
    assert.equal(betaAfter.length, betaBefore.length);
    for (const v of betaAfter) {
      assert.equal(v.state, 'resolved', v.policyId);
      assert.equal(v.resolution, 'resource-deleted', v.policyId);
    }
    assert.ok(!live.some((v) => v.resourceArn === 'arn:aws:s3:::beta'));
    assert.match(summary, /· 1 resources gone/);
    const resource = await withStore((s) => s.inventory.get('arn:aws:s3:::beta'));
    assert.ok(resource?.deletedAt, 'the store marks the resource deleted');
  });

  it('a record that turns unreadable is quarantined and does not delete its resource', async () => {
    await writeFile(inventory, [JSON.stringify(bucket('alpha', VERSIONED)), JSON.stringify({ ...bucket('gamma'), config: 'oops' })].join('\n'));
    const { summary } = await scan();
    assert.match(summary, /Quarantined: 1 bad record/);
    assert.match(summary, new RegExp(`file:${inventory.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2  field "config": must be an object`));
    const gamma = await withStore((s) => s.inventory.get('arn:aws:s3:::gamma'));
    assert.ok(gamma && !gamma.deletedAt, 'gamma is still there: its record is only unreadable');
  });
});
