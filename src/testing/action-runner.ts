import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { AwsClientFactory } from '../enforcers/aws-api.js';
import { awsClientFactory } from '../enforcers/aws-api.js';
import { RollbackService } from '../enforcers/rollback-service.js';
import type { RiskClass } from '../policies/policy.js';
import type { EnforcementMessage } from '../violations/enforcement-message.js';
import { enforcementMessage } from './enforcement-fixture.js';
import { enforcementHarness, liveViolation, recordedDelivery } from './enforcement-harness.js';
import { startMotoServer, type MotoServer } from './moto-server.js';
import { startAwsWireStub, type WireReply, type WireRequest } from './aws-wire-stub.js';
import { memoryTestStore } from './test-store.js';

export const TEST_ACCOUNT = '123456789012';
export const TEST_REGION = 'eu-west-1';

export interface RunOptions {
  params?: Record<string, unknown>;
  /** Run in dry-run mode: the outcome is `skipped` with reason `dry-run` and the before-state as the plan. */
  dryRun?: boolean;
  /** Attach an approval to the message (the default settings ask one for irreversible actions). */
  approval?: boolean;
  /** Risk classes that need an approval (default: the product's, irreversible). */
  approvalFor?: RiskClass[];
  /** The worker's clock at execution (default HARNESS_NOW). */
  now?: Date;
}

/**
 * Runs built-in actions end to end through the enforcement service (declared commands only, verify
 * by re-reading, record) on a fresh store each time, against whatever endpoint `aws` points at; each
 * run hands back the outcome, the record and a rollback of it.
 *
 * @example
 * const run = actionRunner(awsClientFactory({ endpoint, credentials }));
 * const { out, rollback } = await run('s3.enable-versioning', { arn: 'arn:aws:s3:::b', type: 'aws.s3.bucket' });
 */
export const actionRunner = (aws: AwsClientFactory, where = { accountId: TEST_ACCOUNT, region: TEST_REGION }) => {
  let n = 0;
  return async (action: string, resource: { arn: string; type: string }, o: RunOptions = {}) => {
    const store = memoryTestStore();
    const id = `v-${++n}`;
    await store.violations.insert([liveViolation(id, { resourceArn: resource.arn, resourceType: resource.type, accountId: where.accountId })]);
    const h = enforcementHarness(store, { aws, settings: { ...(o.dryRun ? { mode: 'dry-run' as const } : {}), ...(o.approvalFor ? { approvalFor: o.approvalFor } : {}) } });
    if (o.now) h.clock.set(o.now);
    const approval: EnforcementMessage['approval'] = o.approval ? { by: 'user:ciso', at: '2026-12-09T09:00:00.000Z', reason: 'test' } : null;
    const message = enforcementMessage({ violationId: id, action, params: o.params ?? {}, approval, resource: { ...resource, ...where } });
    const { d, settled } = recordedDelivery(message);
    const out = await h.service.handle(d);
    const record = await store.enforcementActions.byKey(message.idempotencyKey);
    const rollback = () => new RollbackService({ store, actions: h.actions, aws, clock: h.clock, actor: 'user:test' }).rollback(record?.id ?? '');
    return { out, record, settled, rollback, store };
  };
};

/** Like `actionRunner`, asserting the action succeeded and was acked. */
export const mustSucceed = async (run: ReturnType<typeof actionRunner>, ...args: Parameters<ReturnType<typeof actionRunner>>) => {
  const r = await run(...args);
  assert.equal(r.out.kind, 'succeeded', `${args[0]}: ${r.out.reason} ${r.record?.error ?? ''}`);
  assert.deepEqual(r.settled, ['ack']);
  return r;
};

/**
 * A describe block on a fresh moto server (its clients' settings passed in): skipped with the reason
 * when moto is missing, failed under CI=true.
 *
 * @example
 * await motoSuite('s3 actions against moto', (moto) => { it('…', async () => { … }); });
 */
export const motoSuite = async (title: string, body: (moto: MotoServer, cfg: { region: string; endpoint: string; credentials: MotoServer['credentials'] }) => void): Promise<void> => {
  const started = await startMotoServer();
  if ('unavailable' in started) {
    if (process.env['CI'] === 'true') test(title, () => assert.fail(`moto is required in CI: ${started.unavailable}`));
    else describe(title, { skip: `${started.unavailable}; pip install 'moto[server]'` }, () => undefined);
    return;
  }
  describe(title, () => {
    after(() => started.stop());
    body(started, { region: TEST_REGION, endpoint: started.endpoint, credentials: started.credentials });
  });
};

/** The runner for a moto server. */
export const motoRunner = (moto: MotoServer) => actionRunner(awsClientFactory({ endpoint: moto.endpoint, credentials: moto.credentials, maxAttempts: 1 }));

/**
 * Runs one action against a local AWS wire-format stub: `reply` answers each request; the result
 * carries every request as [operation, body] for the test to assert the exact calls, and with
 * `rollback: true` the requests the rollback sent after it.
 *
 * @example
 * const { out, requests } = await runOnWire('cloudtrail.set-kms-key', trail, (r) => ({ body: {} }), { params: { kmsKeyId } });
 */
export const runOnWire = async (action: string, resource: { arn: string; type: string }, reply: (r: WireRequest) => WireReply, o: RunOptions & { rollback?: boolean } = {}) => {
  const stub = await startAwsWireStub(reply);
  try {
    const aws = awsClientFactory({ endpoint: stub.endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });
    const r = await actionRunner(aws, { accountId: '111122223333', region: 'eu-west-1' })(action, resource, o);
    const requests = stub.requests.map((q) => [q.operation, q.body] as const);
    if (o.rollback) await r.rollback();
    return { ...r, requests, rollbackRequests: stub.requests.slice(requests.length).map((q) => [q.operation, q.body] as const) };
  } finally {
    await stub.stop();
  }
};
