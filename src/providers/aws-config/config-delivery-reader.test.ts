import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { readConfigDelivery, type DeliveryEntry } from './config-delivery-reader.js';

const read = async (bytes: Buffer, chunk = 5): Promise<DeliveryEntry[]> => {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  const out: DeliveryEntry[] = [];
  for await (const e of readConfigDelivery(Readable.from(parts))) out.push(e);
  return out;
};

const DOC = JSON.stringify({ fileVersion: '1.0', configSnapshotId: 'snap-1', configurationItems: [{ a: 1, b: { c: [1, 'x', null] } }, 'odd', { d: true }], extra: { nested: [1, { x: 2 }] }, after: 3 });

describe('readConfigDelivery', () => {
  it('yields the header fields and each item, the same from plain and gzipped bytes cut anywhere', async () => {
    const expected: DeliveryEntry[] = [
      { kind: 'header', key: 'fileVersion', value: '1.0' },
      { kind: 'header', key: 'configSnapshotId', value: 'snap-1' },
      { kind: 'item', index: 0, value: { a: 1, b: { c: [1, 'x', null] } } },
      { kind: 'item', index: 1, value: 'odd' },
      { kind: 'item', index: 2, value: { d: true } },
      { kind: 'header', key: 'after', value: 3 },
    ];
    assert.deepEqual(await read(Buffer.from(DOC)), expected);
    assert.deepEqual(await read(gzipSync(DOC), 3), expected);
    assert.deepEqual(await read(gzipSync(DOC), 100_000), expected);
  });

  it('keeps what it read before a broken file and then says why it stopped', async () => {
    const got: DeliveryEntry[] = [];
    await assert.rejects(async () => {
      for await (const e of readConfigDelivery(Readable.from([Buffer.from('{"configurationItems": [{"a": 1}, {"b": ')]))) got.push(e);
    });
    assert.deepEqual(got, [{ kind: 'item', index: 0, value: { a: 1 } }]);
    await assert.rejects(read(Buffer.from('{"configurationItems": [}')), /^Error: not valid JSON: /);
    await assert.rejects(read(gzipSync(DOC).subarray(0, 30)), /unexpected end of file/);
    await assert.rejects(read(Buffer.from('[1, 2]')), /not a JSON object/);
    await assert.rejects(read(Buffer.from('')), /empty/);
  });

  it('stops cleanly when the reader stops early (no hanging pump)', async () => {
    const many = JSON.stringify({ configurationItems: Array.from({ length: 5_000 }, (_, i) => ({ i })) });
    let n = 0;
    for await (const e of readConfigDelivery(Readable.from([gzipSync(many)]))) if (e.kind === 'item' && ++n === 10) break;
    assert.equal(n, 10);
  });
});

describe('readConfigDelivery with skipItem', () => {
  it('leaves out the items of unwanted types (keeping the indexes of the others), whatever their shape', async () => {
    const doc = JSON.stringify({
      configurationItems: [
        { resourceType: 'AWS::SNS::Topic', configuration: { a: [1, { b: 2 }] } },
        { configuration: { deep: { x: [] } }, resourceType: 'AWS::S3::Bucket', tags: {} },
        { resourceType: 'AWS::SNS::Topic', supplementaryConfiguration: {}, more: [[1], { y: 'AWS::S3::Bucket' }] },
        'not an object',
        { nested: { resourceType: 'AWS::SNS::Topic' }, resourceType: 'AWS::EC2::Volume' },
      ],
    });
    const out: DeliveryEntry[] = [];
    for await (const e of readConfigDelivery(Readable.from([gzipSync(doc)]), (t) => t === 'AWS::SNS::Topic')) out.push(e);
    assert.deepEqual(out.map((e) => (e.kind === 'item' ? e.index : -1)), [1, 3, 4]);
    assert.deepEqual((out[2] as { value: unknown }).value, { nested: { resourceType: 'AWS::SNS::Topic' }, resourceType: 'AWS::EC2::Volume' }, 'a nested resourceType is not the item\'s');
  });
});
