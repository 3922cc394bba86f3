import { sql } from 'kysely';
import type { Migration } from './migration.js';

/**
 * The management app's tables: the transactional outbox (digests and enforcement requests written in
 * the same transaction as the ladder step), its dedupe keys, and approvals of disruptive enforcement.
 */
export const escalation: Migration = {
  name: '0004-escalation',
  async up(db, dialect) {
    const { text, json } = dialect.types;
    const withId = (t: string) => {
      const b = db.schema.createTable(t);
      return dialect.kind === 'sqlite'
        ? b.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : b.addColumn('id', sql`bigint generated always as identity`, (c) => c.primaryKey());
    };
    await withId('outbox')
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('topic', text, (c) => c.notNull())
      .addColumn('payload', json, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('next_attempt_at', text, (c) => c.notNull())
      .addColumn('claim_token', text)
      .addColumn('lease_until', text)
      .addColumn('sent_at', text)
      .addColumn('last_error', text)
      .execute();
    // The delivery workers' queue: pending rows by due time.
    await db.schema.createIndex('outbox_pending').on('outbox').columns(['status', 'next_attempt_at', 'id']).execute();
    await db.schema
      .createTable('outbox_keys')
      .addColumn('key', text, (c) => c.primaryKey())
      .addColumn('outbox_id', 'bigint', (c) => c.notNull())
      .execute();
    await withId('approvals')
      .addColumn('violation_id', text, (c) => c.notNull())
      .addColumn('decision', text, (c) => c.notNull())
      .addColumn('by', text, (c) => c.notNull())
      .addColumn('reason', text)
      .addColumn('at', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('approvals_violation').on('approvals').columns(['violation_id', 'id']).execute();
  },
};
