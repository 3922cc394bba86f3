import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripOutsiders } from './external-statements.js';

const inside = { accounts: new Set(['111122223333']), organizationIds: new Set(['o-abcdefghij']) };
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('stripOutsiders', () => {
  it('keeps a "*" pinned to the organisation or to inside accounts, drops an unpinned "*" and one pinned outside', () => {
    const org = { Sid: 'Org', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } };
    const own = { Sid: 'Own', Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } };
    const pub = { Sid: 'Public', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' };
    const other = { ...org, Sid: 'OtherOrg', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-zzzzzzzzzz' } } };
    const out = stripOutsiders(doc(org, own, pub, other), inside);
    assert.deepEqual(JSON.parse(out.policy ?? '{}').Statement, [org, own]);
    assert.equal(out.removed, 2);
  });

  it('keeps Deny statements, service principals and principals whose account cannot be told', () => {
    const deny = { Effect: 'Deny', Principal: { AWS: '999988887777' }, Action: 's3:*', Resource: '*' };
    const svc = { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com', AWS: 'arn:aws:iam::999988887777:root' }, Action: 's3:PutObject', Resource: '*' };
    const out = stripOutsiders(doc(deny, svc), inside);
    assert.deepEqual(JSON.parse(out.policy ?? '{}').Statement, [deny, { ...svc, Principal: { Service: 'cloudtrail.amazonaws.com' } }]);
    assert.equal(stripOutsiders(doc({ Effect: 'Allow', Principal: { AWS: 'AIDAEXAMPLEUNIQUEID' }, Action: 's3:*', Resource: '*' }), inside).removed, 0);
  });

  it('no policy: nothing to remove', () => assert.deepEqual(stripOutsiders(null, inside), { policy: null, removed: 0, statements: 0 }));
});
