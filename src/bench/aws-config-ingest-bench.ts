/**
 * `npm run bench` (also alone: `npx tsx src/bench/aws-config-ingest-bench.ts`): how fast the aws-config
 * source ingests a gzipped Config snapshot, and how much memory it takes. Generates one snapshot of
 * BENCH_CONFIG_ITEMS items (default 200,000; a mix of S3 buckets with supplementary configuration,
 * security groups, volumes, KMS keys and RDS instances, plus 1 % of an unjudged type), then reads it with
 * AwsConfigProvider in a child process (so peak RSS is that run's alone) and prints items/s, resources/s
 * and peak RSS. Ingestion only: no evaluation, no store. Then a full scan of the same snapshot (every
 * policy, into a fresh SQLite file) with its wall time and peak RSS; a scan reads the source once per
 * evaluation pass (up to three), so it shows what that costs.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { ManualClock } from '../common/clock.js';
import { loadConfig } from '../config/config-loader.js';
import { createScanParts, createVigil, loadPolicySet } from '../composition-root.js';
import { configItem } from '../providers/aws-config/aws-config-fixtures.js';

const ACCOUNT = '111122223333';
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** One synthetic item per index, cycling through the judged types. */
const item = (i: number): Record<string, unknown> => {
  const id = `r${i}`;
  switch (i % 6) {
    case 0:
      return configItem('AWS::S3::Bucket', `bench-${id}`, ACCOUNT, 'eu-west-1', { name: `bench-${id}`, creationDate: '2024-01-01T00:00:00.000Z' }, {
        tags: { owner: 'platform', 'data-classification': 'private' },
        supplementaryConfiguration: {
          AccessControlList: JSON.stringify({ grantList: [{ grantee: { id: 'c0ffee' }, permission: 'FullControl' }], owner: { id: 'c0ffee' } }),
          BucketPolicy: { policyText: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::bench-${id}/*`, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }) },
          BucketVersioningConfiguration: { status: i % 12 ? 'Enabled' : 'Off' },
          PublicAccessBlockConfiguration: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
          ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }] },
        },
      });
    case 1:
      return configItem('AWS::EC2::SecurityGroup', `sg-${i.toString(16)}`, ACCOUNT, 'eu-west-1', {
        groupId: `sg-${i.toString(16)}`, groupName: id, vpcId: 'vpc-1', ownerId: ACCOUNT,
        ipPermissions: [{ fromPort: 443, toPort: 443, ipProtocol: 'tcp', ipv4Ranges: [{ cidrIp: '10.0.0.0/8' }], ipRanges: ['10.0.0.0/8'], ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [] }], ipPermissionsEgress: [],
      });
    case 2:
      return configItem('AWS::EC2::Volume', `vol-${i.toString(16)}`, ACCOUNT, 'eu-west-1', { volumeId: `vol-${i.toString(16)}`, encrypted: i % 10 !== 0, size: 8, state: { value: 'in-use' }, attachments: [], volumeType: 'gp3' });
    case 3:
      return configItem('AWS::KMS::Key', `k-${i}`, ACCOUNT, 'eu-west-1', { keyId: `k-${i}`, keyState: 'Enabled', keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS' }, { supplementaryConfiguration: { KeyRotationStatus: true } });
    case 4:
      return configItem('AWS::RDS::DBInstance', `db-${i}`, ACCOUNT, 'eu-west-1', { dBInstanceIdentifier: `db-${i}`, engine: 'postgres', multiAZ: true, publiclyAccessible: false, storageEncrypted: true, deletionProtection: true, backupRetentionPeriod: 14 });
    default:
      return i % 100 === 5 ? configItem('AWS::SNS::Topic', `t-${i}`, ACCOUNT, 'eu-west-1', { TopicArn: `t-${i}` }) : configItem('AWS::EC2::Volume', `vol-${i.toString(16)}`, ACCOUNT, 'eu-west-1', { volumeId: `vol-${i.toString(16)}`, encrypted: true, state: { value: 'available' } });
  }
};

/** Writes the snapshot as a stream, so generating 1M items does not hold them either. */
const writeSnapshot = async (path: string, n: number): Promise<void> => {
  async function* text(): AsyncIterable<string> {
    yield '{"fileVersion":"1.0","configSnapshotId":"bench","configurationItems":[';
    for (let i = 0; i < n; i++) yield (i ? ',' : '') + JSON.stringify(item(i));
    yield ']}';
  }
  await pipeline(Readable.from(text()), createGzip(), createWriteStream(path));
};

const ingestChild = async (dir: string): Promise<void> => {
  // Built by the composition root like any scan's provider (policies are loaded but not timed).
  const config = await loadConfig({ env: {} });
  const provider = createScanParts(config, await loadPolicySet(config)).provider(`aws-config:${dir}`);
  const t0 = performance.now();
  let resources = 0;
  let notices: string[] = [];
  for await (const b of provider.collect({})) {
    resources += b.resources.length;
    if (b.notices) notices = b.notices;
  }
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, resources, notices: notices.length, maxRss: process.resourceUsage().maxRSS * 1024 }));
};

const scanChild = async (dir: string): Promise<void> => {
  const config = await loadConfig({ env: {}, flags: { store: { url: join(dir, 'bench.db') } } });
  const vigil = await createVigil(config, { clock: new ManualClock('2026-11-30T12:00:00Z') });
  try {
    const t0 = performance.now();
    const report = await vigil.scan(`aws-config:${join(dir, 'AWSLogs')}`);
    process.stdout.write(JSON.stringify({ ms: performance.now() - t0, resources: report.resources, findings: report.findings, maxRss: process.resourceUsage().maxRSS * 1024 }));
  } finally {
    await vigil.close();
  }
};

const run = (args: string[]): Record<string, number> => {
  const res = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 10_000_000 });
  if (res.status !== 0) throw new Error(`bench child ${args[0]} failed: ${res.stderr}`);
  return JSON.parse(res.stdout) as Record<string, number>;
};

const main = async (): Promise<void> => {
  const n = Number(process.env.BENCH_CONFIG_ITEMS ?? 200_000);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-config-bench-'));
  try {
    const snapshots = join(dir, 'AWSLogs');
    mkdirSync(snapshots);
    const file = join(snapshots, `${ACCOUNT}_Config_eu-west-1_ConfigSnapshot_20261130T100000Z_bench.json.gz`);
    await writeSnapshot(file, n);
    const size = statSync(file).size;
    const r = run(['--child', snapshots]);
    console.log(`aws-config ingest: ${fmt(n)} items (${mb(size)} gzipped snapshot) → ${fmt(r.resources as number)} resources in ${((r.ms as number) / 1000).toFixed(1)} s · ${fmt(n / ((r.ms as number) / 1000))} items/s · peak RSS ${mb(r.maxRss as number)}`);
    const s = run(['--scan', dir]);
    console.log(`aws-config scan:   ${fmt(s.resources as number)} resources, every policy, into SQLite in ${((s.ms as number) / 1000).toFixed(1)} s · ${fmt(n / ((s.ms as number) / 1000))} items/s · ${fmt(s.findings as number)} findings · peak RSS ${mb(s.maxRss as number)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

if (process.argv[2] === '--child') await ingestChild(process.argv[3] as string);
else if (process.argv[2] === '--scan') await scanChild(process.argv[3] as string);
else await main();
