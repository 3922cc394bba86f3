import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Type } from '@sinclair/typebox';
import { aContext, aResource } from '../../testing/resource-fixture.js';
import { FilterRegistry } from '../filters/filter-registry.js';
import { OperatorRegistry } from '../operators/operator-registry.js';
import { CompileError } from './compile-error.js';
import { ConditionCompiler } from './condition-compiler.js';

const tagMissing = {
  name: 'tag-missing',
  description: 'The resource lacks a tag.',
  params: Type.Object({ key: Type.String() }),
  needs: ['aws.iam.user'],
  compile:
    ({ key }: { key: string }) =>
    (r: { tags: Record<string, string> }) =>
      key in r.tags ? null : [{ path: `tag:${key}`, expected: 'present', actual: null }],
  example: { filter: 'tag-missing', key: 'owner' },
};
const compiler = new ConditionCompiler(new OperatorRegistry(), new FilterRegistry([tagMissing]));
const ctx = aContext();
const judge = (where: unknown, config: Record<string, unknown>, params: Record<string, unknown> = {}, tags: Record<string, string> = {}) => {
  const r = aResource(config, { tags });
  return compiler.compile(where, params).test(r.config, r, ctx);
};

describe('field tests', () => {
  test('a scalar is eq, and evidence names path, expectation and actual value', () => {
    assert.equal(judge({ 'Versioning.Status': 'Suspended' }, { Versioning: { Status: 'Enabled' } }), null);
    assert.deepEqual(judge({ 'Versioning.Status': { ne: 'Enabled' } }, { Versioning: { Status: 'Suspended' } }), [
      { path: 'Versioning.Status', expected: '= Enabled', actual: 'Suspended' },
    ]);
  });

  test('missing fields: ne, not-in and absent match; comparisons do not', () => {
    assert.deepEqual(judge({ 'A.B': { ne: true } }, {}), [{ path: 'A.B', expected: '= true', actual: null }]);
    assert.ok(judge({ X: { 'not-in': ['a'] } }, {}));
    assert.ok(judge({ X: { absent: true } }, { X: null }));
    assert.equal(judge({ X: { exists: true } }, {}), null);
    assert.equal(judge({ X: { lt: 35 } }, {}), null);
    assert.equal(judge({ X: { 'age-days-gt': 1 } }, {}), null);
  });

  test('type mismatches never match', () => {
    assert.equal(judge({ X: { gt: 3 } }, { X: '4' }), null);
    assert.equal(judge({ X: { matches: '^4' } }, { X: 4 }), null);
    assert.equal(judge({ X: { contains: 'a' } }, { X: 1 }), null);
    assert.equal(judge({ X: { 'age-days-gt': 1 } }, { X: 'N/A' }), null);
  });

  test('several operators on one field must all hold; the expectation is their negation', () => {
    assert.deepEqual(judge({ R: { gte: 1, lt: 35 } }, { R: 7 }), [{ path: 'R', expected: '< 1 or ≥ 35', actual: 7 }]);
    assert.equal(judge({ R: { gte: 1, lt: 35 } }, { R: 0 }), null);
  });

  test('in, contains, matches, dates, age, size, not', () => {
    assert.ok(judge({ C: { in: ['public', 'private'] } }, { C: 'public' }));
    assert.ok(judge({ L: { contains: 'kms' } }, { L: ['kms', 's3'] }));
    assert.ok(judge({ P: { matches: '^TLS-1-0' } }, { P: 'TLS-1-0-2015-04' }));
    assert.ok(judge({ D: { lt: '2026-01-01' } }, { D: '2025-06-01T00:00:00Z' }));
    assert.ok(judge({ K: { 'age-days-gt': 90 } }, { K: '2026-01-01T00:00:00Z' }));
    assert.equal(judge({ K: { 'age-days-gt': 90 } }, { K: '2026-05-01T00:00:00Z' }), null);
    assert.ok(judge({ K: { 'age-days-lt': 30 } }, { K: '2026-05-20T00:00:00Z' }));
    assert.deepEqual(judge({ Rules: { size: 0 } }, {}), [{ path: 'Rules', expected: 'size ≠ 0', actual: null }]);
    assert.ok(judge({ Rules: { size: { lt: 2 } } }, { Rules: [1] }));
    assert.equal(judge({ Rules: { size: { lt: 2 } } }, { Rules: [1, 2] }), null);
    assert.ok(judge({ S: { not: { in: ['a', 'b'] } } }, { S: 'c' }));
    assert.equal(judge({ S: { not: { in: ['a', 'b'] } } }, { S: 'a' }), null);
    assert.ok(judge({ S: { not: true } }, { S: false }), 'not with a scalar reads as ne');
    assert.ok(judge({ S: { eq: { a: [1] } } }, { S: { a: [1] } }), 'deep equality');
  });

  test('tag: and $ paths read tags and resource facts', () => {
    assert.deepEqual(judge({ 'tag:owner': { absent: true } }, {}), [{ path: 'tag:owner', expected: 'present', actual: null }]);
    assert.equal(judge({ 'tag:owner': { absent: true } }, {}, {}, { owner: 'payments' }), null);
    assert.ok(judge({ $account: '111122223333', $region: { matches: '^eu-' } }, {}));
    assert.ok(judge({ '["a.b"].c': 1 }, { 'a.b': { c: 1 } }), 'quoted keys with dots');
  });
});

describe('arrays and quantifiers', () => {
  const sg = {
    IpPermissions: [
      { FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      { FromPort: 0, ToPort: 65535, IpRanges: [{ CidrIp: '10.0.0.0/8' }, { CidrIp: '0.0.0.0/0' }] },
    ],
  };
  const openSsh = {
    'IpPermissions[*]': { any: { all: [{ 'IpRanges[*].CidrIp': { 'cidr-contains': '0.0.0.0/0' } }, { FromPort: { lte: 22 } }, { ToPort: { gte: 22 } }] } },
  };

  test('a leaf test on a [*] path matches when any element does, naming the element', () => {
    assert.deepEqual(judge({ 'IpPermissions[*].IpRanges[*].CidrIp': '0.0.0.0/0' }, sg), [
      { path: 'IpPermissions[0].IpRanges[0].CidrIp', expected: '≠ 0.0.0.0/0', actual: '0.0.0.0/0' },
      { path: 'IpPermissions[1].IpRanges[1].CidrIp', expected: '≠ 0.0.0.0/0', actual: '0.0.0.0/0' },
    ]);
  });

  test('any with a condition relative to the element; evidence paths are absolute', () => {
    const ev = judge(openSsh, sg);
    assert.ok(ev);
    assert.deepEqual(
      ev.map((e) => e.path),
      ['IpPermissions[1].IpRanges[1].CidrIp', 'IpPermissions[1].FromPort', 'IpPermissions[1].ToPort'],
    );
    assert.equal(judge(openSsh, { IpPermissions: [sg.IpPermissions[0]] }), null);
  });

  test('all over elements, and the vacuous truth of all over nothing', () => {
    const short = { 'Rules[*]': { all: { 'Lifecycle.DeleteAfterDays': { lt: 35 } } } };
    assert.ok(judge(short, { Rules: [{ Lifecycle: { DeleteAfterDays: 7 } }, { Lifecycle: { DeleteAfterDays: 1 } }] }));
    assert.equal(judge(short, { Rules: [{ Lifecycle: { DeleteAfterDays: 7 } }, { Lifecycle: { DeleteAfterDays: 40 } }] }), null);
    assert.ok(judge(short, { Rules: [] }), 'all over an empty list is true');
  });

  test('none over scalars, also on a plain path that names an array', () => {
    const noOwner = { 'TagSet[*].Key': { none: { eq: 'owner' } } };
    assert.equal(judge(noOwner, { TagSet: [{ Key: 'owner', Value: 'x' }] }), null);
    assert.deepEqual(judge(noOwner, { TagSet: [{ Key: 'env', Value: 'x' }] }), [
      { path: 'TagSet[*].Key', expected: 'an element = owner', actual: 'none of 1' },
    ]);
    assert.ok(judge(noOwner, {}), 'no tags at all has no owner tag');
    assert.ok(judge({ Regions: { none: 'eu-west-2' } }, { Regions: ['eu-west-1'] }));
  });

  test('any over an empty or missing array does not match; presence tests on [*] paths do', () => {
    assert.equal(judge({ 'Rules[*].X': { eq: 1 } }, { Rules: [] }), null);
    assert.equal(judge({ 'Rules[*].X': { ne: 1 } }, {}), null);
    assert.ok(judge({ 'Rules[*].X': { absent: true } }, {}));
  });
});

describe('boolean forms, parameters and filters', () => {
  test('all / any / none / not, and a field map is an implicit all', () => {
    assert.ok(judge({ any: [{ A: 1 }, { B: 2 }] }, { B: 2 }));
    assert.equal(judge({ all: [{ A: 1 }, { B: 2 }] }, { B: 2 }), null);
    assert.ok(judge({ A: 1, B: 2 }, { A: 1, B: 2 }));
    assert.equal(judge({ A: 1, B: 2 }, { A: 1 }), null);
    assert.deepEqual(judge({ not: { A: 1 } }, { A: 2 }), [{ path: 'A', expected: 'A = 1', actual: 'not met' }]);
    assert.ok(judge({ none: [{ A: 1 }, { B: 2 }] }, {}));
    assert.equal(judge({ none: [{ A: 1 }, { B: 2 }] }, { B: 2 }), null);
  });

  test('{ param: name } takes the value given at compile time', () => {
    const where = { Retention: { lt: { param: 'min' } } };
    assert.ok(judge(where, { Retention: 30 }, { min: 35 }));
    assert.equal(judge(where, { Retention: 30 }, { min: 30 }), null);
  });

  test('named filters run with their params and declare what they need', () => {
    const c = compiler.compile({ filter: 'tag-missing', key: 'owner' });
    assert.deepEqual(c.needs, ['aws.iam.user']);
    const r = aResource({});
    assert.deepEqual(c.test(r.config, r, ctx), [{ path: 'tag:owner', expected: 'present', actual: null }]);
  });

  test('compile errors carry the path of the offending node', () => {
    const err = (where: unknown, params = {}): CompileError => {
      try {
        compiler.compile(where, params);
      } catch (e) {
        assert.ok(e instanceof CompileError, String(e));
        return e;
      }
      assert.fail('expected a CompileError');
    };
    let e = err({ all: [{ A: 1 }, { B: { eqq: 1 } }] });
    assert.deepEqual(e.path, ['all', 1, 'B', 'eqq']);
    assert.match(e.message, /unknown operator "eqq"/);
    e = err({ A: { gt: 'abc' } });
    assert.deepEqual(e.path, ['A', 'gt']);
    e = err({ A: { lt: { param: 'nope' } } });
    assert.match(e.message, /unknown parameter "nope"/);
    e = err({ filter: 'tag-missing' });
    assert.match(e.message, /key/);
    e = err({ filter: 'nope' });
    assert.deepEqual(e.path, ['filter']);
    e = err({ 'A..B': 1 });
    assert.match(e.message, /empty field name/);
    e = err({ any: [] });
    assert.match(e.message, /non-empty list/);
    e = err({ A: [1, 2] });
    assert.match(e.message, /in: \[a, b\]/);
    e = err({ $nope: 1 });
    assert.match(e.message, /unknown resource field/);
  });
});
