import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aContext, aResource } from '../../../testing/resource-fixture.js';
import { s3PolicyAllowsPublicFilter } from './s3-policy-allows-public-filter.js';

const run = (Policy: unknown) => s3PolicyAllowsPublicFilter.compile({})(aResource({ Name: 'b', ...(Policy === undefined ? {} : { Policy }) }), aContext());
const allow = (extra: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra }] });

describe('s3-policy-allows-public', () => {
  it('passes a bucket without a policy', () => assert.equal(run(undefined), null));

  it('finds Principal "*" as a string, an AWS string, and inside an AWS list', () => {
    assert.equal(run(allow({ Principal: '*' }))?.[0]?.path, 'Policy.Statement[0].Principal');
    assert.equal(run(allow({ Principal: { AWS: '*' } }))?.[0]?.path, 'Policy.Statement[0].Principal.AWS');
    assert.equal(run(allow({ Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } }))?.[0]?.path, 'Policy.Statement[0].Principal.AWS[1]');
  });

  it('reads a single statement object and a raw JSON string', () => {
    const single = { Statement: { Effect: 'Allow', Principal: '*', Action: 's3:GetObject' } };
    assert.equal(run(single)?.[0]?.path, 'Policy.Statement.Principal');
    assert.equal(run(JSON.stringify(single))?.length, 1);
  });

  it('accepts conditions that pin callers, not open or negated ones', () => {
    assert.equal(run(allow({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } })), null);
    assert.equal(run(allow({ Principal: '*', Condition: { StringEquals: { 'aws:sourcevpce': 'vpce-1' } } })), null);
    assert.notEqual(run(allow({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } })), null);
    assert.notEqual(run(allow({ Principal: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } })), null);
    assert.notEqual(run(allow({ Principal: '*', Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } })), null);
  });

  it('ignores Deny statements and named principals; flags Allow with NotPrincipal', () => {
    assert.equal(run({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*' }] }), null);
    assert.equal(run(allow({ Principal: { AWS: 'arn:aws:iam::444455556666:root' } })), null);
    assert.equal(run(allow({ NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }))?.[0]?.path, 'Policy.Statement[0].NotPrincipal');
  });
});
