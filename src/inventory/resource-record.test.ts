import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRegistries } from '../policies/registries.js';
import { parseResourceRecord, type RecordResult } from './resource-record.js';

const types = createRegistries().resourceTypes;
const observedAt = '2026-03-01T00:00:00.000Z';
const parse = (raw: unknown, d: Partial<Parameters<typeof parseResourceRecord>[2]> = {}): RecordResult => parseResourceRecord(raw, types, { observedAt, ...d });
const reason = (raw: unknown): string => {
  const r = parse(raw);
  assert.equal(r.ok, false, 'the record was accepted');
  return (r as { reason: string }).reason;
};
const ok = { type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1', config: { Name: 'logs', TagSet: [{ Key: 'owner', Value: 'payments' }] } };

describe('parseResourceRecord', () => {
  it('derives id, arn, name and tags from the AWS config and keeps the config as given', () => {
    const r = parse(ok);
    assert.ok(r.ok);
    assert.deepEqual(r.resource, {
      provider: 'aws', accountId: '111122223333', region: 'eu-west-1', type: 'aws.s3.bucket', id: 'logs', arn: 'arn:aws:s3:::logs', name: 'logs',
      tags: { owner: 'payments' }, config: ok.config, observedAt,
    });
  });

  it('lets the record override identity, tags, owner and observedAt', () => {
    const r = parse({ ...ok, id: 'x', arn: 'arn:aws:s3:::x', name: 'Nice', tags: [{ Key: 'team', Value: 'a' }], owner: 'team-a', observedAt: '2026-01-01T00:00:00.000Z' });
    assert.ok(r.ok);
    assert.equal(r.resource.arn, 'arn:aws:s3:::x');
    assert.equal(r.resource.name, 'Nice');
    assert.deepEqual(r.resource.tags, { team: 'a' });
    assert.equal(r.resource.owner, 'team-a');
    assert.equal(r.resource.observedAt, '2026-01-01T00:00:00.000Z');
  });

  it('fills type, account and region from defaults (policy test fixtures)', () => {
    const r = parse({ config: { Name: 'b' } }, { type: 'aws.s3.bucket', accountId: '123456789012', region: 'us-east-1' });
    assert.ok(r.ok);
    assert.equal(r.resource.accountId, '123456789012');
  });

  it('names the field that is wrong', () => {
    assert.equal(reason('text'), 'a resource record must be a JSON object');
    assert.equal(reason([ok]), 'a resource record must be a JSON object');
    assert.equal(reason({ ...ok, type: undefined }), 'field "type": missing (e.g. "aws.s3.bucket")');
    assert.equal(reason({ ...ok, type: 'aws.s3.buckets' }), 'field "type": unknown resource type "aws.s3.buckets"');
    assert.equal(reason({ ...ok, accountId: 111122223333 }), 'field "accountId": must be a 12-digit AWS account id, found 111122223333');
    assert.equal(reason({ ...ok, accountId: '1111-2222-3333' }), 'field "accountId": must be a 12-digit AWS account id, found "1111-2222-3333"');
    assert.equal(reason({ ...ok, region: '' }), 'field "region": missing (use "global" for global resources)');
    assert.equal(reason({ ...ok, config: [] }), 'field "config": must be an object (the AWS API JSON of the resource)');
    assert.equal(reason({ ...ok, name: 7 }), 'field "name": must be a string');
    assert.equal(reason({ ...ok, tags: 'owner=me' }), 'field "tags": must be an object or a list of {Key, Value}');
  });

  it('says how to identify a resource whose config lacks the identifying field', () => {
    assert.match(reason({ ...ok, config: {} }), /id\/arn/);
    const r = parse({ ...ok, config: {}, id: 'given', arn: 'arn:aws:s3:::given' });
    assert.ok(r.ok, 'an explicit id and arn are enough');
    assert.equal(r.resource.name, 'given');
  });
});

describe('parseResourceRecord identity', () => {
  it('refuses an id without an ARN when the config cannot give one, so two records never share an ARN', () => {
    assert.match(reason({ ...ok, id: 'a', config: {} }), /^cannot derive id\/arn: give "id" and "arn"/);
    assert.match(reason({ ...ok, config: { Name: '' } }), /^cannot derive id\/arn/);
  });
});
