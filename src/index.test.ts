// The library entry point does what its documentation shows (src/index.ts and createVigil's example),
// through the package's own exports only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Evaluator, ManualClock, PreloadedLookup, createVigil, loadConfig, loadPolicySet, violationId, type Resource } from './index.js';

const bucket: Resource = {
  provider: 'aws', accountId: '111122223333', region: 'eu-west-1', type: 'aws.s3.bucket', id: 'payments-raw-7', arn: 'arn:aws:s3:::payments-raw-7',
  name: 'payments-raw-7', tags: { owner: 'payments' }, config: { Name: 'payments-raw-7', PublicAccessBlockConfiguration: { BlockPublicAcls: false } }, observedAt: '2026-11-22T10:00:00.000Z',
};

test('index example: load and compile the built-in policies, then judge one resource', async () => {
  const config = await loadConfig({ env: {} });
  const { compiled } = await loadPolicySet(config);
  const evaluator = new Evaluator(compiled);
  const { findings } = evaluator.evaluate([bucket], { now: Date.parse('2026-11-22T10:00:00Z'), lookup: new PreloadedLookup(), organization: { accounts: [] } });
  const pab = findings.find((f) => f.policyId === 's3-bucket-public-access-block');
  assert.ok(pab, `public access block not reported; found ${findings.map((f) => f.policyId).join(', ')}`);
  assert.deepEqual(pab.evidence.find((e) => e.path === 'PublicAccessBlockConfiguration.BlockPublicAcls')?.actual, false);
  assert.equal(violationId(pab.policyId, pab.resourceArn), violationId('s3-bucket-public-access-block', 'arn:aws:s3:::payments-raw-7'));
});

test('createVigil example: scan the configured provider and read the violations from the store', async () => {
  const vigil = await createVigil(await loadConfig({ env: {}, flags: { store: { url: ':memory:' }, demo: { size: 300 } } }), { clock: new ManualClock('2026-11-22T10:00:00Z') });
  try {
    const report = await vigil.scans.run(vigil.provider());
    assert.ok(report.resources >= 300 && report.findings > 0);
    assert.equal(await vigil.store.violations.count({ scanId: report.scanId }), report.findings);
  } finally {
    await vigil.close();
  }
});
