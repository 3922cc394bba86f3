import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { runVigil, tempDir } from '../testing/cli-harness.js';

const run = promisify(execFile);
const SCRIPT = new URL('../../scripts/verify-audit-export.mjs', import.meta.url).pathname;

/** Runs the auditor's script as an auditor would: plain node, no Vigil code loaded. */
const auditorVerifies = async (file: string, key: string): Promise<{ code: number; out: string }> => {
  try {
    const r = await run(process.execPath, [SCRIPT, file, key]);
    return { code: 0, out: r.stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
};

describe('vigil audit', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let env: NodeJS.ProcessEnv;
  let db: string;
  let key: string;
  before(async () => {
    dir = await tempDir('vigil-audit-');
    db = join(dir.path, 'vigil.db');
    key = join(dir.path, 'keys', 'audit.pem');
    env = { VIGIL_DB: db, VIGIL_AUDIT_KEY_FILE: key, VIGIL_DEMO_SIZE: '60' };
  });
  after(() => dir.cleanup());

  it('keygen writes the private key 0600, prints only the public key, and refuses to overwrite', async () => {
    const r = await runVigil(['audit', 'keygen'], { env, cwd: dir.path });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^-----BEGIN PUBLIC KEY-----/);
    assert.doesNotMatch(r.stdout + r.stderr, /PRIVATE/);
    assert.equal(statSync(key).mode & 0o777, 0o600);
    assert.match(readFileSync(key, 'utf8'), /BEGIN PRIVATE KEY/);
    assert.equal(readFileSync(`${key}.pub`, 'utf8'), r.stdout);
    const again = await runVigil(['audit', 'keygen'], { env, cwd: dir.path });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /exists; pass --force/);
  });

  it('a scan records the configuration, the policy set in force (hash and git commit) and a signed checkpoint; verify passes', async () => {
    const scan = await runVigil(['scan', '--source', 'demo', '--output', join(dir.path, 'v.json')], { env: { ...env, VIGIL_DEMO_SEED: '1' }, cwd: dir.path });
    assert.equal(scan.code, 0, scan.stderr);
    const sqlite = new Database(db, { readonly: true });
    try {
      const types = (sqlite.prepare('select type from audit_events').all() as { type: string }[]).map((r) => r.type);
      assert.ok(types.includes('config.changed'));
      const set = sqlite.prepare("select data from audit_events where type = 'scan.policy-set'").get() as { data: string };
      const data = JSON.parse(set.data) as { hash: string; policies: number; directories: { commit: string | null }[] };
      assert.match(data.hash, /^[0-9a-f]{64}$/);
      assert.ok(data.policies > 10);
      // The built-in policies live in this git checkout: the commit is read from .git.
      assert.match(data.directories[0]!.commit ?? '', /^[0-9a-f]{40}$/);
      const cp = sqlite.prepare('select seq from audit_checkpoints').all() as { seq: number }[];
      const head = sqlite.prepare('select seq from audit_head').get() as { seq: number };
      assert.deepEqual(cp.map((c) => c.seq), [head.seq]);
    } finally {
      sqlite.close();
    }
    // Same configuration again: no second config.changed event.
    await runVigil(['scan', '--source', 'demo', '--output', join(dir.path, 'v.json')], { env: { ...env, VIGIL_DEMO_SEED: '1' }, cwd: dir.path });
    const verify = await runVigil(['audit', 'verify'], { env, cwd: dir.path });
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /audit trail OK: \d+ events verified from the first record .* 2 checkpoint\(s\) signed by key [0-9a-f]{16}/);
    const sqlite2 = new Database(db, { readonly: true });
    assert.equal((sqlite2.prepare("select count(*) n from audit_events where type = 'config.changed'").get() as { n: number }).n, 1);
    sqlite2.close();
  });

  it('the database refuses UPDATE and DELETE of audit records (triggers)', () => {
    const sqlite = new Database(db);
    try {
      assert.throws(() => sqlite.prepare("update audit_events set actor = 'mallory' where seq = 2").run(), /append-only: UPDATE refused/);
      assert.throws(() => sqlite.prepare('delete from audit_events where seq = 2').run(), /append-only: DELETE refused/);
      assert.throws(() => sqlite.prepare('delete from audit_checkpoints').run(), /append-only/);
    } finally {
      sqlite.close();
    }
  });

  it('export verifies offline with the public key only, and the auditor\'s script names a tampered record', async () => {
    const file = join(dir.path, 'export.jsonl');
    const r = await runVigil(['audit', 'export', '--output', file], { env, cwd: dir.path });
    assert.equal(r.code, 0, r.stderr);
    const ok = await auditorVerifies(file, `${key}.pub`);
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /^OK: \d+ events .* 2 checkpoint\(s\)/);

    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const i = lines.findIndex((l) => l.includes('"record":"event"') && l.includes('"seq":5,'));
    const edited = [...lines];
    edited[i] = edited[i]!.replace('"actor":"', '"actor":"x');
    writeFileSync(file, `${edited.join('\n')}\n`);
    const bad = await auditorVerifies(file, `${key}.pub`);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /BROKEN at seq 5: changed/);

    writeFileSync(file, `${lines.filter((_, j) => j !== i).join('\n')}\n`);
    assert.match((await auditorVerifies(file, `${key}.pub`)).out, /BROKEN at seq 5: missing/);

    const other = join(dir.path, 'other.pem');
    await runVigil(['audit', 'keygen', '--out', other], { env, cwd: dir.path });
    writeFileSync(file, `${lines.join('\n')}\n`);
    assert.match((await auditorVerifies(file, `${other}.pub`)).out, /bad signature/);
  });

  it('expire records itself, carries the anchor forward, and verify and export still pass from the anchor', async () => {
    const r = await runVigil(['audit', 'expire', '--before', '2999-01-01'], { env, cwd: dir.path });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /expired events 1\.\.\d+; the chain is now anchored at seq \d+/);
    const verify = await runVigil(['audit', 'verify', '--format', 'json'], { env, cwd: dir.path });
    assert.equal(verify.code, 0, verify.stdout);
    const report = JSON.parse(verify.stdout) as { anchor: { seq: number }; checked: number };
    assert.ok(report.anchor.seq > 0);
    assert.equal(report.checked, 1); // the audit.expired event itself
    const file = join(dir.path, 'after-expiry.jsonl');
    await runVigil(['audit', 'export', '--output', file], { env, cwd: dir.path });
    assert.match(readFileSync(file, 'utf8'), /"type":"audit.expired"/);
    assert.equal((await auditorVerifies(file, `${key}.pub`)).code, 0);
  });

  it('verify names a changed record and exits 1', async () => {
    const sqlite = new Database(db);
    try {
      // Someone with the database owner's rights drops the guard and edits history.
      sqlite.exec('drop trigger audit_events_no_update');
      const { seq } = sqlite.prepare('select max(seq) seq from audit_events').get() as { seq: number };
      sqlite.prepare("update audit_events set actor = 'mallory' where seq = ?").run(seq);
    } finally {
      sqlite.close();
    }
    const verify = await runVigil(['audit', 'verify'], { env, cwd: dir.path });
    assert.equal(verify.code, 1);
    assert.match(verify.stdout, /BROKEN at seq \d+: changed/);
  });
});
