import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createApi, createVigil } from '../composition-root.js';
import { loadConfig } from '../config/config-loader.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { runVigil, tempDir } from '../testing/cli-harness.js';

describe('vigil api-token', () => {
  it('create prints the secret once and stores only its hash; list never shows it; revoke refuses it from then on; both are audited as cli:<OS user>', async () => {
    const dir = await tempDir('vigil-token-');
    after(dir.cleanup);
    const db = join(dir.path, 'vigil.db');
    await writeFile(join(dir.path, 'vigil.config.yaml'), 'server:\n  auth:\n    tokens: true\n');
    const env = { USER: 'opsadmin' };
    const created = await runVigil(['api-token', 'create', '--name', 'ci-reader', '--role', 'viewer', '--expires', '30d', '--db', db], { cwd: dir.path, env });
    assert.equal(created.code, 0, created.stderr);
    const secret = /^(vgl_\S+)$/m.exec(created.stdout)?.[1];
    const id = /created (tok_[0-9a-f]{12}) "ci-reader" \(viewer\), expires 20\d\d-/.exec(created.stdout)?.[1];
    assert.ok(secret && id, created.stdout);
    assert.equal(created.stderr, '', 'tokens are enabled in the config: no note');

    const bad = await runVigil(['api-token', 'create', '--name', 'x', '--role', 'root', '--db', db], { cwd: dir.path, env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--role "root": use viewer, approver, admin/);
    const outsider = await runVigil(['api-token', 'create', '--name', 'mallory', '--role', 'approver', '--expires', 'never', '--db', db], { cwd: dir.path, env });
    assert.match(outsider.stderr, /"mallory" is not a security team member/);
    assert.match(outsider.stdout, /expires never/);

    const list = await runVigil(['api-token', 'list', '--db', db], { cwd: dir.path, env });
    assert.match(list.stdout, new RegExp(`^${id}  ci-reader  viewer  created \\S+ by cli:opsadmin  active, expires \\S+  last used never$`, 'm'));
    assert.equal(list.stdout.includes(secret.slice(4)), false);

    // The composed API (config server.auth.tokens) accepts the token, and refuses it once revoked.
    const config = await loadConfig({ env: {}, cwd: dir.path, flags: { store: { url: db } } });
    const vigil = await createVigil(config);
    try {
      const api = await createApi(vigil);
      const get = async () => (await api.fastify.inject({ url: '/api/me', headers: { authorization: `Bearer ${secret}` } })).statusCode;
      assert.equal(await get(), 200);
      assert.equal((await api.fastify.inject({ url: '/api/me' })).statusCode, 401);
      const revoked = await runVigil(['api-token', 'revoke', id, '--db', db], { cwd: dir.path, env });
      assert.equal(revoked.code, 0, revoked.stderr);
      assert.match(revoked.stdout, /is revoked \(since 20\d\d-/);
      assert.equal(await get(), 401);
      await api.close();
    } finally {
      await vigil.close();
    }
    assert.equal((await runVigil(['api-token', 'revoke', 'tok_nope', '--db', db], { cwd: dir.path, env })).code, 2);
    assert.match((await runVigil(['api-token', 'list', '--db', db], { cwd: dir.path, env })).stdout, /ci-reader  viewer .* revoked 20\d\d-.* last used 20\d\d-/);

    const store = openSqliteStore({ file: db });
    try {
      const events = await store.audit.list({ types: ['api-token.created', 'api-token.revoked'] });
      assert.deepEqual(events.map((e) => [e.type, e.actor, e.subjectId, e.data['name'], e.data['role']]), [
        ['api-token.created', 'cli:opsadmin', id, 'ci-reader', 'viewer'],
        ['api-token.created', 'cli:opsadmin', events[1]?.subjectId, 'mallory', 'approver'],
        ['api-token.revoked', 'cli:opsadmin', id, 'ci-reader', 'viewer'],
      ]);
    } finally {
      await store.close();
    }
    for (const f of await readdir(dir.path)) {
      if (f.startsWith('vigil.db')) assert.equal((await readFile(join(dir.path, f))).toString('latin1').includes(secret.slice(4)), false, `secret in ${f}`);
    }
  });
});
