import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { UsageError } from '../common/vigil-error.js';
import { openStore } from './open-store.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-open-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a path, a sqlite: url or :memory: opens a migrated SQLite store', async () => {
  for (const url of [':memory:', join(dir, 'x', 'v.db'), `sqlite:${join(dir, 'y.db')}`]) {
    const store = await openStore({ url });
    try {
      assert.equal(store.kind, 'sqlite');
      assert.equal(await store.violations.count(), 0, `${url} is migrated`);
    } finally {
      await store.close();
    }
  }
});

test('migrate: false leaves the schema to the operator', async () => {
  const store = await openStore({ url: ':memory:', migrate: false });
  try {
    await assert.rejects(store.violations.count(), /no such table/);
  } finally {
    await store.close();
  }
});

test('an empty or malformed url is a usage error that names the setting', async () => {
  await assert.rejects(openStore({ url: '  ' }), (e: unknown) => e instanceof UsageError && e.details?.['field'] === 'store.url');
  await assert.rejects(openStore({ url: 'postgres://[bad' }), (e: unknown) => e instanceof UsageError && !String(e.message).includes('secret'));
  await assert.rejects(openStore({ url: 'postgres://u:secret@[bad' }), (e: unknown) => e instanceof UsageError && !String(e.message).includes('secret'));
});

test('a store that cannot be opened is named with the reason, never with a password', async () => {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(join(dir, 'a-directory'));
  writeFileSync(join(dir, 'not-a.db'), 'hello, not a database\n'.repeat(10));
  const cases: [string, RegExp][] = [
    [join(dir, 'a-directory'), /^cannot open the SQLite store at .*a-directory: it is a directory, not a database file/],
    [join(dir, 'not-a.db'), /^cannot open the SQLite store at .*not-a\.db: the file is not a SQLite database/],
    // Port 9 (discard) has no PostgreSQL on it.
    ['postgres://vigil:s3cret-pw@127.0.0.1:9/vigil?schema=prod', /^cannot open the PostgreSQL store at 127\.0\.0\.1:9\/vigil \(schema prod\) as vigil: connection refused/],
  ];
  for (const [url, message] of cases) {
    const err = await openStore({ url }).then(
      () => assert.fail(`${url} opened`),
      (e: unknown) => e as Error & { code?: string; status?: number },
    );
    assert.match(err.message, message);
    assert.equal(err.code, 'store.unavailable');
    assert.equal(err.status, 400, 'the configuration is wrong: exit 2 on the CLI');
    assert.doesNotMatch(err.message, /s3cret/);
  }
});
