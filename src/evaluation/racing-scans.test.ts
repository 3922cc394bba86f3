// Two scans of one estate racing on one database, as two overlapping cron jobs would: separate
// processes (the built CLI), on SQLite and on PostgreSQL. Whatever the interleaving, no update is
// lost (the store ends as one sequential scan leaves it), no transition is recorded twice, and the
// audit chain verifies from its first record to its last.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { AuditChainVerifier } from '../audit/audit-chain-verifier.js';
import { openStore } from '../store/open-store.js';
import { LIVE_STATES } from '../violations/violation.js';
import { builtCliProblem, startBuiltCli } from '../testing/built-cli.js';
import { tempDir } from '../testing/cli-harness.js';
import { skipOrFail } from '../testing/skip-or-fail.js';

const PG_URL = process.env['VIGIL_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const ACCOUNT = '111122223333';

/** 300 buckets; `round` flips which ones keep versions, so a rescan resolves some and opens others. */
const inventory = (round: number): string =>
  Array.from({ length: 300 }, (_, i) => {
    const versioned = (i + round * 7) % 3 !== 0;
    return JSON.stringify({
      type: 'aws.s3.bucket', accountId: ACCOUNT, region: 'eu-west-1', tags: { owner: 'data' },
      config: { Name: `race-${i}`, Versioning: { Status: versioned ? 'Enabled' : 'Suspended' } },
    });
  }).join('\n');

const pgProblem = async (): Promise<string | undefined> => {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 10_000 });
  try {
    await c.connect();
    return undefined;
  } catch (e) {
    return `PostgreSQL unreachable at ${PG_URL}: ${(e as Error).message}; start it or set VIGIL_TEST_PG_URL`;
  } finally {
    await c.end().catch(() => undefined);
  }
};

describe('racing scans on one database', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const schemas: string[] = [];
  before(async () => {
    dir = await tempDir('vigil-race-');
    await writeFile(join(dir.path, 'v1.jsonl'), inventory(1));
    await writeFile(join(dir.path, 'v2.jsonl'), inventory(2));
  });
  after(async () => {
    await dir?.cleanup();
    if (schemas.length === 0) return;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    for (const s of schemas) await c.query(`drop schema if exists ${s} cascade`);
    await c.end();
  });

  const scan = (db: string, file: string) => startBuiltCli(['scan', '--source', `file:${join(dir.path, file)}`, '--db', db, '--format', 'json', '--output', join(dir.path, `${randomUUID()}.json`)], { cwd: dir.path });

  const state = async (db: string) => {
    const store = await openStore({ url: db });
    try {
      const violations = await store.violations.list({ limit: 100_000 });
      const events = await store.audit.list({ limit: 1_000_000 });
      const verifier = new AuditChainVerifier();
      for (const e of events) verifier.push(e);
      return {
        live: violations.filter((v) => LIVE_STATES.includes(v.state)).map((v) => `${v.id} ${v.state}`).sort(),
        resolved: violations.filter((v) => v.state === 'resolved').map((v) => v.id).sort(),
        events,
        chain: verifier.verdict(),
      };
    } finally {
      await store.close();
    }
  };

  const race = async (t: import('node:test').TestContext, dbFor: (name: string) => string) => {
    const problem = builtCliProblem();
    if (problem) return skipOrFail(t, problem);
    // The reference: the same two scans, one after the other.
    const ref = dbFor('ref');
    for (const f of ['v1.jsonl', 'v2.jsonl']) assert.equal(await scan(ref, f).exited, 0);
    const expected = await state(ref);
    assert.ok(expected.live.length > 50 && expected.resolved.length > 50, 'the second round resolves some and opens others');

    for (let round = 0; round < 3; round++) {
      const db = dbFor(`race${round}`);
      assert.equal(await scan(db, 'v1.jsonl').exited, 0);
      const a = scan(db, 'v2.jsonl');
      const b = scan(db, 'v2.jsonl');
      const codes = [await a.exited, await b.exited];
      // A scan that loses an optimistic-version race may stop with a conflict; it must say so, and one must win.
      assert.ok(codes.includes(0), `neither racing scan finished: ${a.stderr()} ${b.stderr()}`);
      for (const [i, c] of codes.entries()) if (c !== 0) assert.match([a, b][i]!.stderr(), /conflict|changed by another/i);
      const got = await state(db);
      assert.deepEqual(got.live, expected.live, 'the live violations are what one scan leaves');
      assert.deepEqual(got.resolved, expected.resolved);
      assert.deepEqual([got.chain.ok, got.chain.checked], [true, got.events.length], JSON.stringify(got.chain.firstBreak));
      const transitions = got.events.filter((e) => e.type === 'violation.opened' || e.type === 'violation.resolved').map((e) => `${e.type} ${e.subjectId}`);
      assert.equal(new Set(transitions).size, transitions.length, 'no transition recorded twice');
    }
  };

  it('on SQLite (two processes, one file)', async (t) => race(t, (name) => join(dir.path, `${name}.db`)));

  it('on PostgreSQL (two processes, one schema)', async (t) => {
    const problem = await pgProblem();
    if (problem) return skipOrFail(t, problem);
    await race(t, (name) => {
      const schema = `vigil_race_${name}_${randomUUID().replaceAll('-', '').slice(0, 10)}`;
      schemas.push(schema);
      return `${PG_URL}?schema=${schema}`;
    });
  });
});
