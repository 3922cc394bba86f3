import { test } from 'node:test';
import assert from 'node:assert/strict';
import { identityResourceTypes } from './index.js';

const where = { accountId: '111122223333', region: 'eu-west-1' };

test('every identity/compute type derives a distinct identity from its example', () => {
  const arns = new Set<string>();
  for (const t of identityResourceTypes) {
    const id = t.identity(t.example, where);
    assert.ok(id.id && id.arn && id.name, `${t.type} identity`);
    assert.match(id.arn, /^arn:aws:/, t.type);
    assert.ok(!arns.has(id.arn), `${t.type} ARN collides with another type's`);
    arns.add(id.arn);
    assert.equal(typeof t.tags(t.example), 'object');
  }
});

test('type names are unique and follow <provider>.<service>.<kind>', () => {
  const names = identityResourceTypes.map((t) => t.type);
  assert.equal(new Set(names).size, names.length);
  for (const n of names) assert.match(n, /^aws\.[a-z0-9]+\.[a-z0-9-]+$/);
});

test('tags are read from each API spelling (Tags list, tags map, lowercase key/value)', () => {
  const byType = Object.fromEntries(identityResourceTypes.map((t) => [t.type, t]));
  assert.equal(byType['aws.ec2.instance']!.tags(byType['aws.ec2.instance']!.example).owner, 'payments');
  assert.equal(byType['aws.eks.cluster']!.tags(byType['aws.eks.cluster']!.example).owner, 'platform');
  assert.equal(byType['aws.ecs.task-definition']!.tags(byType['aws.ecs.task-definition']!.example).owner, 'payments');
});

test('a node report ARN never equals its instance ARN (both are stored, keyed by ARN)', () => {
  const byType = Object.fromEntries(identityResourceTypes.map((t) => [t.type, t]));
  const inst = byType['aws.ec2.instance']!.identity({ InstanceId: 'i-1' }, where).arn;
  const rep = byType['aws.bottlerocket.node-report']!.identity({ InstanceId: 'i-1' }, where).arn;
  assert.notEqual(inst, rep);
});
