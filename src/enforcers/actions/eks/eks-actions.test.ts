// EKS configuration and Access Analyzer actions against the AWS wire format (moto serves neither
// ListUpdates nor Access Analyzer): the stub models the cluster and records the exact requests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WireRequest } from '../../../testing/aws-wire-stub.js';
import { runOnWire } from '../../../testing/action-runner.js';

/** The POSTs, without the idempotency token the SDK makes up for each call. */
const posts = (requests: readonly (readonly [string, unknown])[]) =>
  requests.filter(([op]) => op.startsWith('POST')).map(([op, body]) => {
    const { clientRequestToken: _t, ...rest } = body as Record<string, unknown>;
    return [op, rest];
  });

const CLUSTER = { arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/payments', type: 'aws.eks.cluster' };

/** A cluster whose UpdateClusterConfig starts an update that stays InProgress (as EKS's do, for minutes). */
const clusterModel = (c: { vpc: Record<string, unknown>; logging: unknown[] }) => {
  const updates: { id: string; type: string; params: { type: string; value: string }[] }[] = [];
  return (r: WireRequest) => {
    if (r.operation === 'GET /clusters/payments') return { body: { cluster: { name: 'payments', resourcesVpcConfig: c.vpc, logging: { clusterLogging: c.logging } } } };
    if (r.operation === 'GET /clusters/payments/updates') return { body: { updateIds: updates.map((u) => u.id) } };
    const u = updates.find((x) => r.operation === `GET /clusters/payments/updates/${x.id}`);
    if (u) return { body: { update: { id: u.id, status: 'InProgress', type: u.type, params: u.params } } };
    if (r.operation === 'POST /clusters/payments/update-config') {
      const b = r.body as { resourcesVpcConfig?: Record<string, boolean>; logging?: unknown };
      const update = b.resourcesVpcConfig
        ? { id: `u-${updates.length}`, type: 'EndpointAccessUpdate', params: [{ type: 'EndpointPublicAccess', value: String(b.resourcesVpcConfig['endpointPublicAccess']) }, { type: 'EndpointPrivateAccess', value: String(b.resourcesVpcConfig['endpointPrivateAccess']) }] }
        : { id: `u-${updates.length}`, type: 'LoggingUpdate', params: [{ type: 'ClusterLogging', value: JSON.stringify(b.logging) }] };
      updates.push(update);
      return { body: { update: { id: update.id, status: 'InProgress', type: update.type } } };
    }
    return { status: 404, body: { message: `no ${r.operation}` } };
  };
};

describe('eks actions against the AWS wire format', () => {
  it('disable-public-endpoint: one UpdateClusterConfig, the in-progress update verifies it; rollback restores public access and its CIDRs', async () => {
    const model = clusterModel({ vpc: { endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ['203.0.113.0/24'] }, logging: [] });
    const { out, requests, rollbackRequests } = await runOnWire('eks.disable-public-endpoint', CLUSTER, model, { rollback: true });
    assert.equal(out.kind, 'succeeded');
    assert.deepEqual(posts(requests), [['POST /clusters/payments/update-config', { resourcesVpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false } }]]);
    assert.deepEqual(posts(rollbackRequests), [
      ['POST /clusters/payments/update-config', { resourcesVpcConfig: { endpointPrivateAccess: false, endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] } }],
    ]);
  });

  it('enable-audit-logging enables only the audit type; dry-run sends no update', async () => {
    const logging = [{ types: ['api'], enabled: true }, { types: ['audit', 'authenticator'], enabled: false }];
    const dry = await runOnWire('eks.enable-audit-logging', CLUSTER, clusterModel({ vpc: {}, logging }), { dryRun: true });
    assert.deepEqual([dry.out.reason, dry.requests.some(([op]) => op.startsWith('POST'))], ['dry-run', false]);
    const { out, requests } = await runOnWire('eks.enable-audit-logging', CLUSTER, clusterModel({ vpc: {}, logging }));
    assert.equal(out.kind, 'succeeded');
    assert.deepEqual(posts(requests), [['POST /clusters/payments/update-config', { logging: { clusterLogging: [{ types: ['audit'], enabled: true }] } }]]);
  });
});

describe('accessanalyzer actions against the AWS wire format', () => {
  const REGION = { arn: 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzers', type: 'aws.accessanalyzer.region' };
  const analyzerModel = (analyzers: { name: string; type: string; status: string }[]) => (r: WireRequest) => {
    if (r.operation === 'GET /analyzer') return { body: { analyzers: analyzers.map((a) => ({ ...a, arn: `arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/${a.name}`, createdAt: '2026-11-01T00:00:00Z' })) } };
    if (r.operation === 'PUT /analyzer') {
      const b = r.body as { analyzerName: string; type: string };
      analyzers.push({ name: b.analyzerName, type: b.type, status: 'ACTIVE' });
      return { body: { arn: `arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/${b.analyzerName}` } };
    }
    if (r.method === 'DELETE') analyzers.splice(analyzers.findIndex((a) => r.path.endsWith(`/${a.name}`)), 1);
    return { body: {} };
  };

  it('create-analyzer creates an ACCOUNT analyzer next to an unused-access one; rollback deletes only it', async () => {
    const analyzers = [{ name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' }];
    const { out, requests, rollbackRequests } = await runOnWire('accessanalyzer.create-analyzer', REGION, analyzerModel(analyzers), { rollback: true });
    assert.equal(out.kind, 'succeeded');
    const put = requests.find(([op]) => op === 'PUT /analyzer');
    assert.deepEqual({ ...(put?.[1] as object), clientToken: undefined }, { analyzerName: 'vigil-external-access', type: 'ACCOUNT', tags: { 'created-by': 'vigil' }, clientToken: undefined });
    assert.deepEqual(rollbackRequests.map(([op]) => op).filter((op) => op.startsWith('DELETE')), ['DELETE /analyzer/vigil-external-access']);
    assert.deepEqual(analyzers.map((a) => a.name), ['unused']);
  });

  it('create-analyzer skips a Region with an active organisation analyzer', async () => {
    const { out } = await runOnWire('accessanalyzer.create-analyzer', REGION, analyzerModel([{ name: 'org', type: 'ORGANIZATION', status: 'ACTIVE' }]));
    assert.deepEqual([out.kind, out.reason], ['skipped', 'already-compliant']);
  });
});
