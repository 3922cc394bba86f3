import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ResourceTypeRegistry } from '../../inventory/resource-type-registry.js';
import { allResourceTypes } from '../../inventory/resource-types/all-resource-types.js';
import type { Resource } from '../../inventory/resource.js';
import { tempDir } from '../../testing/cli-harness.js';
import type { CollectedBatch } from '../provider.js';
import type { CollectRequest } from '../../inventory/collect-request.js';
import { allConfigItemMappers, CONFIG_TYPES_LACKING_FIELDS } from './all-config-item-mappers.js';
import { ACCOUNT_A, ACCOUNT_B, writeDeliveryTree } from './aws-config-fixtures.js';
import { AwsConfigProvider } from './aws-config-provider.js';
import { LocalDeliverySource } from './delivery-object-source.js';

const types = new ResourceTypeRegistry(allResourceTypes());
let dir: string;
let cleanup: () => Promise<void>;
before(async () => {
  ({ path: dir, cleanup } = await tempDir('vigil-aws-config-'));
  await writeDeliveryTree(join(dir, 'full'));
  await writeDeliveryTree(join(dir, 'first'), { withHistory: false, malformed: false });
});
after(() => cleanup());

const provider = (sub: string, batchSize = 1_000) => new AwsConfigProvider(new LocalDeliverySource(join(dir, sub)), allConfigItemMappers(), CONFIG_TYPES_LACKING_FIELDS, types, batchSize);
const collect = async (sub: string, request: CollectRequest = {}, batchSize?: number): Promise<CollectedBatch[]> => {
  const out: CollectedBatch[] = [];
  for await (const b of provider(sub, batchSize).collect(request)) out.push(b);
  return out;
};
const resources = (bs: CollectedBatch[]): Resource[] => bs.flatMap((b) => b.resources);
const byId = (bs: CollectedBatch[]) => new Map(resources(bs).map((r) => [`${r.type} ${r.id}`, r]));

describe('AwsConfigProvider', () => {
  it('maps every judged item onto its Vigil type, once, in its account and Region (global types in "global")', async () => {
    const got = resources(await collect('full')).map((r) => `${r.accountId} ${r.region} ${r.type} ${r.id}`).sort();
    assert.deepEqual(got, [
      `${ACCOUNT_A} eu-west-1 aws.cloudtrail.trail main`,
      `${ACCOUNT_A} eu-west-1 aws.ec2.instance i-0123456789abcdef0`,
      `${ACCOUNT_A} eu-west-1 aws.ec2.security-group sg-new`,
      `${ACCOUNT_A} eu-west-1 aws.ec2.security-group sg-ok`,
      `${ACCOUNT_A} eu-west-1 aws.ec2.security-group sg-open`,
      `${ACCOUNT_A} eu-west-1 aws.ec2.volume vol-enc`,
      `${ACCOUNT_A} eu-west-1 aws.kms.key k-norot`,
      `${ACCOUNT_A} eu-west-1 aws.kms.key k-rot`,
      `${ACCOUNT_A} eu-west-1 aws.rds.db-instance orders`,
      `${ACCOUNT_A} eu-west-1 aws.rds.db-snapshot rds:orders-2026-11-29`,
      `${ACCOUNT_A} eu-west-1 aws.redshift.cluster analytics`,
      `${ACCOUNT_A} eu-west-1 aws.s3.bucket a-logs`,
      `${ACCOUNT_A} eu-west-1 aws.s3.bucket a-public`,
      `${ACCOUNT_A} global aws.iam.policy read-orders`,
      `${ACCOUNT_A} global aws.iam.role break-glass`,
      `${ACCOUNT_A} us-east-1 aws.dynamodb.table carts`,
      `${ACCOUNT_A} us-east-1 aws.ecs.task-definition checkout:7`,
      `${ACCOUNT_A} us-east-1 aws.eks.cluster private`,
      `${ACCOUNT_A} us-east-1 aws.eks.cluster prod`,
      `${ACCOUNT_A} us-east-1 aws.elbv2.listener app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`,
      `${ACCOUNT_A} us-east-1 aws.logs.log-group /aws/lambda/fn`,
      `${ACCOUNT_A} us-east-1 aws.rds.db-cluster orders-aurora`,
      `${ACCOUNT_B} eu-west-1 aws.backup.plan plan-1`,
      `${ACCOUNT_B} eu-west-1 aws.backup.recovery-point rp-1`,
      `${ACCOUNT_B} eu-west-1 aws.backup.selection sel-1`,
      `${ACCOUNT_B} eu-west-1 aws.s3.bucket b-data`,
      `${ACCOUNT_B} global aws.s3.account-settings ${ACCOUNT_B}`,
    ]);
  });

  it('lets the newest item per resource win: a later history fix beats the snapshot, an older history change loses, a deletion hides it', async () => {
    const first = byId(await collect('first'));
    const full = byId(await collect('full'));
    assert.equal(first.get('aws.s3.bucket a-public')?.config.PublicAccessBlockConfiguration, undefined, 'snapshot: no Block Public Access');
    assert.deepEqual(full.get('aws.s3.bucket a-public')?.config.PublicAccessBlockConfiguration, { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    assert.equal(full.get('aws.s3.bucket a-public')?.observedAt, '2026-11-30T12:00:00.000Z', 'observed when Config captured it');
    const ports = (r: Resource | undefined) => (r?.config.IpPermissions as { FromPort: number }[]).map((p) => p.FromPort);
    assert.deepEqual(ports(full.get('aws.ec2.security-group sg-ok')), [443], 'the history item older than the snapshot lost');
    assert.ok(first.has('aws.ec2.volume vol-unenc'));
    assert.ok(!full.has('aws.ec2.volume vol-unenc'), 'deleted after the snapshot: not live');
    assert.ok(!full.has('aws.ec2.security-group sg-unrecorded'), 'ResourceNotRecorded: nothing to judge');
    assert.ok(!full.has('aws.s3.bucket b-old-only'), 'an older snapshot of the same account and Region is not read');
    assert.ok(!full.has('aws.ec2.security-group sg-ancient') && !first.has('aws.ec2.security-group sg-ancient'), 'history from before the newest snapshot is not read');
  });

  it('claims complete only the (account, Region, type) scopes a snapshot read in full lists, never a scope with a bad item', async () => {
    const covered = (await collect('full')).flatMap((b) => b.covered ?? []).map((c) => `${c.accountId} ${c.region} ${c.type}`).sort();
    assert.deepEqual(covered, [
      `${ACCOUNT_A} eu-west-1 aws.cloudtrail.trail`,
      `${ACCOUNT_A} eu-west-1 aws.ec2.instance`,
      `${ACCOUNT_A} eu-west-1 aws.ec2.security-group`,
      `${ACCOUNT_A} eu-west-1 aws.ec2.volume`,
      `${ACCOUNT_A} eu-west-1 aws.kms.key`,
      `${ACCOUNT_A} eu-west-1 aws.rds.db-instance`,
      `${ACCOUNT_A} eu-west-1 aws.rds.db-snapshot`,
      `${ACCOUNT_A} eu-west-1 aws.redshift.cluster`,
      // not aws.s3.bucket in A/eu-west-1: item 20 there is malformed and may be one of its buckets
      `${ACCOUNT_A} global aws.iam.policy`,
      `${ACCOUNT_A} global aws.iam.role`,
      `${ACCOUNT_A} us-east-1 aws.dynamodb.table`,
      `${ACCOUNT_A} us-east-1 aws.ecs.task-definition`,
      `${ACCOUNT_A} us-east-1 aws.eks.cluster`,
      `${ACCOUNT_A} us-east-1 aws.elbv2.listener`,
      `${ACCOUNT_A} us-east-1 aws.logs.log-group`,
      `${ACCOUNT_A} us-east-1 aws.rds.db-cluster`,
      `${ACCOUNT_B} eu-west-1 aws.backup.plan`,
      `${ACCOUNT_B} eu-west-1 aws.backup.recovery-point`,
      `${ACCOUNT_B} eu-west-1 aws.backup.selection`,
      `${ACCOUNT_B} eu-west-1 aws.s3.bucket`,
      `${ACCOUNT_B} global aws.s3.account-settings`,
      // nothing from the truncated snapshot of B/us-east-1, nor from the history file
    ]);
  });

  it('quarantines a malformed item and an unreadable file with file and reason, and reads the rest', async () => {
    const q = (await collect('full')).flatMap((b) => b.quarantined).map((r) => `${r.source}: ${r.reason}`);
    assert.deepEqual(q, [
      `aws-config:AWSLogs/${ACCOUNT_A}/Config/eu-west-1/2026/11/30/ConfigSnapshot/${ACCOUNT_A}_Config_eu-west-1_ConfigSnapshot_20261130T100000Z_0b4c5a1e-9c1f-4d1e-8f3a-1a2b3c4d5e6f.json.gz:item 20: configuration is not an object`,
      `aws-config:AWSLogs/${ACCOUNT_B}/Config/us-east-1/2026/11/30/ConfigSnapshot/truncated.json.gz: not a readable AWS Config delivery file: unexpected end of file`,
    ]);
  });

  it('counts items of types it does not judge, and of types Config lacks fields for, in notices', async () => {
    const notices = (await collect('full')).flatMap((b) => b.notices ?? []);
    assert.deepEqual(notices, [
      '3 items of 2 types not judged: AWS::SNS::Topic (2), AWS::Lambda::Function (1)',
      '2 items of 1 type judged only from the live aws source: AWS::IAM::User (2: Config records no credential report, access keys, MFA devices or sign-in activity)',
      '1 item Config did not record (ResourceNotRecorded): not judged, and a snapshot scope holding one is not claimed complete',
      '2 older delivery files skipped (per account and Region: the newest snapshot and the history after it are read)',
    ]);
  });

  it('honours type, account and Region filters and reports bad records and notices only in the pass that asks', async () => {
    const bs = await collect('full', { types: ['aws.s3.bucket'], accountIds: [ACCOUNT_A], reportQuarantine: false });
    assert.deepEqual(resources(bs).map((r) => r.id).sort(), ['a-logs', 'a-public']);
    assert.deepEqual(bs.flatMap((b) => b.quarantined), []);
    assert.deepEqual(bs.flatMap((b) => b.notices ?? []), []);
    assert.deepEqual(bs.flatMap((b) => b.covered ?? []), [], 'A/eu-west-1 buckets have a bad item; B is filtered out');
    const without = await collect('full', { excludeTypes: ['aws.s3.bucket'], regions: ['us-east-1'] });
    assert.ok(resources(without).length === 7 && resources(without).every((r) => r.region === 'us-east-1' && r.type !== 'aws.s3.bucket'));
  });

  it('streams in batches of the configured size', async () => {
    const bs = await collect('full', {}, 4);
    assert.ok(bs.length >= 6, `${bs.length} batches`);
    for (const b of bs.slice(0, -1)) assert.ok(b.resources.length + b.quarantined.length <= 4);
    assert.equal(resources(bs).length, 27);
  });

  it('says which file is missing', async () => {
    await rm(join(dir, 'gone'), { recursive: true, force: true });
    await assert.rejects(collect('gone'), /cannot read .*gone: no such file or directory/);
  });
});

describe('AwsConfigProvider on one file', () => {
  it('reads a single snapshot file named as AWS names it, and claims its scopes', async () => {
    const file = join(dir, 'full', 'AWSLogs', ACCOUNT_B, 'Config', 'eu-west-1', '2026', '11', '30', 'ConfigSnapshot');
    const { readdir } = await import('node:fs/promises');
    const name = (await readdir(file))[0] as string;
    const p = new AwsConfigProvider(new LocalDeliverySource(join(file, name)), allConfigItemMappers(), CONFIG_TYPES_LACKING_FIELDS, types, 1_000);
    const bs: CollectedBatch[] = [];
    for await (const b of p.collect({})) bs.push(b);
    assert.deepEqual(resources(bs).map((r) => r.id).sort(), [ACCOUNT_B, 'b-data', 'plan-1', 'rp-1', 'sel-1']);
    assert.equal(bs.flatMap((b) => b.covered ?? []).length, 5);
    assert.equal(p.name, `aws-config:${join(file, name)}`);
  });
});

describe('AwsConfigProvider coverage with bad items', () => {
  it('claims nothing from a snapshot with an item whose scope cannot be told, and ignores bad items of types it does not map', async () => {
    const { writeFile, mkdir } = await import('node:fs/promises');
    const { configItem } = await import('./aws-config-fixtures.js');
    const root = join(dir, 'coverage');
    await mkdir(join(root, 'blind'), { recursive: true });
    await mkdir(join(root, 'unrelated'), { recursive: true });
    const bucket = configItem('AWS::S3::Bucket', 'x', ACCOUNT_A, 'eu-west-1', { name: 'x' });
    const volume = configItem('AWS::EC2::Volume', 'vol-1', ACCOUNT_A, 'eu-west-1', { volumeId: 'vol-1', encrypted: true });
    const doc = (items: unknown[]) => JSON.stringify({ fileVersion: '1.0', configSnapshotId: 's', configurationItems: items });
    await writeFile(join(root, 'blind', 'snap.json'), doc([bucket, volume, { ...bucket, resourceId: 'y', accountId: 'nope' }]));
    await writeFile(join(root, 'unrelated', 'snap.json'), doc([bucket, volume, configItem('AWS::SNS::Topic', 't', ACCOUNT_A, 'eu-west-1', 5)]));
    await mkdir(join(root, 'unrecorded'), { recursive: true });
    await writeFile(join(root, 'unrecorded', 'snap.json'), doc([bucket, volume, { ...volume, resourceId: 'vol-2', configurationItemStatus: 'ResourceNotRecorded', configuration: null }]));
    const covered = async (sub: string) => (await collect(join('coverage', sub))).flatMap((b) => b.covered ?? []).map((c) => c.type).sort();
    assert.deepEqual(await covered('blind'), [], 'the bad item could be any account\'s bucket');
    assert.deepEqual(await covered('unrelated'), ['aws.ec2.volume', 'aws.s3.bucket']);
    assert.deepEqual(await covered('unrecorded'), ['aws.s3.bucket'], 'a volume Config did not record may exist');
  });
});
