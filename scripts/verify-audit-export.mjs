#!/usr/bin/env node
// Verifies a Vigil audit export (JSON Lines from `vigil audit export`) offline, with nothing but Node
// (18+) and the organisation's Ed25519 public key. No dependencies, no access to Vigil's database.
//
//   node verify-audit-export.mjs <export.jsonl> <public-key.pem>
//
// It recomputes every event's hash from its content and its predecessor's hash, starting at the
// anchor record; checks every signed checkpoint against the public key and against the hash of the
// event at its seq; and prints the first broken record and why. Exit 0 when everything verifies,
// 1 when something does not, 2 on bad usage. The formats are specified in docs/audit.md.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [file, keyFile] = process.argv.slice(2);
if (!file || !keyFile) {
  console.error('usage: node verify-audit-export.mjs <export.jsonl> <public-key.pem>');
  process.exit(2);
}

const publicKey = createPublicKey(readFileSync(keyFile));
const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);

// JSON with object keys sorted at every level: the text Vigil hashed.
const canonical = (v) => JSON.stringify(sortKeys(v));
const sortKeys = (v) => {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
};
const sha256 = (...parts) => createHash('sha256').update(parts.join('\u0000')).digest('hex');
const eventHash = (e) => sha256(e.prevHash, String(e.seq), e.at, e.type, e.subjectKind, e.subjectId, e.actor, canonical(e.data));
const payload = (c) => ['vigil-audit-checkpoint/1', String(c.seq), c.headHash, c.at, c.keyId].join('\n');

const fail = (seq, reason, detail) => {
  console.log(`BROKEN at seq ${seq}: ${reason} — ${detail}`);
  process.exit(1);
};

let anchor;
let expectedSeq;
let head;
let end;
const hashes = new Map(); // seq -> hash, only for seqs a checkpoint may name (filled lazily below)
const checkpoints = [];
let events = 0;
let lineNo = 0;

for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
  lineNo++;
  if (!line.trim()) continue;
  let r;
  try {
    r = JSON.parse(line);
  } catch (e) {
    fail('?', 'unreadable', `line ${lineNo} is not JSON (${e.message})`);
  }
  if (end) fail('?', 'trailing', `line ${lineNo} follows the end record`);
  if (r.record === 'header') continue;
  if (r.record === 'anchor') {
    anchor = r;
    expectedSeq = r.seq + 1;
    head = r.hash;
    hashes.set(r.seq, r.hash);
    continue;
  }
  if (r.record === 'event') {
    if (!anchor) fail(r.seq, 'unanchored', `line ${lineNo}: an event before the anchor record`);
    if (r.seq < expectedSeq) fail(r.seq, 'reordered', `seq ${r.seq} after ${expectedSeq - 1}`);
    if (r.seq > expectedSeq) fail(expectedSeq, 'missing', `${r.seq - expectedSeq} record(s) missing before seq ${r.seq}`);
    if (r.prevHash !== head) fail(r.seq, 'unlinked', `prevHash is not the previous record's hash`);
    const h = eventHash(r);
    if (h !== r.hash) fail(r.seq, 'changed', `content hashes to ${h.slice(0, 12)}…, record says ${r.hash.slice(0, 12)}…`);
    head = r.hash;
    hashes.set(r.seq, r.hash);
    expectedSeq++;
    events++;
    continue;
  }
  if (r.record === 'checkpoint') {
    checkpoints.push(r);
    continue;
  }
  if (r.record === 'end') {
    end = r;
    continue;
  }
  fail('?', 'unknown', `line ${lineNo}: unknown record "${r.record}"`);
}

if (!end) fail(expectedSeq ?? '?', 'truncated', 'the export has no end record (cut short?)');
if (end.events !== events) fail(expectedSeq ?? '?', 'truncated', `the end record counts ${end.events} events, the file holds ${events}`);
if (end.checkpoints !== checkpoints.length) fail('?', 'missing', `the end record counts ${end.checkpoints} checkpoints, the file holds ${checkpoints.length}`);

let signedUpTo = anchor ? anchor.seq : 0;
for (const c of checkpoints) {
  if (c.keyId !== keyId) fail(c.seq, 'bad signature', `checkpoint signed by key ${c.keyId}, the given public key is ${keyId}`);
  if (!verify(null, Buffer.from(payload(c)), publicKey, Buffer.from(c.signature, 'base64'))) fail(c.seq, 'bad signature', 'the checkpoint signature does not verify');
  if (hashes.get(c.seq) !== c.headHash) fail(c.seq, 'changed', 'the record hash differs from the signed checkpoint');
  signedUpTo = Math.max(signedUpTo, c.seq);
}

const last = anchor ? expectedSeq - 1 : null;
console.log(`OK: ${events} events (seq ${anchor ? anchor.seq + 1 : '-'}..${last ?? '-'}) link from the anchor; ${checkpoints.length} checkpoint(s) signed by key ${keyId} verify.`);
if (events > 0 && signedUpTo < last) {
  console.log(`NOTE: events after seq ${signedUpTo} are linked but no checkpoint in this export signs them; export up to a checkpoint to cover them.`);
}
process.exit(0);
