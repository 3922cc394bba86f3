import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import Assembler from 'stream-json/assembler.js';
import { parser } from 'stream-json';

/** What a delivery file yields, in order: its top-level scalar fields and each configuration item. */
export type DeliveryEntry = { kind: 'header'; key: string; value: unknown } | { kind: 'item'; index: number; value: unknown };

type Token = { name: string; value?: unknown };

const GZIP_MAGIC = 0x1f8b;

/** Waits until a writable wants more, or is gone (a reader that stopped early must not hang the pump). */
const drained = (w: NodeJS.WritableStream & { destroyed?: boolean }): Promise<void> =>
  new Promise((r) => {
    w.once('drain', r);
    w.once('close', r);
  });

/** Gunzips when the first two bytes say gzip (AWS delivers `.json.gz`; people also unpack them). */
const maybeGunzip = async function* (input: Readable): AsyncIterable<Buffer> {
  let gunzip: ReturnType<typeof createGunzip> | undefined;
  const source = input[Symbol.asyncIterator]();
  const head = await source.next();
  if (head.done) return;
  const chunk = head.value as Buffer;
  if (chunk.length >= 2 && chunk.readUInt16BE(0) === GZIP_MAGIC) gunzip = createGunzip();
  if (!gunzip) {
    yield chunk;
    for (let n = await source.next(); !n.done; n = await source.next()) yield n.value as Buffer;
    return;
  }
  const g = gunzip;
  const feed = (async () => {
    try {
      g.write(chunk);
      for (let n = await source.next(); !n.done; n = await source.next()) {
        if (g.destroyed) break;
        if (!g.write(n.value)) await drained(g);
      }
      g.end();
    } catch (e) {
      g.destroy(e as Error);
    }
  })();
  for await (const out of g) yield out as Buffer;
  await feed;
};

/**
 * Streams one AWS Config delivery file (snapshot or history, gzipped or not): `{ "fileVersion": "1.0",
 * "configSnapshotId": …, "configurationItems": [ … ] }`. Items are assembled one at a time from the
 * parser's tokens, so a snapshot of hundreds of MB never sits in memory; throws on invalid gzip/JSON
 * (items already yielded stay yielded). `skipItem(resourceType)` leaves out items the caller does not
 * want without assembling them (a scan reads the source once per evaluation pass, each for some types).
 *
 * @example
 * for await (const e of readConfigDelivery(createReadStream('snapshot.json.gz'))) if (e.kind === 'item') handle(e.value);
 */
export async function* readConfigDelivery(input: Readable, skipItem?: (resourceType: string) => boolean): AsyncIterable<DeliveryEntry> {
  const tokens = parser.asStream({ packValues: true, streamValues: false });
  let bytes = 0;
  const pump = (async () => {
    try {
      for await (const chunk of maybeGunzip(input)) {
        if (tokens.destroyed) break;
        bytes += chunk.length;
        if (!tokens.write(chunk)) await drained(tokens);
      }
      tokens.end();
    } catch (e) {
      tokens.destroy(e as Error);
    }
  })();
  // Tokens are handled synchronously as they arrive ('data'), and only whole entries cross to the
  // async consumer: an await per token would cost more than the parsing itself.
  const ready: DeliveryEntry[] = [];
  let head = 0;
  let depth = 0;
  let key: string | undefined;
  let inItems = false;
  let skipDepth = 0;
  let index = 0;
  let asm: Assembler | undefined;
  let sawTop = false;
  let failure: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  // Inside an item: its nesting depth, whether the next string is its resourceType, and whether the
  // rest of it is skipped (a type the caller does not want: never assembled).
  let itemDepth = 0;
  let typeNext = false;
  let skippingItem = false;
  const handle = (tok: Token): void => {
    if (asm || skippingItem) {
      const opens = tok.name === 'startObject' || tok.name === 'startArray';
      const closes = tok.name === 'endObject' || tok.name === 'endArray';
      if (skipItem && itemDepth === 1 && !skippingItem) {
        if (tok.name === 'keyValue') typeNext = tok.value === 'resourceType';
        else if (typeNext && tok.name === 'stringValue' && skipItem(String(tok.value))) {
          skippingItem = true;
          asm = undefined;
        } else typeNext = false;
      }
      if (opens) itemDepth++;
      else if (closes) itemDepth--;
      if (skippingItem) {
        if (itemDepth === 0) {
          skippingItem = false;
          index++;
        }
        return;
      }
      asm!.consume(tok as never);
      if (asm!.done) {
        ready.push({ kind: 'item', index: index++, value: asm!.current });
        asm = undefined;
      }
      return;
    }
    if (skipDepth > 0) {
      if (tok.name === 'startObject' || tok.name === 'startArray') skipDepth++;
      else if (tok.name === 'endObject' || tok.name === 'endArray') skipDepth--;
      return;
    }
    if (inItems) {
      if (tok.name === 'endArray') {
        inItems = false;
        return;
      }
      asm = new Assembler();
      itemDepth = tok.name === 'startObject' || tok.name === 'startArray' ? 1 : 0;
      typeNext = false;
      asm.consume(tok as never);
      if (asm.done) {
        ready.push({ kind: 'item', index: index++, value: asm.current });
        asm = undefined;
      }
      return;
    }
    if (depth === 0) {
      if (tok.name !== 'startObject') throw new Error('the file is not a JSON object (expected {"configurationItems": [...]})');
      depth = 1;
      sawTop = true;
      return;
    }
    if (tok.name === 'keyValue') {
      key = String(tok.value);
      return;
    }
    if (tok.name === 'endObject') {
      depth = 0;
      return;
    }
    if (key === 'configurationItems' && tok.name === 'startArray') inItems = true;
    else if (tok.name === 'startObject' || tok.name === 'startArray') skipDepth = 1;
    else if (key !== undefined) ready.push({ kind: 'header', key, value: tok.name === 'stringValue' ? tok.value : tok.name === 'numberValue' ? Number(tok.value) : tok.name === 'trueValue' ? true : tok.name === 'falseValue' ? false : null });
    key = undefined;
  };
  tokens.on('data', (tok: Token) => {
    try {
      handle(tok);
    } catch (e) {
      failure = e as Error;
      tokens.destroy();
    }
    if (ready.length - head >= 256) {
      tokens.pause();
      signal();
    }
  });
  tokens.once('error', (e: Error) => {
    // The parser's own messages ("Parser has expected a value") do not say it is about JSON.
    const parse = /^Parser /.test(e.message);
    failure ??= parse && bytes === 0 ? new Error('the file is empty') : parse ? new Error(`not valid JSON: ${e.message}`) : e;
    signal();
  });
  tokens.once('end', () => {
    ended = true;
    signal();
  });
  tokens.once('close', () => {
    ended = true;
    signal();
  });
  try {
    for (;;) {
      while (head < ready.length) {
        const entry = ready[head++] as DeliveryEntry;
        if (head === ready.length) {
          ready.length = 0;
          head = 0;
        }
        yield entry;
      }
      if (failure) throw failure;
      if (ended) break;
      const next = new Promise<void>((r) => (wake = r));
      if (tokens.isPaused()) tokens.resume();
      await next;
    }
    if (failure) throw failure;
    if (!sawTop) throw new Error('the file is empty');
  } finally {
    if (!tokens.writableFinished || !ended) {
      tokens.destroy();
      input.destroy();
    }
    await pump;
  }
}
