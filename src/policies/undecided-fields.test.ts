// A field the collector could not read (`$unknown`, inventory/unknown-fields.ts) makes exactly the
// policies that read it undecided: they throw UndecidedError (the evaluator keeps the stored state and
// reports it), while policies about other fields judge the resource as usual.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markUnknown, TAGS_FIELD } from '../inventory/unknown-fields.js';
import { aContext, aResource } from '../testing/resource-fixture.js';
import { Evaluator } from '../evaluation/evaluator.js';
import { compilePolicy, UndecidedError } from './compiled-policy.js';
import { ConditionCompiler } from './condition/condition-compiler.js';
import type { LoadedPolicy } from './policy.js';
import { createRegistries } from './registries.js';

const registries = createRegistries();
const compiler = new ConditionCompiler(registries.operators, registries.filters);
const ctx = aContext();
const policy = (id: string, where: LoadedPolicy['where'], scope?: LoadedPolicy['where']): LoadedPolicy => ({
  id, title: id, resource: 'aws.s3.bucket', severity: 'high', frameworks: {}, where, ...(scope ? { scope } : {}),
  remediation: { guidance: 'fix it' }, source: { file: 'x', line: 1, col: 1 }, builtin: false,
});
const tlsOnly = compilePolicy(policy('tls', { filter: 's3-tls-not-enforced' }), compiler);
const versioning = compilePolicy(policy('versioning', { 'Versioning.Status': { ne: 'Enabled' } }), compiler);
const aclInElement = compilePolicy(policy('acl', { 'Acl.Grants': { any: { 'Grantee.URI': { eq: 'http://acs.amazonaws.com/groups/global/AllUsers' } } } }), compiler);
const confidential = compilePolicy(policy('confidential', { 'Versioning.Status': { ne: 'Enabled' } }, { 'tag:data-classification': 'confidential' }), compiler);

const bucket = (unknown: string[] = []) => {
  const config: Record<string, unknown> = { Name: 'b', Versioning: { Status: 'Enabled' } };
  if (unknown.length) markUnknown(config, unknown, 's3:GetBucketPolicy: AccessDenied: Access Denied');
  return aResource(config, { type: 'aws.s3.bucket', id: 'b', arn: 'arn:aws:s3:::b', name: 'b' });
};

test('a policy reading an unknown field throws UndecidedError naming the field and the reason', () => {
  assert.ok(tlsOnly.test(bucket(), ctx), 'read and absent: no policy, so plain HTTP is allowed');
  assert.throws(() => tlsOnly.test(bucket(['Policy']), ctx), (e: unknown) => e instanceof UndecidedError && /Policy could not be read \(s3:GetBucketPolicy: AccessDenied/.test((e as Error).message));
  assert.equal(versioning.test(bucket(['Policy']), ctx), null, 'a policy about another field still judges');
  assert.throws(() => versioning.test(bucket(['Versioning']), ctx), UndecidedError);
  assert.throws(() => aclInElement.test(bucket(['Acl']), ctx), UndecidedError, 'a quantifier reads its own path');
  assert.equal(aclInElement.test(bucket(['Grantee']), ctx), null, 'paths inside a quantifier are the element\'s, not the resource\'s');
});

test('unknown tags leave a tag-scoped policy undecided, in scope or not', () => {
  assert.throws(() => confidential.applies(bucket(['TagSet', TAGS_FIELD]), ctx), UndecidedError);
  assert.equal(confidential.applies(bucket(['Policy']), ctx), false);
});

test('the evaluator counts such a resource as undecided for that policy only, with no finding', () => {
  const ev = new Evaluator([tlsOnly, versioning]).evaluate([bucket(['Policy'])], ctx);
  assert.deepEqual(ev.findings, []);
  assert.deepEqual([...ev.undecided].map((k) => k.split('\u0000')[0]), ['tls']);
  assert.match(ev.errors[0]!.message, /^not judged: Policy could not be read/);
});
