import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { closestMatch } from './closest-match.js';
import { Registry } from './registry.js';
import { VigilError } from './vigil-error.js';

interface Action {
  name: string;
  description: string;
  schema?: ReturnType<typeof Type.Object>;
  permissions: string[];
}

const block: Action = { name: 's3.block-public-access', description: 'Turns on Block Public Access.', schema: Type.Object({}), permissions: ['s3:PutBucketPublicAccessBlock'] };
const stop: Action = { name: 'ec2.stop-instance', description: 'Stops an instance.', permissions: ['ec2:StopInstances'] };

describe('Registry', () => {
  it('keys entries by name with no traits, lists them sorted and keeps the registration order apart', () => {
    const actions = new Registry<Action>('action', [block, stop]);
    assert.equal(actions.get('ec2.stop-instance'), stop);
    assert.deepEqual(actions.keys(), ['ec2.stop-instance', 's3.block-public-access']);
    assert.deepEqual(actions.list(), [stop, block]);
    assert.deepEqual(actions.inRegistrationOrder(), [block, stop]);
    assert.equal(actions.size, 2);
    assert.equal(actions.find('nope'), undefined);
  });

  it('reports each entry\'s docs, schema and declared cloud permissions', () => {
    const info = new Registry<Action>('action', [block, stop]).info();
    assert.deepEqual(
      info.map((i) => [i.key, i.docs, i.schema !== undefined, i.permissions]),
      [
        ['ec2.stop-instance', 'Stops an instance.', false, ['ec2:StopInstances']],
        ['s3.block-public-access', 'Turns on Block Public Access.', true, ['s3:PutBucketPublicAccessBlock']],
      ],
    );
  });

  it('reads other shapes through traits', () => {
    const types = new Registry<{ type: string; title: string }>('resource-type', [{ type: 'aws.s3.bucket', title: 'S3 bucket' }], { key: (t) => t.type, docs: (t) => t.title });
    assert.deepEqual(types.info(), [{ key: 'aws.s3.bucket', docs: 'S3 bucket', schema: undefined, permissions: [] }]);
  });

  it('refuses a key registered twice', () => {
    assert.throws(() => new Registry<Action>('action', [block, { ...block }]), (e: unknown) => e instanceof VigilError && e.code === 'registry.duplicate' && /action s3\.block-public-access is registered twice/.test(e.message));
  });

  it('answers an unknown key with a 400 naming the kind and the closest key', () => {
    const types = new Registry<{ type: string }>('resource-type', [{ type: 'aws.s3.bucket' }, { type: 'aws.ec2.instance' }], { key: (t) => t.type });
    assert.throws(
      () => types.get('aws.s3.bukket'),
      (e: unknown) => e instanceof VigilError && e.code === 'resource-type.unknown' && e.status === 400 && e.message === 'unknown resource type "aws.s3.bukket"; did you mean "aws.s3.bucket"?',
    );
    assert.throws(() => types.get('gcp.bucket'), (e: unknown) => e instanceof VigilError && e.message === 'unknown resource type "gcp.bucket"');
  });

  it('needs a name when no key trait says otherwise', () => {
    assert.throws(() => new Registry<{ id: string }>('thing', [{ id: 'x' }]), /needs a non-empty "name"/);
  });
});

describe('closestMatch', () => {
  it('finds a near word, counts a swap of neighbours once and ignores case', () => {
    assert.equal(closestMatch('startswith', ['starts-with', 'ends-with', 'contains']), 'starts-with');
    assert.equal(closestMatch('Bucket-Policy-Alows-Public', ['bucket-policy-allows-public']), 'bucket-policy-allows-public');
    assert.equal(closestMatch('ge', ['gt', 'gte', 'lt']), 'gt');
    assert.equal(closestMatch('qe', ['eq']), 'eq');
  });

  it('suggests nothing when every candidate is far', () => {
    assert.equal(closestMatch('retention', ['eq', 'ne', 'cidr-contains']), undefined);
    assert.equal(closestMatch('x', []), undefined);
  });
});
