// CloudTrail actions against the AWS wire format (moto does not serve CloudTrail to the current SDK):
// a local endpoint answers from a small trail model and records the exact requests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WireRequest } from '../../../testing/aws-wire-stub.js';
import { runOnWire } from '../../../testing/action-runner.js';

const ARN = 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org';
const TRAIL = { arn: ARN, type: 'aws.cloudtrail.trail' };

/** A trail that GetTrail/GetTrailStatus/GetEventSelectors read and the writes change. */
const trailModel = (t: { IsMultiRegionTrail: boolean; IncludeGlobalServiceEvents: boolean; KmsKeyId?: string; logging: boolean; EventSelectors: unknown[] }) => (r: WireRequest) => {
  const b = (r.body ?? {}) as Record<string, unknown>;
  switch (r.operation) {
    case 'GetTrail':
      return { body: { Trail: { Name: 'org', TrailARN: ARN, IsMultiRegionTrail: t.IsMultiRegionTrail, IncludeGlobalServiceEvents: t.IncludeGlobalServiceEvents, ...(t.KmsKeyId ? { KmsKeyId: t.KmsKeyId } : {}) } } };
    case 'GetTrailStatus':
      return { body: { IsLogging: t.logging } };
    case 'GetEventSelectors':
      return { body: { TrailARN: ARN, EventSelectors: t.EventSelectors } };
    case 'UpdateTrail':
      for (const k of ['IsMultiRegionTrail', 'IncludeGlobalServiceEvents'] as const) if (typeof b[k] === 'boolean') t[k] = b[k] as boolean;
      if (typeof b['KmsKeyId'] === 'string') t.KmsKeyId = (b['KmsKeyId'] as string) || undefined;
      return { body: { Name: 'org', TrailARN: ARN } };
    case 'PutEventSelectors':
      t.EventSelectors = b['EventSelectors'] as unknown[];
      return { body: { TrailARN: ARN, EventSelectors: t.EventSelectors } };
    case 'StartLogging':
    case 'StopLogging':
      t.logging = r.operation === 'StartLogging';
      return { body: {} };
    default:
      return { status: 400, body: { __type: 'UnknownOperationException' } };
  }
};

const dataSelector = { ReadWriteType: 'WriteOnly', IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::ledger/'] }] };

describe('cloudtrail actions against the AWS wire format', () => {
  it('enable-multi-region-logging: UpdateTrail multi-Region, appends a management selector keeping the data selector, StartLogging; rollback undoes all three', async () => {
    const trail = { IsMultiRegionTrail: false, IncludeGlobalServiceEvents: false, logging: false, EventSelectors: [dataSelector] };
    const { out, requests, rollbackRequests } = await runOnWire('cloudtrail.enable-multi-region-logging', TRAIL, trailModel(trail), { rollback: true });
    assert.equal(out.kind, 'succeeded');
    const writes = requests.filter(([op]) => !op.startsWith('Get'));
    assert.deepEqual(writes, [
      ['UpdateTrail', { Name: ARN, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true }],
      ['PutEventSelectors', { TrailName: ARN, EventSelectors: [dataSelector, { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }] }],
      ['StartLogging', { Name: ARN }],
    ]);
    assert.deepEqual(rollbackRequests.filter(([op]) => !op.startsWith('Get')), [
      ['UpdateTrail', { Name: ARN, IsMultiRegionTrail: false, IncludeGlobalServiceEvents: false }],
      ['PutEventSelectors', { TrailName: ARN, EventSelectors: [dataSelector] }],
      ['StopLogging', { Name: ARN }],
    ]);
    assert.deepEqual([trail.IsMultiRegionTrail, trail.logging, trail.EventSelectors], [false, false, [dataSelector]]);
  });

  it('enable-multi-region-logging in dry-run only reads', async () => {
    const { out, requests } = await runOnWire('cloudtrail.enable-multi-region-logging', TRAIL, trailModel({ IsMultiRegionTrail: false, IncludeGlobalServiceEvents: true, logging: true, EventSelectors: [] }), { dryRun: true });
    assert.deepEqual([out.kind, out.reason], ['skipped', 'dry-run']);
    assert.deepEqual(requests.map(([op]) => op), ['GetTrail', 'GetTrailStatus', 'GetEventSelectors']);
  });

  it('set-kms-key: UpdateTrail with the key; rollback removes encryption with an empty KmsKeyId', async () => {
    const key = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { out, requests, rollbackRequests } = await runOnWire('cloudtrail.set-kms-key', TRAIL, trailModel({ IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, logging: true, EventSelectors: [] }), { params: { kmsKeyId: key }, rollback: true });
    assert.equal(out.kind, 'succeeded');
    assert.deepEqual(requests, [['GetTrail', { Name: ARN }], ['UpdateTrail', { Name: ARN, KmsKeyId: key }], ['GetTrail', { Name: ARN }]]);
    assert.deepEqual(rollbackRequests[0], ['UpdateTrail', { Name: ARN, KmsKeyId: '' }]);
  });

  it('set-kms-key without a key is rejected before any request', async () => {
    const { out, requests } = await runOnWire('cloudtrail.set-kms-key', TRAIL, () => ({ body: {} }));
    assert.equal(out.kind, 'dead-lettered');
    assert.match(out.reason ?? '', /kmsKeyId/);
    assert.deepEqual(requests, []);
  });
});
