import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aContext, aResource } from '../../../testing/resource-fixture.js';
import { s3TlsNotEnforcedFilter } from './s3-tls-not-enforced-filter.js';

const deny = (over: Record<string, unknown> = {}) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...over,
});
const run = (config: Record<string, unknown>, params = {}) => s3TlsNotEnforcedFilter.compile(params)(aResource({ Name: 'b', ...config }), aContext());

describe('s3-tls-not-enforced', () => {
  it('passes the canonical deny statement, also with boolean false and a lower-case key', () => {
    assert.equal(run({ Policy: { Statement: [deny()] } }), null);
    assert.equal(run({ Policy: { Statement: [deny({ Condition: { Bool: { 'aws:securetransport': false } } })] } }), null);
    assert.equal(run({ Policy: { Statement: deny({ Principal: { AWS: '*' }, Resource: 'arn:aws:s3:::b/*' }) } }), null);
  });

  it('fails without a policy, naming the missing policy', () => {
    const ev = run({});
    assert.equal(ev?.[0]?.path, 'Policy');
    assert.equal(ev?.[0]?.actual, null);
  });

  it('fails when the deny is incomplete: allow instead of deny, wrong condition, too narrow action or resource', () => {
    assert.notEqual(run({ Policy: { Statement: [deny({ Effect: 'Allow' })] } }), null);
    assert.notEqual(run({ Policy: { Statement: [deny({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })] } }), null);
    assert.notEqual(run({ Policy: { Statement: [deny({ Action: 's3:GetObject' })] } }), null);
    assert.notEqual(run({ Policy: { Statement: [deny({ Resource: 'arn:aws:s3:::b' })] } }), null);
    assert.notEqual(run({ Policy: { Statement: [deny({ Resource: 'arn:aws:s3:::other/*' })] } }), null);
    assert.notEqual(run({ Policy: { Statement: [deny({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })] } }), null);
  });

  it('accepts a TLS-version deny only when asked to', () => {
    const tls = deny({ Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } });
    assert.notEqual(run({ Policy: { Statement: [tls] } }), null);
    assert.equal(run({ Policy: { Statement: [tls] } }, { acceptTlsVersionDeny: true }), null);
  });

  it('reports an unreadable policy document instead of passing', () => {
    assert.equal(run({ Policy: '{not json' })?.[0]?.actual, 'unreadable policy document');
  });
});
