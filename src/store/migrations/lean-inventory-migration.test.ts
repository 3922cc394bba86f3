import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { sqliteDialect } from '../sqlite/sqlite-dialect.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import { scopeKey } from '../serialized-resource.js';
import { initialSchema } from './0001-initial-schema.js';
import { migrateDatabase } from './migrate-database.js';
import { ManualClock } from '../../common/clock.js';
import { Evaluator } from '../../evaluation/evaluator.js';
import { ScanService } from '../../evaluation/scan-service.js';
import { DEFAULT_OWNER_RULES, OwnerResolver } from '../../inventory/owner-resolver.js';
import type { Resource } from '../../inventory/resource.js';
import type { Provider } from '../../providers/provider.js';
import { installRowWriteCounter } from '../../testing/row-write-counter.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-migrate-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a database written by 0001 keeps its inventory through 0002, and the next scan rewrites each row once', async () => {
  const file = join(dir, 'old.db');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(file) }) });
  await migrateDatabase(db, sqliteDialect, [initialSchema]);
  const row = (n: number, over: Record<string, unknown> = {}) => ({
    arn: `arn:aws:s3:::b-${n}`, provider: 'aws', account_id: '111122223333', region: 'eu-west-1', type: 'aws.s3.bucket', resource_id: `b-${n}`,
    name: `b-${n}`, tags: '{"owner":"ops"}', owner: 'ops', config: '{"Name":"b"}', observed_at: '2026-01-01T00:00:00.000Z',
    first_seen_at: '2026-01-01T00:00:00.000Z', last_seen_at: '2026-01-02T00:00:00.000Z', last_scan_id: 's1', deleted_at: null, config_hash: 'x', ...over,
  });
  await db.insertInto('resources').values([row(1), row(2, { name: 'named', config: 'null', config_hash: 'none', deleted_at: '2026-01-02T00:00:00.000Z' })]).execute();
  await db.destroy();

  const store = openSqliteStore({ file });
  try {
    await store.migrate();
    const kept = await store.inventory.get('arn:aws:s3:::b-1');
    assert.deepEqual(
      [kept?.name, kept?.owner, kept?.tags, kept?.config, kept?.snapshot, kept?.firstSeenAt, kept?.lastSeenAt, kept?.deletedAt],
      ['b-1', 'ops', { owner: 'ops' }, { Name: 'b' }, true, '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', null],
    );
    const gone = await store.inventory.get('arn:aws:s3:::b-2');
    assert.deepEqual([gone?.name, gone?.snapshot, gone?.deletedAt], ['named', false, '2026-01-02T00:00:00.000Z']);
    const inv = await store.inventory.storedInventory();
    const scope = inv.get(scopeKey({ type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1' }));
    assert.equal(scope?.get('arn:aws:s3:::b-1'), 'migrated', 'a digest no scan produces, so the first rescan rewrites the row');
    assert.equal(scope?.get('arn:aws:s3:::b-2'), '');

    // The next scan finds both buckets: each row is rewritten exactly once (a migrated digest never
    // matches), and the scan after that writes none.
    const writes = installRowWriteCounter(file, ['resources']);
    const clock = new ManualClock('2026-01-03T00:00:00.000Z');
    const scans = new ScanService({ store, evaluator: new Evaluator([]), clock, owners: (org) => new OwnerResolver(DEFAULT_OWNER_RULES, org.accounts) });
    const bucket = (n: number): Resource => ({
      provider: 'aws', accountId: '111122223333', region: 'eu-west-1', type: 'aws.s3.bucket', id: `b-${n}`, arn: `arn:aws:s3:::b-${n}`,
      name: `b-${n}`, tags: { owner: 'ops' }, config: { Name: 'b' }, observedAt: '2026-01-03T00:00:00.000Z',
    });
    const provider: Provider = {
      name: 'test',
      organization: async () => ({ accounts: [{ id: '111122223333', name: 'prod' }] }),
      async *collect() {
        yield { resources: [bucket(1), bucket(2)], quarantined: [], covered: [{ accountId: '111122223333', region: 'eu-west-1', type: 'aws.s3.bucket' }] };
      },
    };
    await scans.run(provider);
    assert.equal(writes.read()['resources'], 2, 'each migrated row rewritten once');
    writes.reset();
    clock.advance(60_000);
    await scans.run(provider);
    assert.equal(writes.read()['resources'], 0, 'an unchanged rescan writes no resource row');
  } finally {
    await store.close();
  }
});
