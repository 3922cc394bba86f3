import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { ManualClock } from '../common/clock.js';
import { loadConfig } from '../config/config-loader.js';
import { createVigil } from '../composition-root.js';
import { memoryTestStore } from '../testing/test-store.js';
import { ASFF_FINDING_SCHEMA, OCSF_COMPLIANCE_FINDING_SCHEMA } from './finding-export-schemas.js';
import { toAsffFinding, toOcsfComplianceFinding } from './finding-exports.js';

it('every finding of a demo scan exports as a valid OCSF Compliance Finding (2003) and a BatchImportFindings-ready ASFF finding', async () => {
  const config = await loadConfig({ env: {}, flags: { demo: { seed: 3, size: 400 }, scan: { worker: false } } });
  const vigil = await createVigil(config, { clock: new ManualClock('2026-06-01T00:00:00Z'), store: memoryTestStore() });
  try {
    await vigil.scan('demo');
    const violations = await vigil.store.violations.list();
    assert.ok(violations.length > 20);
    const policies = new Map(vigil.policies.map((p) => [p.id, p]));
    const ajv = new Ajv({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    const ocsf = ajv.compile(OCSF_COMPLIANCE_FINDING_SCHEMA);
    const asff = ajv.compile(ASFF_FINDING_SCHEMA);
    const ctx = { version: '0.1.0', now: '2026-06-01T00:00:00.000Z' };
    for (const v of violations) {
      const o = toOcsfComplianceFinding(v, policies.get(v.policyId), ctx);
      assert.ok(ocsf(o), `${v.id}: ${JSON.stringify(ocsf.errors)}`);
      const a = toAsffFinding(v, policies.get(v.policyId), ctx);
      assert.ok(asff(a), `${v.id}: ${JSON.stringify(asff.errors)}`);
    }
    const v = violations.find((x) => x.resourceType === 'aws.s3.bucket')!;
    const a = toAsffFinding(v, policies.get(v.policyId), ctx) as { Resources: { Type: string; Id: string }[]; Compliance: { Status: string } };
    assert.deepEqual([a.Resources[0]!.Type, a.Resources[0]!.Id, a.Compliance.Status], ['AwsS3Bucket', v.resourceArn, 'FAILED']);
    // The schemas reject what they should: a missing required attribute fails.
    const { finding_info: _drop, ...noInfo } = toOcsfComplianceFinding(v, policies.get(v.policyId), ctx);
    assert.equal(ocsf(noInfo), false);
    assert.equal(asff({ ...a, Severity: { Label: 'SEVERE' } }), false);
  } finally {
    await vigil.close();
  }
});
