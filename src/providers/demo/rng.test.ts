import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng, hashIndex, hashString, hex8 } from './rng.js';

test('Rng.keyed(hashString(prefix), i) is the same generator as new Rng(prefix + i)', () => {
  const prefix = '42/aws.s3.bucket/123456789012/eu-west-1/';
  for (const i of [0, 7, 9, 10, 99, 100, 12_345, 999_999, 1_000_000, 2 ** 40]) {
    const a = new Rng(`${prefix}${i}`);
    const b = Rng.keyed(hashString(prefix), i);
    assert.deepEqual([b.next(), b.int(1, 6), b.hex(19), b.upper(5)], [a.next(), a.int(1, 6), a.hex(19), a.upper(5)], `index ${i}`);
  }
});

test('hashing continues across calls and over index digits', () => {
  assert.equal(hashString('cd', hashString('ab')), hashString('abcd'));
  for (const i of [0, 5, 10, 1234567, -3, 1.5]) assert.equal(hashIndex(hashString('x/'), i), hashString(`x/${i}`), String(i));
});

test('hex ids are lowercase, of the asked length, and differ between keys', () => {
  assert.equal(hex8(0), '00000000');
  assert.equal(hex8(0xdeadbeef), 'deadbeef');
  const ids = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const id = new Rng(`k/${i}`).hex(17);
    assert.match(id, /^[0-9a-f]{17}$/);
    ids.add(id);
  }
  assert.equal(ids.size, 1000);
});
