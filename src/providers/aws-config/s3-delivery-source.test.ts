import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ResourceTypeRegistry } from '../../inventory/resource-type-registry.js';
import { allResourceTypes } from '../../inventory/resource-types/all-resource-types.js';
import { openStore } from '../../store/open-store.js';
import { runVigil, tempDir } from '../../testing/cli-harness.js';
import { startMotoServer } from '../../testing/moto-server.js';
import { LIVE_STATES } from '../../violations/violation.js';
import { allConfigItemMappers, CONFIG_TYPES_LACKING_FIELDS } from './all-config-item-mappers.js';
import { ACCOUNT_A, deliveryFiles } from './aws-config-fixtures.js';
import { AwsConfigProvider } from './aws-config-provider.js';
import { S3DeliverySource } from './s3-delivery-source.js';

const types = new ResourceTypeRegistry(allResourceTypes());
const CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

describe('aws-config from an S3 delivery bucket (moto)', () => {
  it('lists and streams the delivered objects under the prefix through the SDK, as from a directory', async (t) => {
    const moto = await startMotoServer();
    if ('unavailable' in moto) return t.skip(moto.unavailable);
    t.after(() => moto.stop());
    const s3 = new S3Client({ region: 'eu-west-1', endpoint: moto.endpoint, forcePathStyle: true, credentials: CREDENTIALS });
    t.after(() => s3.destroy());
    await s3.send(new CreateBucketCommand({ Bucket: 'org-config', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    for (const [key, body] of deliveryFiles()) await s3.send(new PutObjectCommand({ Bucket: 'org-config', Key: `delivery/${key}`, Body: body }));
    // Outside the prefix and not a delivery file: neither is read.
    await s3.send(new PutObjectCommand({ Bucket: 'org-config', Key: 'other/AWSLogs/x.json', Body: '{"configurationItems": 5}' }));
    await s3.send(new PutObjectCommand({ Bucket: 'org-config', Key: 'delivery/AWSLogs/ConfigWritabilityCheckFile', Body: 'x' }));
    // The log-archive bucket's other logs: never read.
    await s3.send(new PutObjectCommand({ Bucket: 'org-config', Key: `delivery/AWSLogs/${ACCOUNT_A}/CloudTrail/eu-west-1/2026/11/30/trail.json.gz`, Body: 'not even gzip' }));

    const listed: string[] = [];
    s3.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'ListObjectsV2Command') listed.push(String((args.input as { Prefix?: string }).Prefix));
        return next(args);
      },
      { step: 'initialize' },
    );
    const provider = new AwsConfigProvider(new S3DeliverySource('s3://org-config/delivery/AWSLogs/', s3), allConfigItemMappers(), CONFIG_TYPES_LACKING_FIELDS, types, 5);
    const batches = [];
    for await (const b of provider.collect({})) batches.push(b);
    const resources = batches.flatMap((b) => b.resources);
    assert.equal(resources.length, 27);
    assert.ok(resources.some((r) => r.id === 'a-public' && (r.config.PublicAccessBlockConfiguration as { BlockPublicAcls: boolean }).BlockPublicAcls), 'history read from S3 too');
    assert.deepEqual(
      batches.flatMap((b) => b.quarantined).map((q) => q.source),
      [
        `aws-config:delivery/AWSLogs/${ACCOUNT_A}/Config/eu-west-1/2026/11/30/ConfigSnapshot/${ACCOUNT_A}_Config_eu-west-1_ConfigSnapshot_20261130T100000Z_0b4c5a1e-9c1f-4d1e-8f3a-1a2b3c4d5e6f.json.gz:item 20`,
        'aws-config:delivery/AWSLogs/444455556666/Config/us-east-1/2026/11/30/ConfigSnapshot/truncated.json.gz',
      ],
    );
    assert.equal(batches.flatMap((b) => b.covered ?? []).length, 21);
    // Walked by account into Config/ only: the CloudTrail folder is never listed.
    assert.deepEqual(listed, ['delivery/AWSLogs/', `delivery/AWSLogs/${ACCOUNT_A}/Config/`, 'delivery/AWSLogs/444455556666/Config/']);
  });

  it('vigil scan --source aws-config:s3://… uses the standard endpoint and credential settings', async (t) => {
    const moto = await startMotoServer();
    if ('unavailable' in moto) return t.skip(moto.unavailable);
    t.after(() => moto.stop());
    const s3 = new S3Client({ region: 'us-east-1', endpoint: moto.endpoint, forcePathStyle: true, credentials: CREDENTIALS });
    t.after(() => s3.destroy());
    await s3.send(new CreateBucketCommand({ Bucket: 'config-us' }));
    for (const [key, body] of deliveryFiles()) await s3.send(new PutObjectCommand({ Bucket: 'config-us', Key: key, Body: body }));
    const { path: dir, cleanup } = await tempDir('vigil-aws-config-s3-');
    t.after(cleanup);
    // The SDK reads these from the process environment (as it would an instance role's settings).
    const saved = { ...process.env };
    t.after(() => {
      for (const k of ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) if (saved[k] === undefined) delete process.env[k];
      Object.assign(process.env, saved);
    });
    Object.assign(process.env, { AWS_ENDPOINT_URL: moto.endpoint, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' });
    const db = join(dir, 'vigil.db');
    const run = await runVigil(['scan', '--source', 'aws-config:s3://config-us/AWSLogs', '--db', db, '--format', 'json', '--output', 'v.json'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Scanned 27 resources from aws-config:s3:\/\/config-us\/AWSLogs/);
    const store = await openStore({ url: db });
    try {
      const live = await store.violations.list({ states: [...LIVE_STATES], limit: 1_000 });
      // The same violations as from a directory (aws-config-scan.test.ts), the Aurora cluster's missing deletion protection among them.
      assert.equal(live.length, 21, live.map((v) => v.policyId).join(', '));
    } finally {
      await store.close();
    }
  });
});
