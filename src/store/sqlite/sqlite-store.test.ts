import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { auditHash } from '../../audit/audit-hash.js';
import { GENESIS_HASH } from '../../audit/audit-event.js';
import { openSqliteStore } from './sqlite-store.js';
import { ALL_MIGRATIONS } from '../migrations/all-migrations.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a new file store creates its parent directory and runs in WAL mode', async () => {
  const file = join(dir, 'a', 'b', 'vigil.db');
  const store = openSqliteStore({ file });
  await store.migrate();
  await store.close();
  assert.ok(existsSync(file));
  const raw = new Database(file, { readonly: true });
  try {
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    const tables = raw.prepare(`select name from sqlite_master where type = 'table' order by name`).pluck().all();
    assert.ok(['audit_events', 'resources', 'violations', 'vigil_migrations'].every((t) => tables.includes(t)), String(tables));
  } finally {
    raw.close();
  }
});

test(':memory: stores are private to their instance', async () => {
  const a = openSqliteStore({ file: ':memory:' });
  const b = openSqliteStore({ file: ':memory:' });
  await a.migrate();
  await b.migrate();
  await a.scans.start({ id: 's1', source: 'demo', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: null, status: 'running', stats: {} });
  assert.equal((await a.scans.list()).length, 1);
  assert.equal((await b.scans.list()).length, 0);
  await Promise.all([a.close(), b.close()]);
});

// Several processes on one file, as when `vigil scan` runs while the daemon works: each migrates on
// start and appends events; the chain must come out whole.
const storeModule = fileURLToPath(new URL('./sqlite-store.ts', import.meta.url));
// Each child loads, says "ready", then waits for the go file so that all of them hit the database together.
const worker = (file: string, go: string, name: string, onReady: () => void): Promise<void> =>
  new Promise((resolve, reject) => {
    const code = `
      const { existsSync } = await import('node:fs');
      const { openSqliteStore } = await import(${JSON.stringify(storeModule)});
      process.stdout.write('ready\\n');
      while (!existsSync(${JSON.stringify(go)})) await new Promise((r) => setTimeout(r, 2));
      // A generous wait: the test is about migrating once and one chain, not about timeouts on a loaded machine.
      const store = openSqliteStore({ file: ${JSON.stringify(file)}, busyTimeoutMs: 60_000 });
      await store.migrate();
      for (let i = 0; i < 40; i++) {
        // Read, then write, in one transaction: what the manager does with a violation.
        await store.transaction(async (tx) => { await tx.audit.last(); await tx.audit.append([{ type: 'test.appended', subjectKind: 'system', subjectId: ${JSON.stringify(name)} + '-' + i, actor: ${JSON.stringify(name)}, at: '2026-01-01T00:00:00.000Z', data: { i } }]); });
      }
      await store.close();`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.once('data', onReady);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`${name} exited ${c}: ${err}`))));
  });

test('processes starting at once on one file migrate once and append one unbroken chain', async () => {
  const file = join(dir, 'shared', 'vigil.db');
  const go = join(dir, 'go');
  const names = ['p1', 'p2', 'p3'];
  let ready = 0;
  await Promise.all(names.map((n) => worker(file, go, n, () => ++ready === names.length && writeFileSync(go, ''))));
  const store = openSqliteStore({ file });
  try {
    const events = await store.audit.list();
    assert.equal(events.length, 120);
    let prev = GENESIS_HASH;
    events.forEach((e, i) => {
      assert.equal(e.seq, i + 1);
      assert.equal(e.hash, auditHash(prev, e.seq, e));
      prev = e.hash;
    });
  } finally {
    await store.close();
  }
  const raw = new Database(file, { readonly: true });
  try {
    assert.deepEqual(raw.prepare('select name from vigil_migrations').pluck().all(), ALL_MIGRATIONS.map((m) => m.name));
  } finally {
    raw.close();
  }
});
