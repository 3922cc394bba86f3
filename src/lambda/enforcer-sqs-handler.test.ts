import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enforcementMessage } from '../testing/enforcement-fixture.js';
import { enforcementHarness, liveViolation } from '../testing/enforcement-harness.js';
import { memoryTestStore } from '../testing/test-store.js';
import { createEnforcerSqsHandler, type SqsRecord } from './enforcer-sqs-handler.js';

const msg = (id: string) => enforcementMessage({ violationId: id, action: 'test.lock', resource: { arn: `arn:aws:s3:::${id}`, type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1' } });
const record = (messageId: string, body: unknown, receives = 1): SqsRecord => ({ messageId, body: typeof body === 'string' ? body : JSON.stringify(body), attributes: { ApproximateReceiveCount: String(receives) } });

describe('enforcer SQS handler', () => {
  it('reports only the messages to retry in batchItemFailures; done, skipped and dead-lettered ones leave the queue', async () => {
    const store = memoryTestStore();
    await store.violations.insert(['ok', 'flaky', 'sns'].map((id) => liveViolation(id, { resourceArn: `arn:aws:s3:::${id}` })));
    const { service, estate } = enforcementHarness(store);
    const handler = createEnforcerSqsHandler({ handle: (d) => service.handle(d), maxReceiveCount: 3, families: ['test'] });
    estate.failures.push(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const out = await handler({
      Records: [
        record('m-flaky', msg('flaky')),
        record('m-ok', msg('ok')),
        record('m-sns', { Type: 'Notification', Message: JSON.stringify(msg('sns')) }),
        record('m-garbage', '{not json'),
        record('m-other', enforcementMessage({ violationId: 'x', action: 'iam.deactivate-access-key' })),
        record('m-unknown', msg('gone')),
      ],
    });
    assert.deepEqual(out.batchItemFailures, [{ itemIdentifier: 'm-flaky' }, { itemIdentifier: 'm-garbage' }, { itemIdentifier: 'm-other' }]);
    assert.deepEqual([(await store.violations.get('ok'))?.state, (await store.violations.get('sns'))?.state], ['enforced', 'enforced']);
    // SQS redelivers m-flaky (receive 2): it succeeds; a message on its last receive dead-letters instead of retrying.
    assert.deepEqual((await handler({ Records: [record('m-flaky', msg('flaky'), 2)] })).batchItemFailures, []);
    assert.equal(estate.applies, 3);
  });

  it('a transient failure on the last receive is dead-lettered and recorded, not retried forever', async () => {
    const store = memoryTestStore();
    await store.violations.insert([liveViolation('last', { resourceArn: 'arn:aws:s3:::last' })]);
    const { service, estate } = enforcementHarness(store, { maxDeliver: 3 });
    estate.failures.push(Object.assign(new Error('503'), { name: 'ServiceUnavailable' }));
    const handler = createEnforcerSqsHandler({ handle: (d) => service.handle(d), maxReceiveCount: 3, families: ['test'] });
    assert.deepEqual((await handler({ Records: [record('m', msg('last'), 3)] })).batchItemFailures, []);
    assert.equal((await store.audit.list({ types: ['enforcement.dead-lettered'] })).length, 1);
  });
});
