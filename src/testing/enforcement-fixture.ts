import type { EnforcementMessage } from '../violations/enforcement-message.js';
import { enforcementKey } from '../violations/enforcement-message.js';

/**
 * An enforcement message as the manager would publish it; override what a test is about.
 *
 * @example
 * enforcementMessage({ action: 'iam.deactivate-access-key', violationId: 'v-2' });
 */
export const enforcementMessage = (o: Partial<EnforcementMessage> = {}): EnforcementMessage => {
  const violationId = o.violationId ?? 'v-1';
  const ladderStep = o.ladderStep ?? 4;
  return {
    idempotencyKey: enforcementKey(violationId, ladderStep),
    action: 's3.block-public-access',
    params: {},
    violationId,
    ladderStep,
    resource: { arn: 'arn:aws:s3:::payments-raw-7', type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1' },
    policy: { id: 's3-bucket-public-access-block', version: 'sha256:test' },
    approval: null,
    traceId: `trace-${violationId}`,
    requestedAt: '2026-12-09T10:00:00.000Z',
    ...o,
  };
};
