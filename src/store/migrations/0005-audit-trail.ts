import { sql } from 'kysely';
import { GENESIS_HASH } from '../../audit/audit-event.js';
import type { Migration } from './migration.js';

/**
 * Signed checkpoints, the retention anchor, and append-only guards on the trail.
 *
 * - `audit_checkpoints`: a signed statement "the chain's head at seq N was H" (Ed25519), written every
 *   N events and at scan end. An auditor holding only the public key can then tell a truncated or
 *   rewritten tail from the real one.
 * - `audit_anchor` (one row): the last expired record's seq and hash. Retention deletes the oldest
 *   events; the chain is then verified from the anchor, which only ever moves forward.
 * - Triggers (both databases) refuse any UPDATE of an audit event or checkpoint, any DELETE of a
 *   checkpoint, and any DELETE of an event the anchor has not been moved past (so expiry is the only
 *   way to delete, and it leaves the anchor, and an `audit.expired` event, behind). On PostgreSQL the
 *   runtime role should additionally lose UPDATE/DELETE by grant: docs/audit.md has the script.
 */
export const auditTrail: Migration = {
  name: '0005-audit-trail',
  async up(db, dialect) {
    const { text, bigint } = dialect.types;
    await db.schema
      .createTable('audit_checkpoints')
      .addColumn('seq', bigint, (c) => c.primaryKey())
      .addColumn('head_hash', text, (c) => c.notNull())
      .addColumn('at', text, (c) => c.notNull())
      .addColumn('key_id', text, (c) => c.notNull())
      .addColumn('signature', text, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('audit_anchor')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', bigint, (c) => c.notNull())
      .addColumn('hash', text, (c) => c.notNull())
      .addColumn('at', text)
      .execute();
    await db.insertInto('audit_anchor').values({ id: 1, seq: 0, hash: GENESIS_HASH, at: null }).execute();

    if (dialect.kind === 'sqlite') {
      await sql`create trigger audit_events_no_update before update on audit_events
        begin select raise(abort, 'audit_events is append-only: UPDATE refused'); end`.execute(db);
      await sql`create trigger audit_events_no_delete before delete on audit_events
        when old.seq > (select seq from audit_anchor where id = 1)
        begin select raise(abort, 'audit_events is append-only: DELETE refused (expire with vigil audit expire)'); end`.execute(db);
      await sql`create trigger audit_checkpoints_no_update before update on audit_checkpoints
        begin select raise(abort, 'audit_checkpoints is append-only: UPDATE refused'); end`.execute(db);
      await sql`create trigger audit_checkpoints_no_delete before delete on audit_checkpoints
        begin select raise(abort, 'audit_checkpoints is append-only: DELETE refused'); end`.execute(db);
      await sql`create trigger audit_anchor_forward_only before update on audit_anchor
        when new.seq < old.seq or new.id <> old.id
        begin select raise(abort, 'audit_anchor only moves forward'); end`.execute(db);
      await sql`create trigger audit_anchor_no_delete before delete on audit_anchor
        begin select raise(abort, 'audit_anchor cannot be deleted'); end`.execute(db);
      return;
    }
    // PostgreSQL: functions live in the store's schema (search_path), like its tables.
    await sql`create function vigil_audit_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and tg_table_name = 'audit_events'
           and old.seq <= (select seq from audit_anchor where id = 1) then
          return old;
        end if;
        raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = '42501';
      end $$`.execute(db);
    await sql`create function vigil_audit_anchor_forward() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' or new.seq < old.seq or new.id <> old.id then
          raise exception 'audit_anchor only moves forward' using errcode = '42501';
        end if;
        return new;
      end $$`.execute(db);
    for (const table of ['audit_events', 'audit_checkpoints']) {
      await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
        for each row execute function vigil_audit_append_only()`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
        for each statement execute function vigil_audit_append_only()`.execute(db);
    }
    await sql`create trigger audit_anchor_forward_only before update or delete on audit_anchor
      for each row execute function vigil_audit_anchor_forward()`.execute(db);
  },
};
