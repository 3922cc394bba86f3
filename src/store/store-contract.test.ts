// One contract, every adapter: the same tests run against SQLite (a temp file, WAL) and PostgreSQL
// (one schema per test, dropped after). PostgreSQL: VIGIL_TEST_PG_URL, default the local server.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { auditHash } from '../audit/audit-hash.js';
import { GENESIS_HASH, type AuditEventInput } from '../audit/audit-event.js';
import { VigilError } from '../common/vigil-error.js';
import type { Resource } from '../inventory/resource.js';
import type { Violation } from '../violations/violation.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import { scopeKey, serializeResource, type Store } from './store.js';

/** A fresh, empty database; `open()` may be called several times for several writers on it. */
interface Fresh {
  open(): Store;
  cleanup(): Promise<void>;
}
interface Backend {
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

const T0 = '2026-03-01T00:00:00.000Z';
const at = (days: number): string => new Date(Date.parse(T0) + days * 86_400_000).toISOString();

const resource = (n: number, over: Partial<Resource> = {}): Resource => ({
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

const violation = (n: number, over: Partial<Violation> = {}): Violation => ({
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

const event = (subjectId: string, type = 'violation.opened', data: Record<string, unknown> = {}): AuditEventInput => ({
  type,
  subjectKind: 'violation',
  subjectId,
  actor: 'scanner',
  at: T0,
  data,
});

const rejectsWithCode = async (p: Promise<unknown>, code: string): Promise<void> => {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof VigilError, `expected a VigilError, got ${String(err)}`);
    assert.equal(err.code, code);
    return true;
  });
};

const contract = (backend: Backend): void => {
  /** Runs `fn` on a migrated store over a fresh database, then closes and drops it. */
  const withStore = async (fn: (store: Store, fresh: Fresh) => Promise<void>): Promise<void> => {
    const fresh = await backend.fresh();
    const store = fresh.open();
    try {
      await store.migrate();
      await fn(store, fresh);
    } finally {
      await store.close();
      await fresh.cleanup();
    }
  };
  const it = (name: string, fn: (store: Store, fresh: Fresh) => Promise<void>) => test(name, () => withStore(fn));

  it('migrate is idempotent and reports the backend kind', async (store) => {
    await store.migrate();
    assert.equal(store.kind, backend.name);
    assert.equal(await store.countResources(), 0);
  });

  it('resources round-trip with their lifecycle; a rescan keeps firstSeenAt and moves lastSeenAt', async (store) => {
    await store.upsertResources([resource(1), resource(2, { owner: 'team-b' })], at(0));
    const changed = resource(1, { config: { ...resource(1).config, Versioning: { Status: 'Suspended' } } });
    await store.upsertResources([changed, resource(2, { owner: 'team-b' })], at(1));

    const r1 = await store.getResource('arn:aws:s3:::bucket-1');
    assert.ok(r1);
    assert.equal(r1.firstSeenAt, at(0));
    assert.equal(r1.lastSeenAt, at(1));
    assert.equal(r1.deletedAt, null);
    assert.deepEqual(r1.config, changed.config);
    assert.deepEqual(r1.tags, { owner: 'payments', 'cost-centre': 'ü-42' });
    assert.equal('owner' in r1, false, 'an unresolved owner stays absent');
    assert.equal((await store.getResource('arn:aws:s3:::bucket-2'))?.owner, 'team-b');
    assert.equal(await store.getResource('arn:aws:s3:::nope'), undefined);
  });

  it('the digest stays put while what is stored does, and moves when config, tags or owner change', async (store) => {
    const digest = async () => (await store.getResource('arn:aws:s3:::bucket-1'))?.digest;
    await store.upsertResources([resource(1, { config: { a: 1, b: { c: [1, 2] } } })], at(0));
    const d1 = await digest();
    await store.upsertResources([resource(1, { config: { a: 1, b: { c: [1, 2] } }, observedAt: at(1) })], at(1));
    assert.ok(d1);
    assert.equal(await digest(), d1);
    assert.equal((await store.getResource('arn:aws:s3:::bucket-1'))?.observedAt, at(0), 'unchanged content keeps when it was observed');
    await store.upsertResources([resource(1, { config: { a: 2, b: { c: [1, 2] } } })], at(2));
    const d3 = await digest();
    assert.notEqual(d3, d1);
    assert.deepEqual((await store.getResource('arn:aws:s3:::bucket-1'))?.config, { a: 2, b: { c: [1, 2] } });
    await store.upsertResources([resource(1, { config: { a: 2, b: { c: [1, 2] } }, tags: { owner: 'other' } })], at(3));
    assert.notEqual(await digest(), d3);
  });

  it('storedInventory lists each scope with its resources digests, deleted ones as empty', async (store) => {
    await store.upsertResources([resource(1), resource(2), resource(3, { region: 'us-east-1' })], at(0));
    const scope = { accountId: '111122223333', region: 'eu-west-1', type: 'aws.s3.bucket' };
    await store.markResourcesDeleted(scope, ['arn:aws:s3:::bucket-2'], at(1));
    const inv = await store.storedInventory();
    const eu = inv.get(scopeKey(scope));
    assert.deepEqual([...(eu?.keys() ?? [])].sort(), ['arn:aws:s3:::bucket-1', 'arn:aws:s3:::bucket-2']);
    assert.equal(eu?.get('arn:aws:s3:::bucket-1'), (await store.getResource('arn:aws:s3:::bucket-1'))?.digest);
    assert.equal(eu?.get('arn:aws:s3:::bucket-2'), '');
    assert.equal(inv.get(scopeKey({ ...scope, region: 'us-east-1' }))?.size, 1);
    assert.deepEqual([...(await store.storedInventory({ regions: ['us-east-1'] })).keys()], [scopeKey({ ...scope, region: 'us-east-1' })]);
    assert.equal((await store.storedInventory({ types: [] })).size, 0);
  });

  it('serialized upserts keep a config snapshot only when given one, and a later snapshot replaces none', async (store) => {
    const r = resource(1, { config: { Name: 'bucket-1', Versioning: { Status: 'Suspended' } } });
    await store.upsertSerializedResources([serializeResource(r, false)], at(0));
    const bare = await store.getResource('arn:aws:s3:::bucket-1');
    assert.deepEqual([bare?.snapshot, bare?.config], [false, {}]);
    await store.upsertSerializedResources([serializeResource(r, true)], at(1));
    const kept = await store.getResource('arn:aws:s3:::bucket-1');
    assert.deepEqual([kept?.snapshot, kept?.config, kept?.lastSeenAt], [true, r.config, at(1)]);
    await store.upsertSerializedResources([serializeResource(r, false)], at(2));
    assert.equal((await store.getResource('arn:aws:s3:::bucket-1'))?.snapshot, false, 'a resource that passes again drops its snapshot');
  });

  it('the same ARN twice in one batch is one resource, the last one wins', async (store) => {
    await store.upsertResources([resource(1, { name: 'old' }), resource(1, { name: 'new' })], at(0));
    assert.equal(await store.countResources(), 1);
    assert.equal((await store.getResource('arn:aws:s3:::bucket-1'))?.name, 'new');
  });

  it('listResources filters, pages in ARN order, and agrees with countResources', async (store) => {
    const rs = Array.from({ length: 25 }, (_, i) =>
      resource(i + 10, { accountId: i % 2 ? 'A' : 'B', type: i % 5 === 0 ? 'aws.iam.user' : 'aws.s3.bucket', ...(i < 3 ? { owner: 'ops' } : {}) }),
    );
    await store.upsertResources(rs, at(0));
    const q = { accountId: 'A', type: 'aws.s3.bucket' };
    const all = await store.listResources(q);
    assert.equal(all.length, await store.countResources(q));
    assert.ok(all.every((r) => r.accountId === 'A' && r.type === 'aws.s3.bucket'));
    assert.deepEqual(all.map((r) => r.arn), [...all.map((r) => r.arn)].sort());
    const pages = [...(await store.listResources({ ...q, limit: 4 })), ...(await store.listResources({ ...q, limit: 4, offset: 4 })), ...(await store.listResources({ ...q, offset: 8 }))];
    assert.deepEqual(pages.map((r) => r.arn), all.map((r) => r.arn));
    assert.equal(await store.countResources({ owner: 'ops' }), 3);
    assert.deepEqual((await store.listResources({ arns: ['arn:aws:s3:::bucket-11', 'arn:aws:s3:::none'] })).map((r) => r.arn), ['arn:aws:s3:::bucket-11']);
    assert.deepEqual(await store.listResources({ arns: [] }), []);
  });

  it('markResourcesDeleted deletes live resources of that scope only, once; a re-seen one comes back', async (store) => {
    await store.upsertResources([resource(1), resource(2), resource(3, { region: 'us-east-1' }), resource(4, { type: 'aws.iam.user' })], at(0));
    const scope = { accountId: '111122223333', region: 'eu-west-1', type: 'aws.s3.bucket' };
    const arns = ['arn:aws:s3:::bucket-2', 'arn:aws:s3:::bucket-3', 'arn:aws:s3:::bucket-4'];
    assert.deepEqual(await store.markResourcesDeleted(scope, arns, at(1)), ['arn:aws:s3:::bucket-2'], 'resources of other scopes stay');
    assert.deepEqual(await store.markResourcesDeleted(scope, arns, at(1)), [], 'already deleted ones are not reported again');
    const gone = await store.getResource('arn:aws:s3:::bucket-2');
    assert.deepEqual([gone?.deletedAt, gone?.lastSeenAt], [at(1), at(1)]);
    assert.equal((await store.getResource('arn:aws:s3:::bucket-3'))?.deletedAt, null, 'other region is not covered');
    assert.equal(await store.countResources(), 3);
    assert.equal(await store.countResources({ includeDeleted: true }), 4);

    await store.upsertResources([resource(2, { observedAt: at(2) })], at(2));
    const back = await store.getResource('arn:aws:s3:::bucket-2');
    assert.equal(back?.deletedAt, null);
    assert.equal(back?.firstSeenAt, at(0));
    assert.equal(back?.observedAt, at(2), 'a returning resource is observed anew, though its content is unchanged');
  });

  it('markScopesSeen moves lastSeenAt of the live resources of those scopes, not of deleted ones or other scopes', async (store) => {
    await store.upsertResources([resource(1), resource(2), resource(3, { region: 'us-east-1' })], at(0));
    const scope = { accountId: '111122223333', region: 'eu-west-1', type: 'aws.s3.bucket' };
    await store.markResourcesDeleted(scope, ['arn:aws:s3:::bucket-2'], at(1));
    await store.markScopesSeen([scope], 'scan-2', at(2));
    const seen = async (n: number) => (await store.getResource(`arn:aws:s3:::bucket-${n}`))?.lastSeenAt;
    assert.deepEqual([await seen(1), await seen(2), await seen(3)], [at(2), at(1), at(0)]);
    assert.deepEqual((await store.listResources({ region: 'eu-west-1' })).map((r) => r.lastSeenAt), [at(2)]);
  });

  it('violations round-trip exactly, evidence included', async (store) => {
    const v = violation(1, { nextActionAt: at(2), owner: null, evidence: [{ path: 'Rules[0].Days', expected: '≥ 35', actual: 7 }] });
    await store.insertViolations([v]);
    assert.deepEqual(await store.getViolation(v.id), v);
    assert.equal(await store.getViolation('nope'), undefined);
  });

  it('inserting an existing violation id is a store.conflict and writes nothing of the batch', async (store) => {
    await store.insertViolations([violation(1)]);
    await rejectsWithCode(store.insertViolations([violation(2), violation(1)]), 'store.conflict');
    assert.equal(await store.getViolation('v002'), undefined);
  });

  it('updateViolations writes when the stored version is one behind, and otherwise conflicts and writes nothing', async (store) => {
    await store.insertViolations([violation(1), violation(2)]);
    const reminded = violation(1, { state: 'reminded', remindersSent: 1, version: 2, stateChangedAt: at(1) });
    await store.updateViolations([reminded]);
    assert.deepEqual(await store.getViolation('v001'), reminded);

    // A second worker still holding version 1 loses, and its other change is not written either.
    const stale = violation(1, { state: 'due', version: 2 });
    const other = violation(2, { state: 'resolved', version: 2, resolution: 'passes', resolvedAt: at(1) });
    await rejectsWithCode(store.updateViolations([other, stale]), 'store.conflict');
    assert.equal((await store.getViolation('v001'))?.state, 'reminded');
    assert.equal((await store.getViolation('v002'))?.state, 'open');
    await rejectsWithCode(store.updateViolations([violation(9, { version: 2 })]), 'store.conflict');
  });

  it('markViolationsSeen moves lastSeenAt and lastScanId, keeps the rest, and bumps the version so stale copies conflict', async (store) => {
    await store.insertViolations([violation(1), violation(2)]);
    await store.markViolationsSeen(['v001'], 'scan-2', at(3));
    const v = await store.getViolation('v001');
    assert.deepEqual({ ...v }, { ...violation(1), lastSeenAt: at(3), lastScanId: 'scan-2', version: 2 });
    assert.deepEqual(await store.getViolation('v002'), violation(2));
    await rejectsWithCode(store.updateViolations([{ ...violation(1), state: 'reminded', version: 2 }]), 'store.conflict');
  });

  it('large update batches are all-or-nothing across statement chunks; one id twice applies both versions', async (store) => {
    const n = 4_000;
    await store.insertViolations(Array.from({ length: n }, (_, i) => violation(i)));
    await store.updateViolations(Array.from({ length: n }, (_, i) => violation(i, { lastSeenAt: at(1), lastScanId: 'scan-2', version: 2 })));
    assert.equal(await store.countViolations({ scanId: 'scan-2' }), n);

    const next = Array.from({ length: n }, (_, i) => violation(i, { lastSeenAt: at(2), lastScanId: 'scan-3', version: i === n - 1 ? 2 : 3 }));
    await rejectsWithCode(store.updateViolations(next), 'store.conflict');
    assert.equal(await store.countViolations({ scanId: 'scan-3' }), 0, 'rows of earlier chunks were rolled back too');

    await store.updateViolations([violation(1, { state: 'reminded', version: 3 }), violation(1, { state: 'due', version: 4 })]);
    assert.deepEqual([(await store.getViolation('v001'))?.state, (await store.getViolation('v001'))?.version], ['due', 4]);
  });

  it('listViolations filters, orders and pages; countViolations agrees', async (store) => {
    await store.insertViolations([
      violation(1, { severity: 'low', lastSeenAt: at(5), firstSeenAt: at(0) }),
      violation(2, { severity: 'critical', lastSeenAt: at(3), firstSeenAt: at(2), owner: null }),
      violation(3, { severity: 'high', lastSeenAt: at(4), firstSeenAt: at(1), state: 'resolved', policyId: 'iam-mfa' }),
      violation(4, { severity: 'critical', lastSeenAt: at(6), firstSeenAt: at(3), nextActionAt: at(1) }),
      violation(5, { severity: 'medium', lastSeenAt: at(1), firstSeenAt: at(4), nextActionAt: at(9), lastScanId: 'scan-2' }),
    ]);
    const ids = (vs: Violation[]) => vs.map((v) => v.id);
    assert.deepEqual(ids(await store.listViolations()), ['v004', 'v001', 'v003', 'v002', 'v005']);
    assert.deepEqual(ids(await store.listViolations({ orderBy: 'age' })), ['v001', 'v003', 'v002', 'v004', 'v005']);
    assert.deepEqual(ids(await store.listViolations({ orderBy: 'severity' })), ['v004', 'v002', 'v003', 'v005', 'v001']);
    assert.deepEqual(ids(await store.listViolations({ orderBy: 'severity', limit: 2, offset: 1 })), ['v002', 'v003']);
    assert.deepEqual(ids(await store.listViolations({ states: ['open'], severities: ['critical', 'low'] })), ['v004', 'v001', 'v002']);
    assert.deepEqual(ids(await store.listViolations({ policyIds: ['iam-mfa'] })), ['v003']);
    assert.deepEqual(ids(await store.listViolations({ actionDueBy: at(2) })), ['v004'], 'the work queue skips unscheduled and future ones');
    assert.deepEqual(ids(await store.listViolations({ actionDueBy: '2026-03-10T01:00:00+01:00' })), ['v004', 'v005'], 'offsets compare as instants');
    assert.deepEqual(await store.listViolations({ states: [] }), [], 'an empty list matches nothing');
    assert.deepEqual(ids(await store.listViolations({ resourceArn: 'arn:aws:s3:::bucket-2' })), ['v002']);
    assert.deepEqual(ids(await store.listViolations({ scanId: 'scan-2' })), ['v005']);
    assert.equal(await store.countViolations({ states: ['open'] }), 4);
    assert.equal(await store.countViolations({ owner: 'payments' }), 4);
    assert.equal(await store.countViolations(), 5);
  });

  it('groupViolations counts per key, biggest first, with a null group for unowned ones', async (store) => {
    await store.insertViolations([
      violation(1, { severity: 'high' }),
      violation(2, { severity: 'high', owner: null }),
      violation(3, { severity: 'low', owner: null }),
      violation(4, { severity: 'high', state: 'resolved' }),
    ]);
    assert.deepEqual(await store.groupViolations(['severity'], { states: ['open'] }), [
      { key: { severity: 'high' }, count: 2 },
      { key: { severity: 'low' }, count: 1 },
    ]);
    assert.deepEqual(await store.groupViolations(['owner', 'state']), [
      { key: { owner: null, state: 'open' }, count: 2 },
      { key: { owner: 'payments', state: 'open' }, count: 1 },
      { key: { owner: 'payments', state: 'resolved' }, count: 1 },
    ]);
    assert.deepEqual(await store.groupViolations([]), [{ key: {}, count: 4 }]);
  });

  it('resourcesWithViolations lists each resource once that has a violation in the given states', async (store) => {
    await store.insertViolations([violation(1), violation(2, { state: 'resolved' }), violation(3, { state: 'excepted' }), violation(4, { id: 'v004b', resourceArn: 'arn:aws:s3:::bucket-1', policyId: 'x' })]);
    assert.deepEqual((await store.resourcesWithViolations(['open', 'excepted'])).sort(), ['arn:aws:s3:::bucket-1', 'arn:aws:s3:::bucket-3']);
    assert.deepEqual(await store.resourcesWithViolations([]), []);
  });

  it('violationsOfResources returns every state of every listed resource', async (store) => {
    await store.insertViolations([violation(1), violation(2, { state: 'resolved' }), violation(3), violation(4, { id: 'v004b', resourceArn: 'arn:aws:s3:::bucket-2', policyId: 'x' })]);
    const got = await store.violationsOfResources(['arn:aws:s3:::bucket-2', 'arn:aws:s3:::bucket-1', 'arn:aws:s3:::none']);
    assert.deepEqual(got.map((v) => v.id), ['v001', 'v002', 'v004b']);
    assert.deepEqual(await store.violationsOfResources([]), []);
  });

  it('appendEvents builds a gap-free hash chain that a verifier can recompute', async (store) => {
    const first = await store.appendEvents([event('v1', 'violation.opened', { b: 2, a: [1, { z: null }] }), event('v2')]);
    const second = await store.appendEvents([{ ...event('v1', 'violation.reminded'), at: '2026-03-01T02:00:00+01:00' }]);
    assert.deepEqual([...first, ...second].map((e) => e.seq), [1, 2, 3]);
    assert.equal(second[0]?.at, '2026-03-01T01:00:00.000Z');

    const all = await store.listEvents();
    assert.deepEqual(all, [...first, ...second]);
    let prev = GENESIS_HASH;
    for (const e of all) {
      assert.equal(e.prevHash, prev);
      assert.equal(e.hash, auditHash(prev, e.seq, e));
      prev = e.hash;
    }
    assert.deepEqual(await store.lastEvent(), all[2]);
    assert.deepEqual((await store.listEvents({ subjectId: 'v1' })).map((e) => e.seq), [1, 3]);
    assert.deepEqual((await store.listEvents({ types: ['violation.reminded'] })).map((e) => e.seq), [3]);
    assert.deepEqual((await store.listEvents({ afterSeq: 1, limit: 1 })).map((e) => e.seq), [2]);
    assert.deepEqual((await store.listEvents({ since: '2026-03-01T00:30:00Z' })).map((e) => e.seq), [3]);
    assert.deepEqual(await store.appendEvents([]), []);
  });

  it('concurrent writers never fork or gap the chain', async (store, fresh) => {
    const writers = [store, ...Array.from({ length: backend.writers - 1 }, () => fresh.open())];
    try {
      await Promise.all(
        writers.flatMap((w, i) => Array.from({ length: 10 }, (_, j) => w.appendEvents([event(`w${i}-${j}`), event(`w${i}-${j}`, 'violation.reminded')]))),
      );
    } finally {
      await Promise.all(writers.slice(1).map((w) => w.close()));
    }
    const all = await store.listEvents();
    assert.equal(all.length, writers.length * 20);
    let prev = GENESIS_HASH;
    all.forEach((e, i) => {
      assert.equal(e.seq, i + 1);
      assert.equal(e.prevHash, prev);
      assert.equal(e.hash, auditHash(prev, e.seq, e));
      prev = e.hash;
    });
  });

  it('a transaction commits state and its audit events together, or neither', async (store) => {
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.insertViolations([violation(1)]);
        await tx.appendEvents([event('v001')]);
        throw new Error('evaluator crashed');
      }),
      /evaluator crashed/,
    );
    assert.equal(await store.getViolation('v001'), undefined);
    assert.equal(await store.lastEvent(), undefined);

    const result = await store.transaction(async (tx) => {
      await tx.insertViolations([violation(1)]);
      const [e] = await tx.appendEvents([event('v001')]);
      return e?.seq;
    });
    assert.equal(result, 1);
    assert.equal((await store.getViolation('v001'))?.state, 'open');
    assert.equal((await store.lastEvent())?.seq, 1, 'the rolled-back append left no gap');
  });

  it('a conflict inside a transaction rolls back everything written before it', async (store) => {
    await store.insertViolations([violation(1)]);
    await rejectsWithCode(
      store.transaction(async (tx) => {
        await tx.appendEvents([event('v001', 'violation.reminded')]);
        await tx.updateViolations([violation(1, { version: 5 })]);
      }),
      'store.conflict',
    );
    assert.equal(await store.lastEvent(), undefined);
  });

  it('scans are recorded, finished and listed newest first; finishing an unknown scan is not-found', async (store) => {
    await store.startScan({ id: 'scan-1', source: 'demo', startedAt: at(0), finishedAt: null, status: 'running', stats: {} });
    await store.startScan({ id: 'scan-2', source: 'aws', startedAt: at(1), finishedAt: null, status: 'running', stats: {} });
    await store.finishScan('scan-1', { finishedAt: at(0.5), status: 'failed', stats: { resources: 10, quarantined: 1 }, error: 'AccessDenied' });
    assert.deepEqual(await store.getScan('scan-1'), {
      id: 'scan-1', source: 'demo', startedAt: at(0), finishedAt: at(0.5), status: 'failed', stats: { resources: 10, quarantined: 1 }, error: 'AccessDenied',
    });
    assert.deepEqual((await store.listScans()).map((s) => s.id), ['scan-2', 'scan-1']);
    assert.deepEqual((await store.listScans({ limit: 1, offset: 1 })).map((s) => s.id), ['scan-1']);
    assert.equal(await store.getScan('nope'), undefined);
    await rejectsWithCode(store.finishScan('nope', { finishedAt: at(1), status: 'finished', stats: {} }), 'store.not-found');
  });

  it('policy results add up across batches of one scan', async (store) => {
    const row = { scanId: 's1', policyId: 'p1', accountId: 'A', region: 'eu-west-1', evaluated: 10, failed: 2 };
    await store.addPolicyResults([row, { ...row, region: 'us-east-1', evaluated: 1, failed: 0 }]);
    await store.addPolicyResults([{ ...row, evaluated: 5, failed: 1 }, { ...row, evaluated: 1, failed: 1 }]);
    await store.addPolicyResults([{ ...row, scanId: 's2' }]);
    assert.deepEqual(await store.policyResults('s1'), [
      { ...row, evaluated: 16, failed: 4 },
      { ...row, region: 'us-east-1', evaluated: 1, failed: 0 },
    ]);
  });

  it('quarantine keeps bad records in arrival order, truncating huge ones', async (store) => {
    const huge = 'x'.repeat(100_000);
    await store.addQuarantine([{ source: 'file:inv.jsonl:3', reason: 'missing arn', record: '{"a":1}' }], 's1', at(0));
    await store.addQuarantine([{ source: 'file:inv.jsonl:9', reason: 'too big', record: huge }], 's2', at(1));
    const all = await store.listQuarantine();
    assert.deepEqual(all.map((q) => [q.scanId, q.source, q.reason]), [['s1', 'file:inv.jsonl:3', 'missing arn'], ['s2', 'file:inv.jsonl:9', 'too big']]);
    assert.ok(all[0]!.id < all[1]!.id);
    assert.equal(all[0]?.record, '{"a":1}');
    assert.ok(all[1]!.record.length < 20_000 && all[1]!.record.includes('truncated'));
    assert.deepEqual((await store.listQuarantine({ scanId: 's2' })).map((q) => q.source), ['file:inv.jsonl:9']);
  });

  it('a timestamp that is not one is rejected before anything is written', async (store) => {
    await rejectsWithCode(store.upsertResources([resource(1), resource(2, { observedAt: 'yesterday' })], at(0)), 'store.invalid');
    assert.equal(await store.countResources(), 0);
  });
};

describe('store contract: sqlite', () => contract(sqliteBackend));

const pgProblem = await pgUnreachable();
if (pgProblem === null) {
  describe('store contract: postgres', () => contract(postgresBackend));
} else if (process.env['CI'] === 'true') {
  test('store contract: postgres', () => assert.fail(`PostgreSQL is required in CI but unreachable at ${PG_URL}: ${pgProblem}`));
} else {
  describe('store contract: postgres', { skip: `PostgreSQL unreachable at ${PG_URL} (${pgProblem}); start it or set VIGIL_TEST_PG_URL` }, () => undefined);
}
