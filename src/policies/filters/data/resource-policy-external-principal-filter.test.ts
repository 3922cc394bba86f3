import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aContext, aResource } from '../../../testing/resource-fixture.js';
import { resourcePolicyExternalPrincipalFilter } from './resource-policy-external-principal-filter.js';

// aContext's organisation holds 111122223333 only.
const ctx = () => {
  const c = aContext();
  return { ...c, organization: { accounts: [{ id: '111122223333', name: 'prod' }, { id: '222233334444', name: 'data' }] } };
};
const run = (statement: Record<string, unknown>, partnerAccounts: string[] = []) =>
  resourcePolicyExternalPrincipalFilter.compile({ partnerAccounts })(
    aResource({ Name: 'b', Policy: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...statement }] } }),
    ctx(),
  );

describe('resource-policy-external-principal', () => {
  it('passes principals of the organisation, as account ids and ARNs', () => {
    assert.equal(run({ Principal: { AWS: ['222233334444', 'arn:aws:iam::111122223333:role/reader'] } }), null);
  });

  it('flags an outside account, naming the principal element', () => {
    const ev = run({ Principal: { AWS: ['222233334444', 'arn:aws:iam::999988887777:root'] } });
    assert.equal(ev?.length, 1);
    assert.equal(ev?.[0]?.path, 'Policy.Statement[0].Principal.AWS[1]');
    assert.equal(ev?.[0]?.actual, 'arn:aws:iam::999988887777:root');
  });

  it('lets allow-listed partners through', () => {
    assert.equal(run({ Principal: { AWS: 'arn:aws:iam::999988887777:root' } }, ['999988887777']), null);
  });

  it('judges "*" by the accounts its condition pins it to, and leaves the unrestricted "*" to the public filter', () => {
    assert.notEqual(run({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': ['999988887777'] } } }), null);
    assert.equal(run({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '222233334444' } } }), null);
    assert.equal(run({ Principal: '*' }), null);
  });

  it('ignores service principals and Deny statements', () => {
    assert.equal(run({ Principal: { Service: 'logging.s3.amazonaws.com' } }), null);
    assert.equal(run({ Effect: 'Deny', Principal: { AWS: '999988887777' } }), null);
  });

  it('builds the organisation index once per scan through the memo', () => {
    const c = ctx();
    const builds = new Map<string, number>();
    const memo = c.lookup.memo;
    const counting = { ...c, lookup: { ...c.lookup, memo: <T>(k: string, b: () => T) => memo(k, () => (builds.set(k, (builds.get(k) ?? 0) + 1), b())) } };
    const test = resourcePolicyExternalPrincipalFilter.compile({});
    const r = aResource({ Policy: { Statement: [{ Effect: 'Allow', Principal: { AWS: '999988887777' } }] } });
    test(r, counting);
    test(r, counting);
    // The organisation index and the parsed-policy slot: each built once.
    assert.equal(builds.get('data/organisation-account-ids'), 1);
    assert.deepEqual([...builds.values()], [...builds.values()].map(() => 1));
  });
});
