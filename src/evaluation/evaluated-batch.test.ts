import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aResource } from '../testing/resource-fixture.js';
import { serializeResource } from '../store/serialized-resource.js';
import { mergeBatches, type EvaluatedBatch } from './evaluated-batch.js';

const batch = (n: number): EvaluatedBatch => ({
  resources: [serializeResource(aResource({}, { id: `b${n}`, arn: `arn:aws:s3:::b${n}`, name: `b${n}` }))],
  findings: [],
  outOfScope: [`p\u0000arn:aws:s3:::b${n}`],
  undecided: [],
  errors: [],
  quarantined: [{ source: `f:${n}`, reason: 'bad', record: '{' }],
  covered: [{ accountId: '123456789012', region: 'eu-west-1', type: 'aws.s3.bucket' }],
});

test('merged batches keep every resource, pair, record and scope, in order', () => {
  const m = mergeBatches([batch(1), batch(2), batch(3)]);
  assert.deepEqual(m.resources.map((r) => r.arn), ['arn:aws:s3:::b1', 'arn:aws:s3:::b2', 'arn:aws:s3:::b3']);
  assert.deepEqual(m.outOfScope.length, 3);
  assert.deepEqual(m.quarantined.map((q) => q.source), ['f:1', 'f:2', 'f:3']);
  assert.equal(m.covered.length, 3);
  const one = batch(4);
  assert.equal(mergeBatches([one]), one, 'one batch is passed through as it is');
});
