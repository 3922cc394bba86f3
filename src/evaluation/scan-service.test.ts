import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { DAY_MS, ManualClock } from '../common/clock.js';
import { OwnerResolver, DEFAULT_OWNER_RULES } from '../inventory/owner-resolver.js';
import type { Resource } from '../inventory/resource.js';
import { compilePolicy } from '../policies/compiled-policy.js';
import { ConditionCompiler } from '../policies/condition/condition-compiler.js';
import { FilterRegistry } from '../policies/filters/filter-registry.js';
import { OperatorRegistry } from '../policies/operators/operator-registry.js';
import type { LoadedPolicy } from '../policies/policy.js';
import type { CollectedBatch, Provider } from '../providers/provider.js';
import type { CollectRequest } from '../inventory/collect-request.js';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { tempDir } from '../testing/cli-harness.js';
import { installRowWriteCounter } from '../testing/row-write-counter.js';
import { openTestStore } from '../testing/test-store.js';
import { Evaluator } from './evaluator.js';
import { ScanService } from './scan-service.js';

/** An estate we can edit between scans: the smallest honest Provider. */
class EditableProvider implements Provider {
  readonly name = 'test';
  resources: Resource[] = [];
  bad: CollectedBatch['quarantined'] = [];
  async organization() {
    return { accounts: [{ id: '123456789012', name: 'prod', owner: 'platform' }] };
  }
  async *collect(req: CollectRequest): AsyncIterable<CollectedBatch> {
    const rs = this.resources.filter((r) => (!req.types || req.types.includes(r.type)) && !req.excludeTypes?.includes(r.type));
    yield { resources: rs.map((r) => structuredClone(r)), quarantined: req.reportQuarantine === false ? [] : this.bad, covered: [{ accountId: '123456789012', region: 'eu-west-1', type: 'aws.s3.bucket' }] };
  }
}

const bucket = (name: string, status: string, tags: Record<string, string> = {}): Resource => ({
  provider: 'aws', accountId: '123456789012', region: 'eu-west-1', type: 'aws.s3.bucket', id: name, arn: `arn:aws:s3:::${name}`, name,
  tags, config: { Name: name, Versioning: { Status: status } }, observedAt: '2026-06-01T00:00:00.000Z',
});
const policy: LoadedPolicy = {
  id: 's3-versioning', title: 'S3 buckets keep object versions', resource: 'aws.s3.bucket', severity: 'low', frameworks: {},
  scope: { 'tag:exempt': { ne: 'yes' } }, where: { 'Versioning.Status': { ne: 'Enabled' } }, remediation: { guidance: 'Enable versioning.' },
  source: { file: 't.yaml', line: 1, col: 1 }, builtin: false,
};

const store = await openTestStore();
after(() => store.close());
const clock = new ManualClock('2026-06-01T00:00:00Z');
const compiled = compilePolicy(policy, new ConditionCompiler(new OperatorRegistry(), new FilterRegistry()));
const scans = new ScanService({ store, evaluator: new Evaluator([compiled]), clock, owners: (org) => new OwnerResolver(DEFAULT_OWNER_RULES, org.accounts) });
const provider = new EditableProvider();
const vid = async (name: string) => (await store.violations.list({ resourceArn: `arn:aws:s3:::${name}` }))[0];

test('open, keep, resolve, reopen and delete across rescans, every change in the audit trail', async () => {
  provider.resources = [bucket('a', 'Suspended', { owner: 'payments' }), bucket('b', 'Enabled'), bucket('c', 'Suspended')];
  const first = await scans.run(provider);
  assert.deepEqual([first.resources, first.findings, first.opened], [3, 2, 2]);
  const a1 = await vid('a');
  assert.equal(a1?.state, 'open');
  assert.equal(a1?.owner, 'payments', 'owner from the tag');
  assert.equal((await vid('c'))?.owner, 'platform', 'owner from the account when untagged');
  assert.deepEqual(a1?.evidence, [{ path: 'Versioning.Status', expected: '= Enabled', actual: 'Suspended' }]);

  clock.advance(DAY_MS);
  const second = await scans.run(provider);
  assert.deepEqual([second.opened, second.resolved], [0, 0]);
  const a2 = await vid('a');
  assert.equal(a2?.id, a1?.id, 'the same violation, not a new one');
  assert.equal(a2?.firstSeenAt, a1?.firstSeenAt);
  assert.equal(a2?.lastSeenAt, '2026-06-02T00:00:00.000Z');

  clock.advance(DAY_MS);
  provider.resources = [bucket('a', 'Enabled'), bucket('b', 'Enabled'), bucket('c', 'Suspended', { exempt: 'yes' })];
  const third = await scans.run(provider);
  assert.equal(third.resolved, 2);
  assert.deepEqual([(await vid('a'))?.state, (await vid('a'))?.resolution], ['resolved', 'passes']);
  assert.equal((await vid('c'))?.resolution, 'out-of-scope');

  clock.advance(DAY_MS);
  provider.resources = [bucket('a', 'Suspended'), bucket('b', 'Suspended')];
  const fourth = await scans.run(provider);
  assert.deepEqual([fourth.reopened, fourth.opened, fourth.deletedResources], [1, 1, 1]);
  assert.equal((await vid('a'))?.state, 'open');
  assert.equal((await store.inventory.get('arn:aws:s3:::c'))?.deletedAt, '2026-06-04T00:00:00.000Z');

  clock.advance(DAY_MS);
  provider.resources = [bucket('b', 'Suspended')];
  await scans.run(provider);
  assert.equal((await vid('a'))?.resolution, 'resource-deleted');

  const history = await store.audit.list({ subjectId: a1?.id as string, limit: 100 });
  assert.deepEqual(history.map((e) => e.type), ['violation.opened', 'violation.resolved', 'violation.reopened', 'violation.resolved']);
  assert.equal((await store.audit.list({ types: ['scan.finished'], limit: 100 })).length, 5);
  assert.equal((await store.scans.list({ limit: 10 }))[0]?.status, 'finished');
});

test('bad records are quarantined with their reason and the rest is scanned', async () => {
  provider.resources = [bucket('q', 'Suspended')];
  provider.bad = [{ source: 'file:x.jsonl:2', reason: 'field "accountId": must be a 12-digit AWS account id', record: '{}' }];
  const r = await scans.run(provider);
  assert.equal(r.quarantinedCount, 1);
  assert.equal(r.resources, 1);
  const q = await store.quarantine.list({ scanId: r.scanId });
  assert.deepEqual(q.map((x) => [x.source, x.reason]), [['file:x.jsonl:2', 'field "accountId": must be a 12-digit AWS account id']]);
  provider.bad = [];
});

test('per-policy results feed compliance scores: evaluated and failed per account and region', async () => {
  provider.resources = [bucket('s1', 'Suspended'), bucket('s2', 'Enabled'), bucket('s3', 'Enabled', { exempt: 'yes' })];
  const r = await scans.run(provider);
  const rows = await store.scans.policyResults(r.scanId);
  assert.deepEqual(rows.map((x) => [x.policyId, x.accountId, x.evaluated, x.failed]), [['s3-versioning', '123456789012', 2, 1]]);
});

test('a rescan rewrites only what changed, yet every live resource shows the rescan as last seen; a returning one is live again', async () => {
  const dir = await tempDir('vigil-rescan-');
  const file = join(dir.path, 'rescan.db');
  const inventoryStore = openSqliteStore({ file });
  await inventoryStore.migrate();
  const writes = installRowWriteCounter(file, ['resources']);
  try {
    const local = new ScanService({ store: inventoryStore, evaluator: new Evaluator([compiled]), clock, owners: (org) => new OwnerResolver(DEFAULT_OWNER_RULES, org.accounts) });
    const at = (name: string) => inventoryStore.inventory.get(`arn:aws:s3:::${name}`);
    provider.resources = [bucket('keep', 'Enabled'), bucket('edit', 'Enabled'), bucket('gone', 'Enabled')];
    await local.run(provider);
    assert.equal(writes.read()['resources'], 3, 'a first scan writes every resource');
    writes.reset();
    const first = clock.now().toISOString();
    const before = await at('keep');

    clock.advance(DAY_MS);
    const second = clock.now().toISOString();
    provider.resources = [bucket('keep', 'Enabled'), { ...bucket('edit', 'Enabled', { owner: 'payments' }), observedAt: second }];
    const r = await local.run(provider);
    assert.equal(r.deletedResources, 1);
    // 'edit' rewritten, 'gone' marked deleted; 'keep' (unchanged) is not touched: its last-seen is its scope's.
    assert.equal(writes.read()['resources'], 2, 'a rescan writes the changed and the deleted resource, not the unchanged one');
    const keep = await at('keep');
    assert.deepEqual([keep?.lastSeenAt, keep?.firstSeenAt, keep?.digest], [second, first, before?.digest], 'unchanged: seen now, same content');
    const edit = await at('edit');
    assert.deepEqual([edit?.tags, edit?.owner, edit?.observedAt, edit?.lastSeenAt], [{ owner: 'payments' }, 'payments', second, second]);
    const gone = await at('gone');
    assert.deepEqual([gone?.deletedAt, gone?.lastSeenAt], [second, second]);
    assert.equal(await inventoryStore.inventory.count(), 2);

    clock.advance(DAY_MS);
    provider.resources = [bucket('keep', 'Enabled'), bucket('gone', 'Enabled')];
    const third = await local.run(provider);
    assert.equal(third.deletedResources, 1, 'edit is gone now');
    assert.deepEqual([(await at('gone'))?.deletedAt, (await at('gone'))?.lastSeenAt], [null, clock.now().toISOString()]);
    assert.equal((await at('gone'))?.firstSeenAt, first, 'the same resource, back');
  } finally {
    await inventoryStore.close();
    await dir.cleanup();
  }
});
