import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitByType } from './producer-split.js';

const sizes = new Map([
  ['aws.s3.bucket', 400],
  ['aws.logs.log-group', 300],
  ['aws.ec2.instance', 100],
  ['aws.backup.recovery-point', 50],
  ['aws.rds.db-instance', 20],
]);
const together = ['aws.backup.recovery-point', 'aws.rds.db-instance'];

test('each type is collected by exactly one producer, and the types judged against the preload stay with the first', () => {
  const [first, ...others] = splitByType({}, sizes, together, 2);
  assert.equal(others.length, 1);
  const second = others[0]!.types!;
  assert.deepEqual(new Set(first!.excludeTypes), new Set(second), 'the first leaves out exactly what the other collects');
  for (const t of together) assert.ok(!second.includes(t), `${t} is judged after the preload, in the first producer`);
  assert.ok(second.length > 0 && second.length < sizes.size - together.length, 'both producers get streamed types');
  assert.equal(others[0]!.reportQuarantine, false, 'only the first reports quarantined records');
});

test('a request narrowed to some types splits only those, and keeps its other fields', () => {
  const request = { accountIds: ['123456789012'], types: ['aws.s3.bucket', 'aws.ec2.instance'] };
  const shares = splitByType(request, sizes, together, 2);
  const collected = shares.flatMap((s) => s.types!.filter((t) => !s.excludeTypes?.includes(t)));
  assert.deepEqual(collected.sort(), ['aws.ec2.instance', 'aws.s3.bucket']);
  for (const s of shares) assert.deepEqual(s.accountIds, ['123456789012']);
});

test('nothing to split: one producer, a source that cannot size its types, or a single type', () => {
  assert.deepEqual(splitByType({ regions: ['eu-west-1'] }, sizes, together, 1), [{ regions: ['eu-west-1'] }]);
  assert.deepEqual(splitByType({}, undefined, together, 2), [{}]);
  assert.deepEqual(splitByType({ types: ['aws.backup.recovery-point'] }, sizes, together, 2), [{ types: ['aws.backup.recovery-point'] }]);
});
