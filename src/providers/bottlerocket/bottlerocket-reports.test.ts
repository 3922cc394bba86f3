import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ResourceTypeRegistry } from '../../inventory/resource-type-registry.js';
import { allResourceTypes } from '../../inventory/resource-types/all-resource-types.js';
import { openStore } from '../../store/open-store.js';
import { runVigil, tempDir } from '../../testing/cli-harness.js';
import { LIVE_STATES } from '../../violations/violation.js';
import { LocalDeliverySource } from '../aws-config/delivery-object-source.js';
import { BottlerocketReportsProvider } from './bottlerocket-reports-provider.js';

const types = new ResourceTypeRegistry(allResourceTypes());
const ACCOUNT = '111122223333';

/** `apiclient report cis -f json` output, field for field as bloodhound writes it (level 1 checks). */
const check = (name: string, id: string, title: string, status: 'PASS' | 'FAIL' | 'SKIP', error = '') => ({ title, id, level: 1, name, mode: 'Automatic', status, error });
const report = (selinux: 'PASS' | 'FAIL' | 'SKIP', verity: 'PASS' | 'FAIL' = 'PASS') => {
  const results = {
    br01010101: check('br01010101', '1.1.1.1', 'Ensure mounting of udf filesystems is disabled', 'PASS'),
    br01030100: check('br01030100', '1.3.1', 'Ensure dm-verity is configured', verity, verity === 'FAIL' ? 'Unable to find expected values' : ''),
    br01040100: check('br01040100', '1.4.1', 'Ensure setuid programs do not create core dumps', 'PASS'),
    br01050100: check('br01050100', '1.5.1', 'Ensure SELinux is configured', selinux, selinux === 'FAIL' ? 'Unable to find expected SELinux values' : selinux === 'SKIP' ? 'unable to verify SELinux settings' : ''),
  };
  const statuses = Object.values(results).map((r) => r.status);
  const failed = statuses.filter((s) => s === 'FAIL').length;
  const skipped = statuses.filter((s) => s === 'SKIP').length;
  return {
    level: 1, total: statuses.length, passed: statuses.length - failed - skipped, skipped, failed, status: failed ? 'FAIL' : 'PASS',
    timestamp: '2026-11-30T06:00:01.123456789Z', name: 'CIS Bottlerocket Benchmark', version: 'v1.0.0', url: 'https://www.cisecurity.org/benchmark/bottlerocket', results,
  };
};

const FILES: Record<string, string> = {
  [`bottlerocket-reports/${ACCOUNT}/eu-west-1/prod/i-0aaaaaaaaaaaaaaa1.json`]: JSON.stringify(report('PASS')),
  [`bottlerocket-reports/${ACCOUNT}/eu-west-1/prod/i-0aaaaaaaaaaaaaaa2.json`]: JSON.stringify(report('FAIL')),
  [`bottlerocket-reports/${ACCOUNT}/eu-west-1/prod/i-0aaaaaaaaaaaaaaa3.json`]: JSON.stringify(report('SKIP', 'FAIL')),
  // The publisher may add the node's Kubernetes name and the instance tags (docs/bottlerocket.md).
  [`bottlerocket-reports/${ACCOUNT}/us-east-1/batch/i-0bbbbbbbbbbbbbbb1.json`]: JSON.stringify({ ...report('PASS'), NodeName: 'ip-10-0-1-5.ec2.internal', Tags: [{ Key: 'owner', Value: 'data' }] }),
  [`bottlerocket-reports/${ACCOUNT}/us-east-1/batch/i-0bbbbbbbbbbbbbbb2.json`]: '{"level": 1, "results": ',
  [`bottlerocket-reports/${ACCOUNT}/us-east-1/batch/i-0bbbbbbbbbbbbbbb3.json`]: JSON.stringify({ ...report('PASS'), results: { br01050100: { status: 'MAYBE' } } }),
  [`bottlerocket-reports/${ACCOUNT}/us-east-1/i-0bbbbbbbbbbbbbbb4.json`]: JSON.stringify(report('PASS')),
};

let dir: string;
let cleanup: () => Promise<void>;
before(async () => {
  ({ path: dir, cleanup } = await tempDir('vigil-bottlerocket-'));
  for (const [key, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(dir, key)), { recursive: true });
    await writeFile(join(dir, key), text);
  }
});
after(() => cleanup());

describe('bottlerocket-reports source', () => {
  it('turns each published report into a node-report resource of its instance, with the report\'s own fields', async () => {
    const p = new BottlerocketReportsProvider(new LocalDeliverySource(dir), types, 1_000);
    const batches = [];
    for await (const b of p.collect({})) batches.push(b);
    const rs = batches.flatMap((b) => b.resources);
    assert.deepEqual(rs.map((r) => `${r.accountId} ${r.region} ${r.id} ${r.arn}`), [
      `${ACCOUNT} eu-west-1 i-0aaaaaaaaaaaaaaa1 arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0aaaaaaaaaaaaaaa1/bottlerocket-cis-report`,
      `${ACCOUNT} eu-west-1 i-0aaaaaaaaaaaaaaa2 arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0aaaaaaaaaaaaaaa2/bottlerocket-cis-report`,
      `${ACCOUNT} eu-west-1 i-0aaaaaaaaaaaaaaa3 arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0aaaaaaaaaaaaaaa3/bottlerocket-cis-report`,
      `${ACCOUNT} us-east-1 i-0bbbbbbbbbbbbbbb1 arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0bbbbbbbbbbbbbbb1/bottlerocket-cis-report`,
    ]);
    const tagged = rs[3]!;
    assert.equal(tagged.name, 'ip-10-0-1-5.ec2.internal');
    assert.deepEqual(tagged.tags, { owner: 'data' });
    assert.equal(tagged.observedAt, '2026-11-30T06:00:01.123456789Z', 'observed when the node ran the report');
    const c = rs[1]!.config;
    assert.equal(c.InstanceId, 'i-0aaaaaaaaaaaaaaa2');
    assert.equal(c.ClusterName, 'prod');
    assert.deepEqual((c.results as Record<string, unknown>).br01050100, check('br01050100', '1.5.1', 'Ensure SELinux is configured', 'FAIL', 'Unable to find expected SELinux values'));
    assert.deepEqual(
      batches.flatMap((b) => b.quarantined).map((q) => `${q.source}: ${q.reason}`),
      [
        `bottlerocket-reports:bottlerocket-reports/${ACCOUNT}/us-east-1/batch/i-0bbbbbbbbbbbbbbb2.json: not valid JSON: Unexpected end of JSON input`,
        `bottlerocket-reports:bottlerocket-reports/${ACCOUNT}/us-east-1/batch/i-0bbbbbbbbbbbbbbb3.json: field "results.br01050100.status": must be PASS, FAIL or SKIP`,
        `bottlerocket-reports:bottlerocket-reports/${ACCOUNT}/us-east-1/i-0bbbbbbbbbbbbbbb4.json: path must end in <account>/<region>/<cluster>/<instance-id>.json`,
      ],
    );
    assert.deepEqual(batches.flatMap((b) => b.covered ?? []), [], 'a node that stopped publishing may still run: no scope is claimed complete');
  });

  it('the Bottlerocket controls judge the reports: SELinux not enforcing or unverified, dm-verity missing', async () => {
    const db = join(dir, 'vigil.db');
    const run = await runVigil(['scan', '--source', `bottlerocket-reports:${dir}`, '--db', db, '--format', 'json', '--output', 'v.json'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const store = await openStore({ url: db });
    try {
      const live = await store.violations.list({ states: [...LIVE_STATES], limit: 100 });
      assert.deepEqual(live.map((v) => `${v.policyId} ${v.resourceArn.split("/")[1]}`).sort(), [
        'bottlerocket-readonly-root i-0aaaaaaaaaaaaaaa3',
        'bottlerocket-selinux-enforcing i-0aaaaaaaaaaaaaaa2',
        'bottlerocket-selinux-enforcing i-0aaaaaaaaaaaaaaa3',
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('bottlerocket reports next to Config deliveries', () => {
  it('the aws-config source reads bottlerocket-reports/ under its prefix as node reports, in the same scan', async () => {
    const { AwsConfigProvider } = await import('../aws-config/aws-config-provider.js');
    const { allConfigItemMappers, CONFIG_TYPES_LACKING_FIELDS } = await import('../aws-config/all-config-item-mappers.js');
    const { configItem } = await import('../aws-config/aws-config-fixtures.js');
    const root = join(dir, 'combined');
    for (const [key, text] of Object.entries(FILES)) {
      await mkdir(dirname(join(root, key)), { recursive: true });
      await writeFile(join(root, key), text);
    }
    const snapshot = join(root, 'AWSLogs', ACCOUNT, 'Config', 'eu-west-1', 'snap.json');
    await mkdir(dirname(snapshot), { recursive: true });
    await writeFile(snapshot, JSON.stringify({ configSnapshotId: 's', configurationItems: [configItem('AWS::EC2::Volume', 'vol-1', ACCOUNT, 'eu-west-1', { volumeId: 'vol-1', encrypted: true })] }));
    const p = new AwsConfigProvider(new LocalDeliverySource(root), allConfigItemMappers(), CONFIG_TYPES_LACKING_FIELDS, types, 1_000);
    const batches = [];
    for await (const b of p.collect({})) batches.push(b);
    const rs = batches.flatMap((b) => b.resources);
    assert.deepEqual(rs.map((r) => `${r.type} ${r.id}`).sort(), [
      'aws.bottlerocket.node-report i-0aaaaaaaaaaaaaaa1',
      'aws.bottlerocket.node-report i-0aaaaaaaaaaaaaaa2',
      'aws.bottlerocket.node-report i-0aaaaaaaaaaaaaaa3',
      'aws.bottlerocket.node-report i-0bbbbbbbbbbbbbbb1',
      'aws.ec2.volume vol-1',
    ]);
    assert.equal(batches.flatMap((b) => b.quarantined).length, 3, 'the bad reports, each once');
    assert.ok(!batches.flatMap((b) => b.covered ?? []).some((c) => c.type === 'aws.bottlerocket.node-report'));
    const volumesOnly = [];
    for await (const b of p.collect({ types: ['aws.ec2.volume'], reportQuarantine: false })) volumesOnly.push(...b.resources, ...b.quarantined);
    assert.equal(volumesOnly.length, 1);
  });
});
