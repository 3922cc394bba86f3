// On a real PostgreSQL schema: the shipped triggers refuse UPDATE/DELETE/TRUNCATE of audit records for
// everyone (the superuser included), and the shipped grants take UPDATE/DELETE away from the runtime
// role while it still appends.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it, type TestContext } from 'node:test';
import pg from 'pg';
import { openPostgresStore } from '../store/postgres/postgres-store.js';
import { skipOrFail } from '../testing/skip-or-fail.js';
import { postgresAuditGrants } from './postgres-audit-grants.js';

const PG_URL = process.env['VIGIL_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROLE = 'vigil_audit_test_app';

it('PostgreSQL: triggers and grants keep the audit trail append-only', async (t: TestContext) => {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    return skipOrFail(t, `PostgreSQL unreachable at ${PG_URL} (${(e as Error).message}); start it or set VIGIL_TEST_PG_URL`);
  }
  const schema = `vigil_ao_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const store = openPostgresStore({ connectionString: PG_URL, schema, maxConnections: 2 });
  try {
    await store.migrate();
    await store.audit.append([{ type: 'scan.finished', subjectKind: 'scan', subjectId: 's1', actor: 'scanner', at: '2026-01-01T00:00:00Z', data: { n: 1 } }]);
    await client.query(`set search_path = ${schema}`);
    // Triggers: even the owner cannot edit or delete history.
    await assert.rejects(client.query("update audit_events set actor = 'mallory'"), /audit_events is append-only: UPDATE refused/);
    await assert.rejects(client.query('delete from audit_events'), /append-only: DELETE refused/);
    await assert.rejects(client.query('truncate audit_events'), /append-only: TRUNCATE refused/);
    await assert.rejects(client.query('update audit_anchor set seq = -1'), /audit_anchor only moves forward/);
    await assert.rejects(client.query('delete from audit_anchor'), /audit_anchor only moves forward/);

    // Grants: the runtime role appends but cannot update or delete, even with the triggers off.
    await client.query(`do $$ begin if not exists (select 1 from pg_roles where rolname = '${ROLE}') then create role ${ROLE} nologin; end if; end $$`);
    await client.query(postgresAuditGrants(schema, ROLE));
    await client.query('alter table audit_events disable trigger user');
    await client.query(`set role ${ROLE}`);
    await client.query("insert into audit_events (seq, prev_hash, hash, type, subject_kind, subject_id, actor, at, data) values (2, 'p', 'h', 't', 'scan', 's', 'a', '2026', '{}')");
    await assert.rejects(client.query("update audit_events set actor = 'mallory'"), /permission denied/);
    await assert.rejects(client.query('delete from audit_events where seq = 2'), /permission denied/);
    await assert.rejects(client.query('update audit_anchor set seq = 5'), /permission denied/);
    await client.query('reset role');
  } finally {
    await store.close();
    await client.query('reset role').catch(() => undefined);
    await client.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await client.query(`drop owned by ${ROLE}`).catch(() => undefined);
    await client.end();
  }
});
