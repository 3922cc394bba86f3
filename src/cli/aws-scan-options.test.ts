import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../config/config-loader.js';
import { runVigil } from '../testing/cli-harness.js';
import { awsConfigLayer } from './aws-scan-options.js';

test('the AWS flags become the aws: config section', () => {
  assert.deepEqual(awsConfigLayer({ accounts: 'all', ous: 'root/prod, root/shared', regions: 'eu-west-1,eu-central-1', roleName: 'Audit', externalId: 'x-1' }), {
    aws: { accounts: 'all', ous: ['root/prod', 'root/shared'], regions: ['eu-west-1', 'eu-central-1'], roleName: 'Audit', externalId: 'x-1' },
  });
  assert.deepEqual(awsConfigLayer({ accounts: '111122223333,444455556666', regions: 'all' }), { aws: { accounts: ['111122223333', '444455556666'], regions: 'all' } });
  assert.deepEqual(awsConfigLayer({}), {});
});

test('bad AWS flags are usage errors naming the flag and the value, before anything is read', async () => {
  const accounts = await runVigil(['scan', '--source', 'aws', '--accounts', '111122223333,1234', '--db', ':memory:']);
  assert.equal(accounts.code, 2);
  assert.match(accounts.stderr, /--accounts: not a 12-digit AWS account id: 1234/);
  const regions = await runVigil(['scan', '--source', 'aws', '--regions', 'eu-west', '--db', ':memory:']);
  assert.equal(regions.code, 2);
  assert.match(regions.stderr, /--regions: not a region name \(like eu-west-1\): eu-west/);
  const ous = await runVigil(['scan', '--source', 'aws', '--ous', 'prod', '--db', ':memory:']);
  assert.equal(ous.code, 2);
  assert.match(ous.stderr, /--ous: OU paths start at the root, e.g. root\/prod; found prod/);
});

test('the aws: section of vigil.config.yaml is validated with file, line and field', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-aws-config-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'vigil.config.yaml'), 'aws:\n  accounts: all\n  regions: [eu-west-1]\n  roleName: VigilReadOnly\n  concurrency: 0\n');
  await assert.rejects(loadConfig({ cwd: dir }), /vigil\.config\.yaml:5:\d+\s+aws\.concurrency: must be >= 1/);
  await writeFile(join(dir, 'vigil.config.yaml'), 'aws:\n  accounts: all\n  ous: [root/prod]\n  regions: [eu-west-1, eu-central-1]\n  externalId: vigil-7f3a\n');
  const config = await loadConfig({ cwd: dir, env: { VIGIL_AWS_ROLE_NAME: 'SecurityAudit' } });
  assert.deepEqual({ ...config.aws }, { accounts: 'all', ous: ['root/prod'], regions: ['eu-west-1', 'eu-central-1'], roleName: 'SecurityAudit', externalId: 'vigil-7f3a', homeRegion: 'us-east-1', concurrency: 64, serviceConcurrency: 4, maxAttempts: 8 });
});
