import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aContext, aResource } from '../../../testing/resource-fixture.js';
import { s3EncryptionKeyNotAllowedFilter } from './s3-encryption-key-not-allowed-filter.js';

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const bucket = (d: Record<string, unknown>) => aResource({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: d }] } });
const run = (allowedKeys: string[], d: Record<string, unknown>) => s3EncryptionKeyNotAllowedFilter.compile({ allowedKeys })(bucket(d), aContext());

describe('s3-encryption-key-not-allowed', () => {
  it('passes everything when the allow-list is empty', () => assert.equal(run([], { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'x' }), null));

  it('matches a key ARN against the ARN or the bare key id', () => {
    assert.equal(run([KEY], { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY }), null);
    assert.equal(run(['1234abcd-12ab-34cd-56ef-1234567890ab'], { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY }), null);
  });

  it('flags another key and the AWS managed key', () => {
    assert.equal(run([KEY], { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:eu-west-1:111122223333:key/other' })?.[0]?.path,
      'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.KMSMasterKeyID');
    assert.equal(run([KEY], { SSEAlgorithm: 'aws:kms:dsse' })?.[0]?.actual, null);
  });

  it('leaves SSE-S3 rules to the algorithm test', () => assert.equal(run([KEY], { SSEAlgorithm: 'AES256' }), null));
});
