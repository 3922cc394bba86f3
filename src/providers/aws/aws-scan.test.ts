import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { AwsWireEndpoint, type AwsWireEndpointOptions } from '../../testing/aws-wire-endpoint.js';
import { runVigil } from '../../testing/cli-harness.js';
import { backupCollector } from './collectors/backup-collector.js';

const ACCOUNTS = [
  { id: '111111111111', name: 'management', ou: 'root' },
  { id: '222222222222', name: 'payments-prod', ou: 'root/prod' },
  { id: '333333333333', name: 'ledger-prod', ou: 'root/prod/ledger' },
];

/**
 * A started wire endpoint the CLI reaches through the SDK's standard settings (as a user would set
 * them; the scan worker inherits them), and a temporary directory; both go when the test ends.
 */
const wireFor = async (t: { after: (fn: () => Promise<void>) => void }, options: AwsWireEndpointOptions) => {
  const wire = new AwsWireEndpoint(options);
  const url = await wire.start();
  const dir = await mkdtemp(join(tmpdir(), 'vigil-aws-scan-'));
  t.after(async () => {
    await wire.stop();
    await rm(dir, { recursive: true, force: true });
  });
  Object.assign(process.env, { AWS_ENDPOINT_URL: url, AWS_ACCESS_KEY_ID: wire.baseCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: wire.baseCredentials.secretAccessKey, AWS_REGION: 'eu-west-1' });
  delete process.env.AWS_PROFILE;
  return { wire, dir };
};

test('vigil scan --source aws: an unreadable scope keeps its stored resources, a complete one loses what is gone (SQLite, scan worker, real SDK)', async (t) => {
  const { wire, dir } = await wireFor(t, { accounts: ACCOUNTS, regions: ['eu-west-1', 'eu-central-1', 'us-east-1'], externalId: 'vigil-ext' });
  const db = join(dir, 'vigil.db');
  const types = ['aws.kms.key', ...backupCollector.types];
  const scan = () =>
    runVigil(['scan', '--source', 'aws', '--accounts', 'all', '--regions', 'eu-west-1,eu-central-1', '--external-id', 'vigil-ext', '--db', db, '--type', ...types, '--output', join(dir, 'v.json')], { cwd: dir });

  const first = await scan();
  assert.equal(first.code, 0, first.stderr);
  const perScope = wire.sizes.kmsKeys + wire.sizes.vaults * (1 + wire.sizes.recoveryPointsPerVault) + wire.sizes.plans * (1 + wire.sizes.selectionsPerPlan) + wire.sizes.legalHolds + wire.sizes.restoreJobs + wire.sizes.restoreTestingPlans;
  assert.match(first.stdout, new RegExp(`Scanned ${(3 * 2 * perScope).toLocaleString('en-US')} resources from aws`));
  assert.doesNotMatch(first.stdout, /Could not read/);
  assert.equal(wire.callsByOperation.get('ec2:DescribeRegions'), undefined, '--regions is a list: no region discovery');

  // Two keys disappear everywhere; recovery points of one account/region cannot be listed.
  wire.sizes.kmsKeys -= 2;
  wire.forget();
  wire.options.deny = [{ operation: 'backup:ListRecoveryPointsByBackupVault', accountId: '222222222222', region: 'eu-west-1' }];
  const second = await scan();
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /Could not read: 1 /);
  assert.match(second.stdout, /AccessDeniedException on backup:ListRecoveryPointsByBackupVault in 222222222222\/eu-west-1/);
  assert.match(second.stdout, / 12 resources gone/, 'the KMS scopes were complete: 2 keys × 6 scopes are gone');

  const store = openSqliteStore({ file: db });
  t.after(() => store.close());
  const points = (accountId: string, region: string) => store.inventory.count({ type: 'aws.backup.recovery-point', accountId, region });
  assert.equal(await points('222222222222', 'eu-west-1'), wire.sizes.vaults * wire.sizes.recoveryPointsPerVault, 'not listed completely, so not taken for deleted');
  assert.equal(await points('333333333333', 'eu-west-1'), wire.sizes.vaults * wire.sizes.recoveryPointsPerVault);
  assert.equal(await store.inventory.count({ type: 'aws.kms.key' }), 3 * 2 * wire.sizes.kmsKeys);
});

test('vigil scan --source aws: a bucket whose policy cannot be read is undecided for the policies that read it, reported, and the rest is judged; RDS is listed once per scan', async (t) => {
  const { wire, dir } = await wireFor(t, {
    accounts: [ACCOUNTS[0]!], regions: ['eu-west-1'],
    // Bucket 0 has a TLS-only policy; bucket 1 has none (NoSuchBucketPolicy: absent, not unknown).
    deny: [{ operation: 's3:GetBucketPolicy', bucket: 'wire-111111111111-0' }],
  });
  const out = join(dir, 'v.json');
  const types = ['aws.s3.bucket', 'aws.rds.db-instance', 'aws.rds.db-cluster', 'aws.rds.db-snapshot', 'aws.bottlerocket.node-report'];
  // Configured, the Bottlerocket reports are read in the same scan (the endpoint's report prefix is empty).
  const env = { VIGIL_AWS_BOTTLEROCKET_REPORTS: 's3://org-node-reports/cis' };
  const r = await runVigil(['scan', '--source', 'aws', '--regions', 'eu-west-1', '--db', join(dir, 'vigil.db'), '--type', ...types, '--output', out], { cwd: dir, env });
  assert.equal(r.code, 0, r.stderr);
  const violations = JSON.parse(await readFile(out, 'utf8')) as { policyId: string; resourceArn: string }[];
  const flagged = (policyId: string) => violations.filter((v) => v.policyId === policyId).map((v) => v.resourceArn.replace('arn:aws:s3:::', '')).sort();
  // Without the fix the unreadable policy read as "no policy", and bucket 0 failed s3-tls-only.
  assert.deepEqual(flagged('s3-tls-only'), ['wire-111111111111-1']);
  // Policies that do not read the bucket policy judge bucket 0 as usual (it is versioned; bucket 1 is not).
  assert.deepEqual(flagged('s3-versioning'), ['wire-111111111111-1']);
  assert.match(r.stdout, /AccessDenied on s3:GetBucketPolicy for arn:aws:s3:::wire-111111111111-0 in 111111111111/);
  assert.match(r.stdout, /s3-tls-only on arn:aws:s3:::wire-111111111111-0: not judged: Policy could not be read \(s3:GetBucketPolicy: AccessDenied/);
  // The scan's passes each ask for other types: every RDS listing is sent once per account and Region.
  for (const op of ['rds:DescribeDBInstances', 'rds:DescribeDBClusters', 'rds:DescribeDBSnapshots']) assert.equal(wire.callsByOperation.get(op), 1, op);
  assert.equal(wire.callsByOperation.get('s3:ListObjectsV2'), 1, 'the report prefix of the account and Region was listed');
});

test('vigil scan --source aws: a bucket whose Region cannot be read keeps its stored record where it was, is reported, and no bucket is taken for deleted', async (t) => {
  // ListBuckets without BucketRegion (S3 before 2024, some S3-compatible endpoints): GetBucketLocation places each bucket.
  const { wire, dir } = await wireFor(t, { accounts: [ACCOUNTS[0]!], regions: ['eu-west-1', 'eu-central-1'], listBucketsWithoutRegion: true });
  const db = join(dir, 'vigil.db');
  const scan = () => runVigil(['scan', '--source', 'aws', '--regions', 'eu-west-1,eu-central-1', '--db', db, '--type', 'aws.s3.bucket', '--output', join(dir, 'v.json')], { cwd: dir });
  const regionsOf = async () => {
    const store = openSqliteStore({ file: db });
    try {
      const out: Record<string, string> = {};
      for (const r of await store.inventory.list({ type: 'aws.s3.bucket' })) out[r.id] = r.region;
      return out;
    } finally {
      await store.close();
    }
  };
  const first = await scan();
  assert.equal(first.code, 0, first.stderr);
  const placed = await regionsOf();
  assert.equal(placed['wire-111111111111-1'], 'eu-central-1', 'placed by GetBucketLocation, not defaulted');
  assert.equal(wire.callsByOperation.get('s3:GetBucketLocation'), wire.sizes.buckets);

  wire.forget();
  wire.options.deny = [{ operation: 's3:GetBucketLocation', bucket: 'wire-111111111111-1' }];
  wire.sizes.buckets -= 1; // the last bucket is deleted meanwhile
  const second = await scan();
  assert.equal(second.code, 0, second.stderr);
  assert.match(second.stdout, /AccessDenied on s3:GetBucketLocation for arn:aws:s3:::wire-111111111111-1 in 111111111111/);
  // Without a complete bucket list nothing is taken for deleted: the unplaced bucket stays in its Region, and so does the deleted one until a complete scan.
  assert.deepEqual(await regionsOf(), placed);
});
