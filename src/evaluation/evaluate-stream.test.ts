import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from '@sinclair/typebox';
import { DEFAULT_OWNER_RULES, OwnerResolver } from '../inventory/owner-resolver.js';
import { compilePolicy } from '../policies/compiled-policy.js';
import { ConditionCompiler } from '../policies/condition/condition-compiler.js';
import { FilterRegistry } from '../policies/filters/filter-registry.js';
import type { NamedFilterDefinition } from '../policies/filters/named-filter.js';
import { OperatorRegistry } from '../policies/operators/operator-registry.js';
import type { CollectedBatch, CollectRequest, Provider } from '../providers/provider.js';
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
