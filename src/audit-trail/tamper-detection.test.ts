// Quality bar: on a real SQLite file and a real PostgreSQL schema, 1,000 random tamperings each — one
// byte flipped in one column of one record, one record deleted, or two records swapped, at random
// positions — are every one caught by `audit verify` (verifyStoredChain). Tampering is raw SQL as
// someone with the database owner's rights would do it (the append-only triggers dropped first).
// One database per backend: tamper, verify, restore, 1,000 times.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { signingKeyFromPem } from '../audit/checkpoint-signature.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import { skipOrFail } from '../testing/skip-or-fail.js';
import { verifyChainRange } from './chain-range.js';
import { verifyStoredChain, verifyStoredChainInRanges } from './stored-chain-verifier.js';

const TRIALS = 1_000;
const EVENTS = 200;
const PG_URL = process.env['VIGIL_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const COLUMNS = ['prev_hash', 'hash', 'type', 'subject_kind', 'subject_id', 'actor', 'at', 'data'] as const;
type Row = Record<(typeof COLUMNS)[number] | 'seq', string | number>;

/** Raw access to the audit table, as an attacker with the owner's rights has it. */
interface RawTable {
  row(seq: number): Promise<Row>;
  put(row: Row): Promise<void>;
  remove(seq: number): Promise<void>;
  /** Whether a column's text is valid after an edit (PostgreSQL's jsonb only takes JSON). */
  accepts(column: string, text: string): boolean;
}

/** mulberry32: a seeded PRNG, so a failure reproduces with the printed seed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const fill = async (store: Store) => {
  await store.migrate();
  const events = Array.from({ length: EVENTS }, (_, i) => ({
    type: i % 3 ? 'violation.opened' : 'violation.resolved',
    subjectKind: 'violation' as const,
    subjectId: `v-${i}`,
    actor: i % 2 ? 'scanner' : 'manager',
    at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    data: { n: i, policyId: `p-${i % 7}`, evidence: [{ path: 'A.B', actual: i % 5 === 0 ? null : `x${i}` }] },
  }));
  for (let i = 0; i < EVENTS; i += 50) await store.audit.append(events.slice(i, i + 50));
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = signingKeyFromPem(pem, 'test');
  // A signed checkpoint mid-chain, as a scan would leave one.
  const headHash = (await store.audit.chain(EVENTS / 2 - 1, 1))[0]!.hash;
  const cpAt = '2026-01-02T00:00:00.000Z';
  await store.checkpoints.add({ seq: EVENTS / 2, headHash, at: cpAt, ...key.sign({ seq: EVENTS / 2, headHash, at: cpAt }) });
  return key.publicKey;
};

const runTrials = async (store: Store, raw: RawTable, seed: number) => {
  const publicKey = await fill(store);
  // Both ways `audit verify` reads the chain: streamed in order, and cut into ranges verified at once
  // (here 3 ranges in this thread, pages of 37 so page and range edges fall everywhere), then stitched.
  const sequential = () => verifyStoredChain(store.audit, store.checkpoints, { publicKey, pageSize: 1_000 });
  const inRanges = () => verifyStoredChainInRanges(store.audit, store.checkpoints, { publicKey, ranges: 3, runRange: (r, want) => verifyChainRange(store.audit, r, want, 37) });
  const verify = async () => {
    const [a, b] = await Promise.all([sequential(), inRanges()]);
    assert.equal(a.ok, b.ok, `the two verifiers disagree: ${JSON.stringify(a.firstBreak)} vs ${JSON.stringify(b.firstBreak)}`);
    if (!a.ok) assert.equal(b.firstBreak!.seq, a.firstBreak!.seq, `both name the same first broken record: ${JSON.stringify(a.firstBreak)} vs ${JSON.stringify(b.firstBreak)}`);
    return a;
  };
  assert.equal((await verify()).ok, true, 'the untouched chain verifies');
  const rand = prng(seed);
  const pick = (n: number) => Math.floor(rand() * n);
  const seen = { flip: 0, delete: 0, swap: 0 };
  for (let trial = 0; trial < TRIALS; trial++) {
    const kind = (['flip', 'delete', 'swap'] as const)[pick(3)]!;
    const a = 1 + pick(EVENTS);
    const original = await raw.row(a);
    const touched: Row[] = [original];
    let what = '';
    if (kind === 'flip') {
      for (;;) {
        const column = COLUMNS[pick(COLUMNS.length)]!;
        const text = String(original[column]);
        const pos = pick(text.length);
        const flipped = String.fromCharCode(text.charCodeAt(pos) ^ (1 << pick(5)));
        const edited = text.slice(0, pos) + flipped + text.slice(pos + 1);
        if (edited === text || !raw.accepts(column, edited)) continue;
        await raw.put({ ...original, [column]: edited });
        what = `flip ${column}[${pos}] of seq ${a}`;
        break;
      }
    } else if (kind === 'delete') {
      await raw.remove(a);
      what = `delete seq ${a}`;
    } else {
      let b = 1 + pick(EVENTS);
      while (b === a) b = 1 + pick(EVENTS);
      const other = await raw.row(b);
      touched.push(other);
      await raw.put({ ...other, seq: a });
      await raw.put({ ...original, seq: b });
      what = `swap seq ${a} and ${b}`;
    }
    seen[kind]++;
    const report = await verify();
    assert.equal(report.ok, false, `trial ${trial} (seed ${seed}): ${what} went undetected`);
    for (const r of touched) await raw.put(r);
    if (trial % 100 === 99) assert.equal((await verify()).ok, true, `restored after trial ${trial}`);
  }
  return seen;
};

describe('audit verify detects tampering', () => {
  it(`on SQLite: ${TRIALS} random byte flips, deletions and swaps, all detected`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-tamper-'));
    const file = join(dir, 'vigil.db');
    const store = openSqliteStore({ file });
    const db = new Database(file);
    try {
      await store.migrate();
      db.exec('drop trigger audit_events_no_update; drop trigger audit_events_no_delete');
      const cols = ['seq', ...COLUMNS];
      const insert = db.prepare(`insert or replace into audit_events (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
      const raw: RawTable = {
        row: async (seq) => db.prepare('select * from audit_events where seq = ?').get(seq) as Row,
        put: async (row) => void insert.run(...cols.map((c) => row[c as keyof Row])),
        remove: async (seq) => void db.prepare('delete from audit_events where seq = ?').run(seq),
        accepts: () => true,
      };
      const seen = await runTrials(store, raw, 20261203);
      assert.ok(seen.flip > 250 && seen.delete > 250 && seen.swap > 250, JSON.stringify(seen));
    } finally {
      db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`on PostgreSQL: ${TRIALS} random byte flips, deletions and swaps, all detected`, async (t: TestContext) => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 10_000 });
    try {
      await client.connect();
    } catch (e) {
      return skipOrFail(t, `PostgreSQL unreachable at ${PG_URL} (${(e as Error).message}); start it or set VIGIL_TEST_PG_URL`);
    }
    const schema = `vigil_tamper_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const store = openPostgresStore({ connectionString: PG_URL, schema, maxConnections: 2 });
    try {
      await store.migrate();
      await client.query(`set search_path = ${schema}`);
      await client.query('alter table audit_events disable trigger user');
      const cols = ['seq', ...COLUMNS];
      const raw: RawTable = {
        row: async (seq) => (await client.query(`select seq::int as seq, ${COLUMNS.map((c) => (c === 'data' ? 'data::text as data' : c)).join(',')} from audit_events where seq = $1`, [seq])).rows[0] as Row,
        put: async (row) => {
          await client.query(
            `insert into audit_events (${cols.join(',')}) values (${cols.map((c, i) => (c === 'data' ? `$${i + 1}::jsonb` : `$${i + 1}`)).join(',')})
             on conflict (seq) do update set ${COLUMNS.map((c) => `${c} = excluded.${c}`).join(',')}`,
            cols.map((c) => row[c as keyof Row]),
          );
        },
        remove: async (seq) => void (await client.query('delete from audit_events where seq = $1', [seq])),
        accepts: (column, text) => {
          if (column !== 'data') return true;
          try {
            JSON.parse(text);
            return true;
          } catch {
            return false;
          }
        },
      };
      const seen = await runTrials(store, raw, 42);
      assert.ok(seen.flip > 250 && seen.delete > 250 && seen.swap > 250, JSON.stringify(seen));
    } finally {
      await store.close();
      await client.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
      await client.end();
    }
  });
});
