import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Pseudonymiser } from './pseudonymiser.js';

describe('Pseudonymiser', () => {
  const p = new Pseudonymiser('a-secret-of-at-least-16-bytes');
  const alice = p.person('alice');

  it('pseudonymises a violation.opened event\'s data: the IAM user name in the resource ARN, evidence texts, person keys', () => {
    const data = {
      policyId: 'iam-user-mfa',
      resourceArn: 'arn:aws:iam::111122223333:user/engineering/alice',
      evidence: [{ path: 'PolicyDocument', expected: 'no users', actual: 'Allow arn:aws:iam::111122223333:user/alice and bob@example.com' }],
      approver: 'carol',
      recipients: ['dave', 'user:erin'],
    };
    const out = p.value(data) as typeof data;
    assert.equal(out.resourceArn, `arn:aws:iam::111122223333:user/engineering/${alice}`);
    assert.equal(out.evidence[0]!.actual, `Allow arn:aws:iam::111122223333:user/${alice} and ${p.person('bob@example.com')}`);
    assert.equal(out.approver, p.person('carol'));
    assert.deepEqual(out.recipients, [p.person('dave'), `user:${p.person('erin')}`]);
    assert.equal(out.policyId, 'iam-user-mfa', 'ids that are not people stay');
    assert.doesNotMatch(JSON.stringify(out), /\b(alice|bob|carol|dave|erin)\b/);
  });

  it('keeps other ARNs and the same pseudonym for the same person under one key; another key gives another', () => {
    assert.equal(p.text('arn:aws:iam::111122223333:role/admin'), 'arn:aws:iam::111122223333:role/admin');
    assert.equal(p.text('arn:aws:s3:::alice-bucket'), 'arn:aws:s3:::alice-bucket');
    assert.equal(p.person('Alice '), alice);
    assert.notEqual(new Pseudonymiser('another-secret-of-16-bytes').person('alice'), alice);
  });
});
