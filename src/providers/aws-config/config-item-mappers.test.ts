import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../common/clock.js';
import { ResourceTypeRegistry } from '../../inventory/resource-type-registry.js';
import { allResourceTypes } from '../../inventory/resource-types/all-resource-types.js';
import type { Resource } from '../../inventory/resource.js';
import { tempDir } from '../../testing/cli-harness.js';
import { DemoProvider } from '../demo/demo-provider.js';
import { allDemoGenerators } from '../demo/generators/all-generators.js';
import { unknownFieldsOf } from '../../inventory/unknown-fields.js';
import { allConfigItemMappers, CONFIG_TYPES_LACKING_FIELDS } from './all-config-item-mappers.js';
import { writeDeliveryTree } from './aws-config-fixtures.js';
import { AwsConfigProvider } from './aws-config-provider.js';
import { LocalDeliverySource } from './delivery-object-source.js';

const types = new ResourceTypeRegistry(allResourceTypes());
const mapped = new Map<string, Resource>();
const demo = new Map<string, Resource>();
let cleanup: () => Promise<void>;
before(async () => {
  let dir: string;
  ({ path: dir, cleanup } = await tempDir('vigil-config-mappers-'));
  await writeDeliveryTree(join(dir, 't'));
  const p = new AwsConfigProvider(new LocalDeliverySource(join(dir, 't')), allConfigItemMappers(), CONFIG_TYPES_LACKING_FIELDS, types, 1_000);
  for await (const b of p.collect({})) for (const r of b.resources) if (!mapped.has(r.type)) mapped.set(r.type, r);
  const d = new DemoProvider({ seed: 7, size: 3_000, batchSize: 1_000 }, allDemoGenerators(), types, new ManualClock('2026-11-30T00:00:00Z'));
  for await (const b of d.collect({})) for (const r of b.resources) if (!demo.has(r.type)) demo.set(r.type, r);
});
after(() => cleanup());

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Object keys by path, two levels deep (lists looked into through their first element). */
const keysOf = (v: unknown, prefix = '', depth = 0, out = new Map<string, string>()): Map<string, string> => {
  const o = Array.isArray(v) ? v[0] : v;
  if (!isRecord(o) || depth > 2) return out;
  for (const [k, x] of Object.entries(o)) {
    out.set(`${prefix}${k}`.toLowerCase(), `${prefix}${k}`);
    // Tag maps and policy documents hold user data, not API field names.
    if (!/^(tags|tagset|taglist|tagslist|policy|policydocument|assumerolepolicydocument|document)$/i.test(k)) keysOf(x, `${prefix}${k}.`, depth + 1, out);
  }
  return out;
};

describe('AWS Config item mappers', () => {
  it('every mapper has a configuration item in the fixtures, and maps onto a registered type', () => {
    for (const m of allConfigItemMappers()) {
      assert.ok(types.find(m.type), `${m.configType} → unknown Vigil type ${m.type}`);
      assert.ok(mapped.has(m.type), `${m.configType}: no fixture item maps onto ${m.type}`);
    }
    const configTypes = allConfigItemMappers().map((m) => m.configType);
    assert.equal(new Set(configTypes).size, configTypes.length, 'one mapper per Config type');
    for (const t of Object.keys(CONFIG_TYPES_LACKING_FIELDS)) assert.ok(!configTypes.includes(t), `${t} is both mapped and declared lacking`);
  });

  it('uses the field names the demo generator (and the API) use: no field differs from the demo\'s only in letter case', () => {
    for (const [type, r] of mapped) {
      // The demo estate at this size, or else the type's own documented example.
      const reference = demo.get(type)?.config ?? types.find(type)?.example;
      assert.ok(reference, `no demo resource or example of ${type}`);
      const ours = keysOf(r.config);
      const theirs = keysOf(reference);
      const clashes = [...ours].filter(([lower, key]) => theirs.has(lower) && theirs.get(lower) !== key).map(([, key]) => `${key} (demo: ${theirs.get(key.toLowerCase())})`);
      assert.deepEqual(clashes, [], type);
      const shared = [...ours.keys()].filter((k) => theirs.has(k));
      assert.ok(shared.length >= Math.min(3, theirs.size), `${type}: only ${shared.join(', ')} in common with the demo shape`);
    }
  });

  it('derives the same identity as the live collector would (id and ARN from the mapped config)', () => {
    const ids = [...mapped.values()].map((r) => `${r.type} ${r.arn}`);
    for (const line of ids) assert.doesNotMatch(line, /undefined|::$|\/$/, line);
    assert.equal(mapped.get('aws.s3.bucket')?.arn, 'arn:aws:s3:::a-logs');
    assert.equal(mapped.get('aws.logs.log-group')?.config.logGroupArn, 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/fn');
    assert.equal(mapped.get('aws.logs.log-group')?.config.arn, 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/fn:*', 'DescribeLogGroups\' arn ends in :*');
  });

  it('translates Config\'s own vocabulary into the API\'s', () => {
    const bucket = [...mapped.values()].find((r) => r.type === 'aws.s3.bucket')!;
    assert.deepEqual(bucket.config.Acl, { Owner: { ID: 'c0ffee' }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'c0ffee' }, Permission: 'FULL_CONTROL' }] });
    assert.deepEqual(bucket.config.Versioning, { Status: 'Enabled', MFADelete: 'Disabled' });
    assert.deepEqual(bucket.config.Logging, { LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: 'a-logs/' } });
    assert.equal((bucket.config.Policy as { Statement: { Sid: string }[] }).Statement[0]?.Sid, 'DenyInsecureTransport', 'policy text parsed');
    const plan = mapped.get('aws.backup.plan')!.config.BackupPlan as { Rules: Record<string, unknown>[] };
    assert.equal(plan.Rules[0]?.TargetBackupVaultName, 'daily');
    assert.deepEqual(plan.Rules[0]?.CopyActions, []);
    const cluster = mapped.get('aws.eks.cluster')!.config;
    assert.deepEqual(cluster.logging, { clusterLogging: [{ types: ['api'], enabled: true }] });
    const role = mapped.get('aws.iam.role')!.config;
    assert.deepEqual((role.RolePolicyList as { PolicyDocument: unknown }[])[0]?.PolicyDocument, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const policy = mapped.get('aws.iam.policy')!.config;
    assert.equal((policy.PolicyVersion as { VersionId: string }).VersionId, 'v2', 'the default version, not the first');
    const table = mapped.get('aws.dynamodb.table')!.config;
    assert.deepEqual((table.Table as Record<string, unknown>).SSEDescription, { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: 'arn:k' });
    const instance = mapped.get('aws.ec2.instance')!.config;
    assert.deepEqual(instance.State, { Code: 16, Name: 'running' });
    assert.equal((instance.MetadataOptions as Record<string, unknown>).HttpTokens, 'optional');
    assert.equal(mapped.get('aws.kms.key')!.config.AWSAccountId, '111122223333');
    const task = mapped.get('aws.ecs.task-definition')!;
    assert.equal(task.id, 'checkout:7');
    assert.deepEqual((task.config.containerDefinitions as Record<string, unknown>[]).map((c) => c.readonlyRootFilesystem), [true, false]);
    assert.deepEqual(task.config.tags, [{ key: 'owner', value: 'shop' }]);
    const aurora = mapped.get('aws.rds.db-cluster')!;
    assert.deepEqual([aurora.arn, (aurora.config.DBClusterMembers as Record<string, unknown>[])[0]?.DBInstanceIdentifier], ['arn:aws:rds:us-east-1:111122223333:cluster:orders-aurora', 'orders-aurora-1']);
    const trail = mapped.get('aws.cloudtrail.trail')!;
    assert.deepEqual([trail.arn, trail.config.LogFileValidationEnabled, trail.config.S3BucketName], ['arn:aws:cloudtrail:eu-west-1:111122223333:trail/main', true, 'a-logs']);
    assert.deepEqual(Object.keys(unknownFieldsOf(trail) ?? {}), ['IsLogging', 'EventSelectors', 'AdvancedEventSelectors'], 'what Config does not record is unknown, not absent');
  });
});

describe('a configuration item a mapper cannot read', () => {
  it('is quarantined with the field that is wrong, and its scope is not claimed complete', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const { configItem } = await import('./aws-config-fixtures.js');
    const { path: root, cleanup: done } = await tempDir('vigil-config-bad-item-');
    try {
      const bad = configItem('AWS::S3::Bucket', 'b', '111122223333', 'eu-west-1', { name: 'b' }, { supplementaryConfiguration: { BucketPolicy: { policyText: '{"Statement": [' } } });
      const badRole = configItem('AWS::IAM::Role', 'r', '111122223333', 'global', { roleName: 'r', rolePolicyList: ['oops'] });
      await mkdir(join(root, 'x'));
      await writeFile(join(root, 'x', 'snap.json'), JSON.stringify({ configSnapshotId: 's', configurationItems: [bad, badRole] }));
      const p = new AwsConfigProvider(new LocalDeliverySource(join(root, 'x')), allConfigItemMappers(), CONFIG_TYPES_LACKING_FIELDS, types, 1_000);
      const batches = [];
      for await (const b of p.collect({})) batches.push(b);
      assert.deepEqual(batches.flatMap((b) => b.quarantined).map((q) => `${q.source}: ${q.reason}`), [
        'aws-config:snap.json:item 0: supplementaryConfiguration.BucketPolicy.policyText is not a policy document (JSON or URL-encoded JSON)',
        'aws-config:snap.json:item 1: configuration.rolePolicyList[0] is not an object',
      ]);
      assert.deepEqual(batches.flatMap((b) => b.resources), []);
      // The bucket and the role exist but could not be judged: their scopes are not claimed complete, so
      // a stored bucket or role of that account is not taken for deleted.
      assert.deepEqual(batches.flatMap((b) => b.covered ?? []), []);

      // A newer history item that cannot be mapped also leaves its snapshot scope unclaimed.
      await mkdir(join(root, 'y'));
      const good = configItem('AWS::S3::Bucket', 'c', '111122223333', 'eu-west-1', { name: 'c' });
      await writeFile(join(root, 'y', 'snap.json'), JSON.stringify({ configSnapshotId: 's', configurationItems: [good] }));
      await writeFile(join(root, 'y', 'ConfigHistory.json'), JSON.stringify({ configurationItems: [{ ...bad, resourceId: 'c', configuration: { name: 'c' }, configurationItemCaptureTime: '2026-12-01T00:00:00.000Z' }] }));
      const q = new AwsConfigProvider(new LocalDeliverySource(join(root, 'y')), allConfigItemMappers(), CONFIG_TYPES_LACKING_FIELDS, types, 1_000);
      const later = [];
      for await (const b of q.collect({})) later.push(b);
      assert.deepEqual(later.flatMap((b) => b.quarantined).map((x) => x.source), ['aws-config:ConfigHistory.json:item 0']);
      assert.deepEqual(later.flatMap((b) => b.covered ?? []), []);
    } finally {
      await done();
    }
  });
});
