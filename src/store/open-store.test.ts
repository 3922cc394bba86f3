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
