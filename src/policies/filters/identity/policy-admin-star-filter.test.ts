import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyAdminStarFilter } from './policy-admin-star-filter.js';
import { testFilterContext, testResource } from '../../../testing/filter-test-context.js';

const ctx = testFilterContext(0);
const policy = (Statement: unknown) => testResource('aws.iam.policy', { PolicyName: 'p', PolicyVersion: { Document: { Version: '2012-10-17', Statement } } });
const run = (r = policy([]), includeConditional?: boolean) => policyAdminStarFilter.compile(includeConditional === undefined ? {} : { includeConditional })(r, ctx);

test('Allow * on * is admin, as strings or in lists, single statement or list', () => {
  assert.equal(run(policy({ Effect: 'Allow', Action: '*', Resource: '*' }))?.[0]?.path, 'PolicyVersion.Document.Statement.Action');
  assert.equal(run(policy([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }, { Effect: 'Allow', Action: ['*'], Resource: ['*'] }]))?.[0]?.path, 'PolicyVersion.Document.Statement[1].Action');
});

test('scoped actions, scoped resources and Deny are not admin', () => {
  assert.equal(run(policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])), null);
  assert.equal(run(policy([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' }])), null);
  assert.equal(run(policy([{ Effect: 'Deny', Action: '*', Resource: '*' }])), null);
  assert.equal(run(policy([])), null);
  assert.equal(run(testResource('aws.iam.policy', { PolicyName: 'no-doc' })), null);
});

test('Allow with NotAction on * counts as admin', () => {
  assert.equal(run(policy([{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }]))?.[0]?.path, 'PolicyVersion.Document.Statement[0].NotAction');
});

test('URL-encoded inline role policies are read too', () => {
  const doc = encodeURIComponent(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
  const role = testResource('aws.iam.role', { RoleName: 'r', RolePolicyList: [{ PolicyName: 'x', PolicyDocument: doc }] });
  assert.equal(run(role)?.[0]?.path, 'RolePolicyList[0].PolicyDocument.Statement[0].Action');
});

test('includeConditional=false skips statements with a Condition', () => {
  const r = policy([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }]);
  assert.notEqual(run(r), null);
  assert.equal(run(r, false), null);
});
