import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from '@sinclair/typebox';
import { DEFAULT_OWNER_RULES, OwnerResolver } from '../inventory/owner-resolver.js';
import { compilePolicy } from '../policies/compiled-policy.js';
import { ConditionCompiler } from '../policies/condition/condition-compiler.js';
import { FilterRegistry } from '../policies/filters/filter-registry.js';
import type { ConditionSpec } from '../policies/policy.js';
import type { NamedFilterDefinition } from '../policies/filters/named-filter.js';
import { OperatorRegistry } from '../policies/operators/operator-registry.js';
import type { CollectedBatch, Provider } from '../providers/provider.js';
import type { CollectRequest } from '../inventory/collect-request.js';
import { aResource } from '../testing/resource-fixture.js';
import { evaluateStream } from './evaluate-stream.js';
import { Evaluator } from './evaluator.js';

/** A bucket violates when no bucket named in its `Replica` field exists anywhere in the inventory. */
const replicaMissing: NamedFilterDefinition<Record<string, never>> = {
  name: 'replica-missing',
  description: 'The replica bucket does not exist.',
  params: Type.Object({}),
  needs: ['aws.s3.bucket'],
  compile: () => (r, ctx) => (ctx.lookup.byArn(`arn:aws:s3:::${String(r.config.Replica)}`) ? null : [{ path: 'Replica', expected: 'an existing bucket', actual: r.config.Replica }]),
  example: { filter: 'replica-missing' },
};

/** Yields one resource per batch, as a paginated API would. */
const provider: Provider = {
  name: 'paged',
  organization: async () => ({ accounts: [] }),
  async *collect(req: CollectRequest): AsyncIterable<CollectedBatch> {
    if (req.types && !req.types.includes('aws.s3.bucket')) return;
    if (req.excludeTypes?.includes('aws.s3.bucket')) return;
    yield { resources: [aResource({ Name: 'a', Replica: 'b' }, { id: 'a', arn: 'arn:aws:s3:::a', name: 'a' })], quarantined: [] };
    yield { resources: [aResource({ Name: 'b', Replica: 'a' }, { id: 'b', arn: 'arn:aws:s3:::b', name: 'b' })], quarantined: [] };
  },
};

test('resources that cross-resource filters read are all loaded before any is judged', async () => {
  const compiler = new ConditionCompiler(new OperatorRegistry(), new FilterRegistry([replicaMissing]));
  const policy = compilePolicy(
    { id: 'replicated', title: 'Buckets are replicated', resource: 'aws.s3.bucket', severity: 'high', frameworks: {}, where: { filter: 'replica-missing' }, remediation: { guidance: 'Replicate.' }, source: { file: 'x', line: 1, col: 1 }, builtin: false },
    compiler,
  );
  const stream = evaluateStream({ provider, evaluator: new Evaluator([policy]), owners: () => new OwnerResolver(DEFAULT_OWNER_RULES), request: {}, now: 0 });
  const findings = [];
  let resources = 0;
  for await (const b of stream.batches) {
    findings.push(...b.findings);
    resources += b.resources.length;
  }
  assert.equal(resources, 2);
  assert.deepEqual(findings, [], 'bucket a was judged before bucket b was known');
  assert.deepEqual(stream.tally().map((t) => [t.evaluated, t.failed]), [[2, 0]]);
});

/**
 * Three kinds of type, as in the built-in library: lookup types (backup plans), types whose policies
 * read the lookup (databases) and types whose policies do not (log groups). Records every request.
 */
const mixedProvider = (requests: CollectRequest[]): Provider => ({
  name: 'mixed',
  organization: async () => ({ accounts: [] }),
  async *collect(req: CollectRequest): AsyncIterable<CollectedBatch> {
    requests.push(req);
    const all = [
      aResource({ Name: 'plan' }, { type: 'aws.s3.bucket', id: 'plan', arn: 'arn:aws:s3:::plan', name: 'plan' }),
      aResource({ Replica: 'plan' }, { type: 'aws.rds.db-instance', id: 'db', arn: 'arn:aws:rds:eu-west-1:123456789012:db:db', name: 'db' }),
      aResource({}, { type: 'aws.logs.log-group', id: 'logs', arn: 'arn:aws:logs:eu-west-1:123456789012:log-group:logs', name: 'logs' }),
    ];
    for (const r of all) {
      if (req.types && !req.types.includes(r.type)) continue;
      if (req.excludeTypes?.includes(r.type)) continue;
      yield { resources: [r], quarantined: req.reportQuarantine === false ? [] : [{ source: 'x:1', reason: 'bad record', record: '{' }] };
    }
  },
});

test('types that need no lookup stream first, lookup readers come last with the whole lookup, and bad records are reported once', async () => {
  const compiler = new ConditionCompiler(new OperatorRegistry(), new FilterRegistry([replicaMissing]));
  const policy = (id: string, resource: string, where: ConditionSpec) =>
    compilePolicy({ id, title: id, resource, severity: 'high', frameworks: {}, where, remediation: { guidance: 'Fix.' }, source: { file: 'x', line: 1, col: 1 }, builtin: false }, compiler);
  const evaluator = new Evaluator([policy('db-replicated', 'aws.rds.db-instance', { filter: 'replica-missing' }), policy('logs-kept', 'aws.logs.log-group', { Retention: { absent: true } })]);
  const requests: CollectRequest[] = [];
  const stream = evaluateStream({ provider: mixedProvider(requests), evaluator, owners: () => new OwnerResolver(DEFAULT_OWNER_RULES), request: {}, now: 0 });
  const order: string[] = [];
  const findings: string[] = [];
  let quarantined = 0;
  for await (const b of stream.batches) {
    order.push(...b.resources.map((r) => r.type));
    findings.push(...b.findings.map((f) => f.policyId));
    quarantined += b.quarantined.length;
  }
  assert.deepEqual(order, ['aws.logs.log-group', 'aws.s3.bucket', 'aws.rds.db-instance']);
  assert.deepEqual(findings, ['logs-kept'], 'the database saw the bucket it names');
  assert.equal(quarantined, 1);
  assert.equal(requests.filter((r) => r.reportQuarantine !== false).length, 1);
});
