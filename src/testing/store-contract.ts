// The store contract's harness: every backend a port must behave the same on (SQLite in a temp file,
// PostgreSQL in a schema per test, the in-memory fake), and the fixtures the per-port suites share.
// PostgreSQL: VIGIL_TEST_PG_URL, default the local server; in CI an unreachable server fails the suite.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import type { AuditEventInput } from '../audit/audit-event.js';
import { VigilError } from '../common/vigil-error.js';
import type { Resource } from '../inventory/resource.js';
import { MemoryDatabase, MemoryStore } from '../store/memory/memory-store.js';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import type { Violation } from '../violations/violation.js';

/** A fresh, empty database; `open()` may be called several times for several writers on it. */
export interface Fresh {
  open(): Store;
  cleanup(): Promise<void>;
}
export interface Backend {
  name: string;
  fresh(): Promise<Fresh>;
  /** Writers that may work on one database at once from this process (better-sqlite3 blocks the thread on a lock). */
  writers: number;
}

const PG_URL = process.env['VIGIL_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const sqliteBackend: Backend = {
  name: 'sqlite',
  writers: 1,
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-store-'));
    return {
      open: () => openSqliteStore({ file: join(dir, 'nested', 'vigil.db') }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const postgresBackend: Backend = {
  name: 'postgres',
  writers: 3,
  async fresh() {
    const schema = `vigil_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    return {
      open: () => openPostgresStore({ connectionString: PG_URL, schema, maxConnections: 4 }),
      cleanup: async () => {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        try {
          await c.query(`drop schema if exists ${schema} cascade`);
        } finally {
          await c.end();
        }
      },
    };
  },
};

const memoryBackend: Backend = {
  name: 'memory',
  writers: 3,
  async fresh() {
    // Several handles on one MemoryDatabase are several writers on one database.
    const db = new MemoryDatabase();
    return { open: () => new MemoryStore(db), cleanup: async () => undefined };
  },
};

const pgUnreachable = async (): Promise<string | null> => {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 15_000 });
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await c.end().catch(() => undefined);
  }
};

export const T0 = '2026-03-01T00:00:00.000Z';
export const at = (days: number): string => new Date(Date.parse(T0) + days * 86_400_000).toISOString();

export const resource = (n: number, over: Partial<Resource> = {}): Resource => ({
  provider: 'aws',
  accountId: '111122223333',
  region: 'eu-west-1',
  type: 'aws.s3.bucket',
  id: `bucket-${n}`,
  arn: `arn:aws:s3:::bucket-${n}`,
  name: `bucket-${n}`,
  tags: { owner: 'payments', 'cost-centre': 'ü-42' },
  config: { Name: `bucket-${n}`, Versioning: { Status: 'Enabled' }, Rules: [{ Days: 35 }] },
  observedAt: T0,
  ...over,
});

export const violation = (n: number, over: Partial<Violation> = {}): Violation => ({
  id: `v${String(n).padStart(3, '0')}`,
  policyId: 's3-versioning',
  resourceArn: `arn:aws:s3:::bucket-${n}`,
  resourceType: 'aws.s3.bucket',
  accountId: '111122223333',
  region: 'eu-west-1',
  owner: 'payments',
  severity: 'high',
  state: 'open',
  remindersSent: 0,
  evidence: [{ path: 'Versioning.Status', expected: '= Enabled', actual: null, note: 'missing' }],
  firstSeenAt: T0,
  lastSeenAt: T0,
  stateChangedAt: T0,
  nextActionAt: null,
  resolvedAt: null,
  resolution: null,
  lastScanId: 'scan-1',
  version: 1,
  ...over,
});

export const event = (subjectId: string, type = 'violation.opened', data: Record<string, unknown> = {}): AuditEventInput => ({
  type,
  subjectKind: 'violation',
  subjectId,
  actor: 'scanner',
  at: T0,
  data,
});

export const rejectsWithCode = async (p: Promise<unknown>, code: string): Promise<void> => {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof VigilError, `expected a VigilError, got ${String(err)}`);
    assert.equal(err.code, code);
    return true;
  });
};

/** Declares one contract test: `fn` gets a migrated store over a fresh database, closed and dropped after. */
export type ContractTest = (name: string, fn: (store: Store, fresh: Fresh) => Promise<void>) => void;

const BACKENDS = [sqliteBackend, memoryBackend, postgresBackend];

/**
 * Runs the same suite on every backend: `describe('<title>: sqlite' | ': memory' | ': postgres')`.
 * A port's contract file calls this once.
 *
 * @example
 * await storeContract('violation store', (it) => {
 *   it('round-trips', async (store) => { await store.violations.insert([violation(1)]); … });
 * });
 */
export const storeContract = async (title: string, define: (it: ContractTest, backend: Backend) => void): Promise<void> => {
  const pgProblem = await pgUnreachable();
  for (const backend of BACKENDS) {
    const name = `${title}: ${backend.name}`;
    if (backend === postgresBackend && pgProblem !== null) {
      if (process.env['CI'] === 'true') test(name, () => assert.fail(`PostgreSQL is required in CI but unreachable at ${PG_URL}: ${pgProblem}`));
      else describe(name, { skip: `PostgreSQL unreachable at ${PG_URL} (${pgProblem}); start it or set VIGIL_TEST_PG_URL` }, () => undefined);
      continue;
    }
    const it: ContractTest = (testName, fn) =>
      test(testName, async () => {
        const fresh = await backend.fresh();
        const store = fresh.open();
        try {
          await store.migrate();
          await fn(store, fresh);
        } finally {
          await store.close();
          await fresh.cleanup();
        }
      });
    describe(name, () => define(it, backend));
  }
};
