import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../../common/clock.js';
import type { Resource } from '../../inventory/resource.js';
import { AwsWireEndpoint, WIRE_SERVICES, type AwsWireEndpointOptions } from '../../testing/aws-wire-endpoint.js';
import type { CollectedBatch } from '../provider.js';
import type { CollectRequest } from '../../inventory/collect-request.js';
import { AwsProvider, type CollectionProgress } from './aws-provider.js';
import type { AwsSettings } from './aws-settings.js';
import { DEFAULT_CONFIG } from '../../config/vigil-config.js';

const DEFAULT_AWS_SETTINGS: AwsSettings = DEFAULT_CONFIG.aws;
import { allCollectors } from './collectors/all-collectors.js';
import { backupCollector } from './collectors/backup-collector.js';
import { iamCollector } from './collectors/iam-collector.js';
import { kmsCollector } from './collectors/kms-collector.js';
import type { ServiceCollector } from './service-collector.js';

const ACCOUNTS = [
  { id: '111111111111', name: 'management', ou: 'root' },
  { id: '222222222222', name: 'payments-prod', ou: 'root/prod' },
  { id: '333333333333', name: 'ledger-prod', ou: 'root/prod/ledger' },
];
const REGIONS = ['eu-west-1', 'eu-central-1'];

/** A wire endpoint of 3 accounts × 2 regions and a provider reading it with the real SDK clients. */
const setUp = async (
  t: { after: (fn: () => Promise<void> | void) => void },
  wire: Partial<AwsWireEndpointOptions> = {},
  settings: Partial<AwsSettings> = {},
  collectors: readonly ServiceCollector[] = [kmsCollector, backupCollector],
) => {
  const endpoint = new AwsWireEndpoint({ accounts: ACCOUNTS, regions: REGIONS, ...wire });
  const url = await endpoint.start();
  const logs: string[] = [];
  const progress: CollectionProgress[] = [];
  const provider = new AwsProvider({
    settings: { ...DEFAULT_AWS_SETTINGS, accounts: 'all', homeRegion: 'eu-west-1', maxAttempts: 5, ...settings },
    collectors,
    clock: new ManualClock('2026-12-03T10:00:00Z'),
    batchSize: 25,
    credentials: async () => endpoint.baseCredentials,
    endpoint: url,
    log: (l) => logs.push(l),
    progress: (p) => progress.push(p),
  });
  t.after(async () => {
    provider.close();
    await endpoint.stop();
  });
  return { endpoint, provider, logs, progress };
};

const drain = async (provider: AwsProvider, request: CollectRequest = {}) => {
  const batches: CollectedBatch[] = [];
  for await (const b of provider.collect(request)) batches.push(b);
  const resources: Resource[] = batches.flatMap((b) => b.resources);
  const covered = new Set(batches.flatMap((b) => b.covered ?? []).map((c) => `${c.accountId}/${c.region}/${c.type}`));
  const quarantined = batches.flatMap((b) => b.quarantined);
  return { batches, resources, covered, quarantined };
};

const countBy = (rs: Resource[], key: (r: Resource) => string) => rs.reduce<Record<string, number>>((m, r) => ((m[key(r)] = (m[key(r)] ?? 0) + 1), m), {});

test('--accounts all: every account of the organisation, with its OU path, read through the assumed role in each region', async (t) => {
  const { provider, endpoint, progress } = await setUp(t);
  const org = await provider.organization();
  assert.deepEqual(org.accounts.map((a) => [a.id, a.name, a.ou]), [
    ['111111111111', 'management', 'root'],
    ['222222222222', 'payments-prod', 'root/prod'],
    ['333333333333', 'ledger-prod', 'root/prod/ledger'],
  ]);
  const { resources, covered, quarantined, batches } = await drain(provider, { types: ['aws.kms.key'] });
  assert.deepEqual(quarantined, []);
  const perScope = countBy(resources, (r) => `${r.accountId}/${r.region}`);
  assert.equal(Object.keys(perScope).length, 6);
  for (const n of Object.values(perScope)) assert.equal(n, endpoint.sizes.kmsKeys);
  // Every key's ARN names the account it was read from: the credentials of the right role were used.
  for (const r of resources) assert.match(r.arn, new RegExp(`^arn:aws:kms:${r.region}:${r.accountId}:key/`));
  assert.deepEqual([...covered].sort(), ACCOUNTS.flatMap((a) => REGIONS.map((r) => `${a.id}/${r}/aws.kms.key`)).sort());
  // The management account is read with the caller's own credentials; the two others by assuming the role.
  assert.equal(endpoint.callsByOperation.get('sts:AssumeRole'), 2);
  assert.ok(batches.every((b) => b.resources.length <= 25 + endpoint.pageSize), 'batches stay near the batch size');
  const last = progress.at(-1)!;
  assert.deepEqual([last.accounts, last.scopes, last.resources, last.failures], [{ done: 3, total: 3 }, { done: 6, total: 6 }, 36, 0]);
  assert.equal(last.calls, endpoint.calls, 'every HTTP call is counted');
});

test('--accounts list, --ous and --regions narrow the scan; the external id is sent', async (t) => {
  const { provider: byId } = await setUp(t, { externalId: 'vigil-7f3a' }, { accounts: ['333333333333'], regions: ['eu-central-1'], externalId: 'vigil-7f3a' });
  const one = await drain(byId, { types: ['aws.kms.key'] });
  assert.deepEqual([...new Set(one.resources.map((r) => `${r.accountId}/${r.region}`))], ['333333333333/eu-central-1']);
  assert.deepEqual(one.quarantined, []);

  const { provider: byOu } = await setUp(t, {}, { accounts: 'current', ous: ['root/prod'] });
  assert.deepEqual((await byOu.organization()).accounts.map((a) => a.id), ['222222222222', '333333333333'], 'sub-OUs are part of an OU');

  const { provider: current, endpoint } = await setUp(t, {}, { accounts: 'current' });
  const mine = await drain(current, { types: ['aws.kms.key'] });
  assert.deepEqual([...new Set(mine.resources.map((r) => r.accountId))], ['111111111111']);
  assert.equal(endpoint.callsByOperation.get('sts:AssumeRole'), undefined);
  assert.equal(endpoint.callsByOperation.get('organizations:ListAccounts'), undefined);
});

test('a role that cannot be assumed fails that account only, with its reason, and covers none of its scopes', async (t) => {
  const { provider, logs } = await setUp(t, { externalId: 'right' }, { externalId: 'wrong' });
  const { resources, covered, quarantined } = await drain(provider, { types: ['aws.kms.key'] });
  assert.deepEqual([...new Set(resources.map((r) => r.accountId))], ['111111111111']);
  assert.deepEqual(quarantined.map((q) => [q.source, q.reason.replace(/: User: .*/, '')]).sort(), [
    ['aws:222222222222/sts', 'AccessDenied on sts:AssumeRole in 222222222222'],
    ['aws:333333333333/sts', 'AccessDenied on sts:AssumeRole in 333333333333'],
  ]);
  assert.ok([...covered].every((c) => c.startsWith('111111111111/')));
  assert.equal(logs.length, 2);
  assert.equal(JSON.parse(logs[0]!).event, 'aws.collect.failed');
});

test('throttling is retried by the SDK and the listing completes', async (t) => {
  const { provider, endpoint } = await setUp(t, { throttle: { operation: 'kms:ListKeys', times: 2 } }, { accounts: 'current', regions: ['eu-west-1'] });
  const { resources, quarantined, covered } = await drain(provider, { types: ['aws.kms.key'] });
  assert.equal(resources.length, endpoint.sizes.kmsKeys);
  assert.deepEqual(quarantined, []);
  assert.ok(covered.has('111111111111/eu-west-1/aws.kms.key'));
  assert.equal(endpoint.callsByOperation.get('kms:ListKeys'), 3, 'two throttled answers, then the real one');
});

test('AccessDenied on one Backup call in one account/region is reported by its action; the scope is not covered, the rest is', async (t) => {
  const { provider, logs } = await setUp(t, { deny: [{ operation: 'backup:ListRecoveryPointsByBackupVault', accountId: '222222222222', region: 'eu-west-1' }] });
  const { resources, covered, quarantined } = await drain(provider);
  const failures = quarantined.map((q) => q.reason);
  assert.equal(failures.length, 1, failures.join('\n'));
  assert.match(failures[0]!, /^AccessDeniedException on backup:ListRecoveryPointsByBackupVault in 222222222222\/eu-west-1 \(partial: \d+ resources read before it failed; not marked complete\)/);
  assert.equal(quarantined[0]!.source, 'aws:222222222222/eu-west-1/backup');
  assert.equal(JSON.parse(quarantined[0]!.record).partial, true);
  // That scope's backup types are not covered; its KMS keys and every other scope are.
  for (const type of backupCollector.types) assert.ok(!covered.has(`222222222222/eu-west-1/${type}`), type);
  assert.ok(covered.has('222222222222/eu-west-1/aws.kms.key'));
  for (const type of backupCollector.types) assert.ok(covered.has(`222222222222/eu-central-1/${type}`), type);
  assert.ok(covered.has('333333333333/eu-west-1/aws.backup.vault'));
  // The other accounts' recovery points were read.
  const points = countBy(resources.filter((r) => r.type === 'aws.backup.recovery-point'), (r) => `${r.accountId}/${r.region}`);
  assert.equal(points['333333333333/eu-west-1'], 16);
  assert.equal(points['222222222222/eu-west-1'], undefined);
  assert.equal(logs.filter((l) => JSON.parse(l).operation === 'backup:ListRecoveryPointsByBackupVault').length, 1);
});

test('multi-page listings are read to the end (page size 2)', async (t) => {
  const { provider, endpoint } = await setUp(t, { pageSize: 2, sizes: { kmsKeys: 5, recoveryPointsPerVault: 7 } }, { accounts: 'current', regions: ['eu-west-1'] });
  const { resources, quarantined } = await drain(provider);
  assert.deepEqual(quarantined, []);
  const byType = countBy(resources, (r) => r.type);
  assert.equal(byType['aws.kms.key'], 5);
  assert.equal(byType['aws.backup.recovery-point'], 14);
  assert.equal(endpoint.callsByOperation.get('kms:ListKeys'), 3);
  assert.equal(endpoint.callsByOperation.get('backup:ListRecoveryPointsByBackupVault'), 8);
});

test('passes of one scan running at once share one role session per account and report a failure once', async (t) => {
  const { provider, endpoint, progress } = await setUp(t, { deny: [{ operation: 'kms:ListKeys', accountId: '333333333333', region: 'eu-west-1' }] });
  // As evaluate-stream.ts does: the streamed pass and the preload pass at the same time.
  const [kms, backup, again] = await Promise.all([
    drain(provider, { excludeTypes: [...backupCollector.types] }),
    drain(provider, { types: [...backupCollector.types] }),
    drain(provider, { types: ['aws.kms.key'] }),
  ]);
  assert.equal(endpoint.callsByOperation.get('sts:AssumeRole'), 2);
  assert.equal(kms.quarantined.length + backup.quarantined.length + again.quarantined.length, 1, 'the denied listing is reported once per scan');
  assert.ok(backup.resources.every((r) => r.type.startsWith('aws.backup.')));
  assert.ok(!kms.covered.has('333333333333/eu-west-1/aws.kms.key') && !again.covered.has('333333333333/eu-west-1/aws.kms.key'));
  const last = progress.at(-1)!;
  assert.equal(last.scopes.total, 3 * 2 * 3, 'listings add up across the passes');
  assert.equal(last.scopes.done, last.scopes.total);
  assert.deepEqual(last.accounts, { done: 3, total: 3 });
});

test('an organisation that cannot be listed: `all` stops with what to do, a list of ids goes on without names', async (t) => {
  const deny = [{ operation: 'organizations:ListAccounts' }];
  const { provider: all } = await setUp(t, { deny });
  await assert.rejects(drain(all), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'aws.organization');
    assert.match(e.message, /AccessDeniedException on organizations:ListAccounts.*name the accounts with --accounts/);
    return true;
  });
  const { provider: listed, logs } = await setUp(t, { deny }, { accounts: ['222222222222'] });
  assert.deepEqual((await listed.organization()).accounts, [{ id: '222222222222', name: '222222222222' }]);
  const { resources } = await drain(listed, { types: ['aws.kms.key'] });
  assert.ok(resources.length > 0 && resources.every((r) => r.accountId === '222222222222'));
  assert.equal(JSON.parse(logs[0]!).event, 'aws.organization.unreadable');
});

test('the real collectors of every service the endpoint serves read its estate without a problem', async (t) => {
  const { endpoint } = await setUp(t);
  const collectors = allCollectors().filter((c) => (WIRE_SERVICES as readonly string[]).includes(c.service));
  assert.deepEqual(collectors.map((c) => c.service).sort(), [...WIRE_SERVICES].sort());
  const provider = new AwsProvider({
    settings: { ...DEFAULT_AWS_SETTINGS, accounts: 'current', regions: ['us-east-1', 'eu-west-1'], homeRegion: 'us-east-1' },
    collectors, clock: new ManualClock('2026-12-03T10:00:00Z'), batchSize: 100,
    credentials: async () => endpoint.baseCredentials, endpoint: endpoint.url,
  });
  t.after(() => provider.close());
  const { resources, quarantined, covered } = await drain(provider);
  // S3 Control puts the account id in the host name (111111111111.127.0.0.1), which no IP endpoint
  // can be: that one account-level read fails, is reported, and the buckets are read all the same.
  assert.deepEqual(quarantined.map((q) => q.reason.replace(/: .*/, '')), ['TypeError on s3:GetAccountPublicAccessBlock in 111111111111']);
  const byType = countBy(resources, (r) => r.type);
  const s = endpoint.sizes;
  assert.deepEqual(byType, {
    'aws.s3.bucket': s.buckets, 'aws.iam.user': s.iamUsers, 'aws.iam.role': 1, 'aws.iam.policy': 1, 'aws.iam.account': 1,
    'aws.kms.key': 2 * s.kmsKeys, 'aws.logs.log-group': 2 * s.logGroups, 'aws.dynamodb.table': 2 * s.tables, 'aws.cloudtrail.trail': 1,
    'aws.backup.vault': 2 * s.vaults, 'aws.backup.recovery-point': 2 * s.vaults * s.recoveryPointsPerVault, 'aws.backup.plan': 2 * s.plans,
    'aws.backup.selection': 2 * s.plans * s.selectionsPerPlan, 'aws.backup.legal-hold': 2 * s.legalHolds, 'aws.backup.restore-job': 2 * s.restoreJobs,
    'aws.backup.restore-testing-plan': 2 * s.restoreTestingPlans, 'aws.rds.db-instance': 2 * 3, 'aws.rds.db-cluster': 2, 'aws.rds.db-snapshot': 2,
  });
  const aurora = resources.find((r) => r.type === 'aws.rds.db-cluster')!;
  assert.deepEqual((aurora.config.DBClusterMembers as { DBInstanceIdentifier: string }[]).map((m) => m.DBInstanceIdentifier), ['orders-aurora-1', 'orders-aurora-2'], 'RDS list members parsed');
  // A global listing is complete for the account: its types are covered in `global`, in every scanned
  // region, and in every region its resources came from (a bucket in eu-central-1, not scanned here).
  for (const type of collectors.filter((c) => !c.global).flatMap((c) => c.types)) {
    for (const region of ['us-east-1', 'eu-west-1']) assert.ok(covered.has(`111111111111/${region}/${type}`), `${region} ${type}`);
  }
  for (const type of ['aws.iam.user', 'aws.iam.role', 'aws.iam.policy', 'aws.iam.account', 'aws.s3.bucket']) assert.ok(covered.has(`111111111111/global/${type}`), type);
  assert.ok(covered.has('111111111111/eu-central-1/aws.s3.bucket'));
  const user0 = resources.find((r) => r.type === 'aws.iam.user' && r.id === 'user-0')!;
  assert.equal((user0.config.CredentialReport as Record<string, string>).mfa_active, 'false', 'the credential report row reached the user');
  const careless = resources.find((r) => r.type === 'aws.s3.bucket' && r.id === 'wire-111111111111-1')!;
  assert.equal(careless.region, 'eu-central-1', 'each bucket in its own region');
  assert.equal(careless.config.PublicAccessBlockConfiguration, undefined, 'no Block Public Access: the key is absent, as on AWS');
  const table = resources.find((r) => r.type === 'aws.dynamodb.table' && r.id === 'orders-1')!;
  assert.equal((table.config.ContinuousBackupsDescription as { PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: string } } | undefined)?.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus ?? JSON.stringify(table.config), 'DISABLED');
});

test('a detail call denied for every resource of a scope is reported once with the count; the resources are kept and the scope is complete', async (t) => {
  const { provider, endpoint, logs } = await setUp(t, { deny: [{ operation: 'kms:GetKeyPolicy', accountId: '222222222222' }] }, { accounts: ['222222222222'], regions: ['eu-west-1'] });
  const { resources, quarantined, covered } = await drain(provider, { types: ['aws.kms.key'] });
  assert.equal(resources.length, endpoint.sizes.kmsKeys);
  assert.ok(resources.every((r) => r.config.Policy === undefined && r.config.KeyRotationEnabled !== undefined), 'kept, without the setting that could not be read');
  assert.ok(covered.has('222222222222/eu-west-1/aws.kms.key'), 'the listing itself was complete');
  assert.equal(quarantined.length, 1);
  assert.match(quarantined[0]!.reason, new RegExp(`^AccessDeniedException on kms:GetKeyPolicy for arn:aws:kms:eu-west-1:222222222222:key/\\S+ and ${endpoint.sizes.kmsKeys - 1} more in 222222222222/eu-west-1`));
  assert.equal(logs.length, 1);
});

test('a global listing (IAM) that is denied leaves the account\'s IAM types uncovered everywhere and says so without a region', async (t) => {
  const { provider } = await setUp(t, { deny: [{ operation: 'iam:GetAccountAuthorizationDetails', accountId: '111111111111' }] }, { accounts: 'current' }, [iamCollector, kmsCollector]);
  const { covered, quarantined, resources } = await drain(provider);
  assert.deepEqual(quarantined.map((q) => [q.source, q.reason.replace(/ \(partial[^)]*\)/, '').replace(/: .*$/, '')]), [['aws:111111111111/iam', 'AccessDenied on iam:GetAccountAuthorizationDetails in 111111111111']]);
  assert.ok(![...covered].some((c) => c.includes('aws.iam.')), [...covered].join(' '));
  assert.ok(covered.has('111111111111/eu-west-1/aws.kms.key'));
  assert.equal(resources.filter((r) => r.type === 'aws.iam.account').length, 1, 'what was read before the failure is kept');
});

test('a consumer that stops early stops the pool: no listing goes on behind its back', async (t) => {
  const accounts = Array.from({ length: 12 }, (_, i) => ({ id: String(400000000000 + i), name: `a${i}`, ou: 'root' }));
  const { provider, endpoint } = await setUp(t, { accounts, latencyMs: 20 }, { concurrency: 4 });
  for await (const b of provider.collect({})) {
    assert.ok(b.resources.length > 0);
    break;
  }
  const calls = endpoint.calls;
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(endpoint.calls - calls <= 4 * DEFAULT_AWS_SETTINGS.serviceConcurrency, `${endpoint.calls - calls} calls after the consumer stopped`);
  assert.ok(calls < 12 * 2 * 60, 'stopped long before the estate was read');
});

test('a global listing of regional resources (the S3 bucket list) covers the regions it saw, and --region narrows it', async (t) => {
  // The framework's part only: a global collector whose resources carry their own region.
  const bucket = (name: string, region: string): Resource => ({
    provider: 'aws', accountId: '111111111111', region, type: 'aws.s3.bucket', id: name, arn: `arn:aws:s3:::${name}`, name, tags: {}, config: { Name: name }, observedAt: '2026-12-03T10:00:00.000Z',
  });
  const bucketList: ServiceCollector = {
    service: 's3', types: ['aws.s3.bucket'], global: true, commands: [], permissions: [],
    async *collect(ctx) {
      assert.equal(ctx.region, 'eu-west-1', 'a global collector is called in the home region');
      yield { resources: [bucket('logs', 'eu-west-1'), bucket('archive', 'ap-south-1')] };
    },
  };
  const { provider } = await setUp(t, {}, { accounts: 'current' }, [bucketList]);
  const all = await drain(provider);
  assert.deepEqual(all.resources.map((r) => r.id).sort(), ['archive', 'logs']);
  assert.deepEqual([...all.covered].sort(), ['ap-south-1', 'eu-central-1', 'eu-west-1', 'global'].map((r) => `111111111111/${r}/aws.s3.bucket`));
  const narrowed = await drain(provider, { regions: ['eu-west-1'] });
  assert.deepEqual(narrowed.resources.map((r) => r.id), ['logs']);
  assert.deepEqual([...narrowed.covered], ['111111111111/eu-west-1/aws.s3.bucket']);
});

test('a problem that left a whole record out keeps that type of the scope from being marked complete', async (t) => {
  const settings: ServiceCollector = {
    service: 's3', types: ['aws.s3.bucket', 'aws.s3.account-settings'], global: true, commands: [], permissions: [],
    async *collect() {
      yield { resources: [], problems: [{ operation: 's3:GetAccountPublicAccessBlock', reason: 'AccessDenied: no', leftOut: 'aws.s3.account-settings' }] };
    },
  };
  const { provider } = await setUp(t, {}, { accounts: 'current', regions: ['eu-west-1'] }, [settings]);
  const { covered, quarantined } = await drain(provider);
  assert.deepEqual([...covered].sort(), ['111111111111/eu-west-1/aws.s3.bucket', '111111111111/global/aws.s3.bucket']);
  assert.match(quarantined[0]!.reason, /^AccessDenied on s3:GetAccountPublicAccessBlock in 111111111111/);
});
