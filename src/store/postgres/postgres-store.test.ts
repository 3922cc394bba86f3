import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { UsageError } from '../../common/vigil-error.js';
import { openPostgresStore } from './postgres-store.js';
import { ALL_MIGRATIONS } from '../migrations/all-migrations.js';

const PG_URL = process.env['VIGIL_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const reachable = async (): Promise<string | null> => {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 15_000 });
  try {
    await c.connect();
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await c.end().catch(() => undefined);
  }
};

const schemas: string[] = [];
const newSchema = (): string => {
  const s = `vigil_pgtest_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  schemas.push(s);
  return s;
};

const sqlOnce = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
};

const suite = () => {
  after(async () => {
    for (const s of schemas) await sqlOnce(`drop schema if exists ${s} cascade`);
  });

  test('each schema is its own database: tenants and tests never see each other', async () => {
    const a = openPostgresStore({ connectionString: PG_URL, schema: newSchema() });
    const b = openPostgresStore({ connectionString: PG_URL, schema: newSchema() });
    try {
      await Promise.all([a.migrate(), b.migrate()]);
      await a.scans.start({ id: 's1', source: 'demo', startedAt: '2026-01-01T00:00:00.000Z', finishedAt: null, status: 'running', stats: {} });
      assert.equal((await a.scans.list()).length, 1);
      assert.equal((await b.scans.list()).length, 0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('several processes migrating one schema at once apply each migration exactly once', async () => {
    const schema = newSchema();
    const stores = Array.from({ length: 4 }, () => openPostgresStore({ connectionString: PG_URL, schema, maxConnections: 2 }));
    try {
      await Promise.all(stores.map((s) => s.migrate()));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
    const rows = await sqlOnce<{ name: string }>(`select name from ${schema}.vigil_migrations`);
    assert.deepEqual(rows.map((r) => r.name), ALL_MIGRATIONS.map((m) => m.name));
  });

  test('JSON columns are jsonb, so operators can query evidence and configs in SQL', async () => {
    const schema = newSchema();
    const store = openPostgresStore({ connectionString: PG_URL, schema });
    try {
      await store.migrate();
    } finally {
      await store.close();
    }
    const rows = await sqlOnce<{ column_name: string; data_type: string }>(
      `select column_name, data_type from information_schema.columns where table_schema = $1 and column_name in ('config', 'evidence', 'data') order by column_name`,
      [schema],
    );
    assert.deepEqual(rows.map((r) => r.data_type), ['jsonb', 'jsonb', 'jsonb']);
  });

  test('a server that drops an idle connection does not take the process down', async () => {
    const schema = newSchema();
    const store = openPostgresStore({ connectionString: PG_URL, schema, maxConnections: 2, applicationName: schema });
    try {
      await store.migrate();
      const before = await store.inventory.count();
      const killed = await sqlOnce(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1`, [schema]);
      assert.ok(killed.length > 0, 'the store held an idle connection');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(await store.inventory.count(), before);
    } finally {
      await store.close();
    }
  });

  test('a schema name that is not a plain identifier is refused before connecting', () => {
    assert.throws(() => openPostgresStore({ connectionString: PG_URL, schema: 'x; drop table y' }), UsageError);
    assert.throws(() => openPostgresStore({ connectionString: PG_URL, schema: 'Prod' }), UsageError);
  });
};

const problem = await reachable();
if (problem === null) describe('postgres store', suite);
else if (process.env['CI'] === 'true') test('postgres store', () => assert.fail(`PostgreSQL is required in CI but unreachable at ${PG_URL}: ${problem}`));
else describe('postgres store', { skip: `PostgreSQL unreachable at ${PG_URL} (${problem}); start it or set VIGIL_TEST_PG_URL` }, () => undefined);
