import { sql } from 'kysely';
import { GENESIS_HASH } from '../../audit/audit-event.js';
import type { Migration } from './migration.js';

export const initialSchema: Migration = {
  name: '0001-initial-schema',
  async up(db, dialect) {
    const { text, json, bigint } = dialect.types;

    await db.schema
      .createTable('resources')
      .addColumn('arn', text, (c) => c.primaryKey())
      .addColumn('provider', text, (c) => c.notNull())
      .addColumn('account_id', text, (c) => c.notNull())
      .addColumn('region', text, (c) => c.notNull())
      .addColumn('type', text, (c) => c.notNull())
      .addColumn('resource_id', text, (c) => c.notNull())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('tags', json, (c) => c.notNull())
      .addColumn('owner', text)
      .addColumn('config', json, (c) => c.notNull())
      .addColumn('observed_at', text, (c) => c.notNull())
      .addColumn('first_seen_at', text, (c) => c.notNull())
      .addColumn('last_seen_at', text, (c) => c.notNull())
      .addColumn('last_scan_id', text, (c) => c.notNull())
      .addColumn('deleted_at', text)
      .addColumn('config_hash', text, (c) => c.notNull())
      .execute();
    // markMissingResources and the inventory pages filter by type and scope. One index only: every
    // index is written on each of a scan's million upserts.
    await db.schema.createIndex('resources_scope').on('resources').columns(['type', 'account_id', 'region']).execute();

    await db.schema
      .createTable('violations')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('policy_id', text, (c) => c.notNull())
      .addColumn('resource_arn', text, (c) => c.notNull())
      .addColumn('resource_type', text, (c) => c.notNull())
      .addColumn('account_id', text, (c) => c.notNull())
      .addColumn('region', text, (c) => c.notNull())
      .addColumn('owner', text)
      .addColumn('severity', text, (c) => c.notNull())
      .addColumn('state', text, (c) => c.notNull())
      .addColumn('reminders_sent', 'integer', (c) => c.notNull())
      .addColumn('evidence', json, (c) => c.notNull())
      .addColumn('first_seen_at', text, (c) => c.notNull())
      .addColumn('last_seen_at', text, (c) => c.notNull())
      .addColumn('state_changed_at', text, (c) => c.notNull())
      .addColumn('next_action_at', text)
      .addColumn('resolved_at', text)
      .addColumn('resolution', text)
      .addColumn('last_scan_id', text, (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('violations_resource').on('violations').column('resource_arn').execute();
    // The manager's work queue: live violations whose next action is due.
    await db.schema.createIndex('violations_due').on('violations').columns(['next_action_at', 'state']).execute();
    await db.schema.createIndex('violations_state_policy').on('violations').columns(['state', 'policy_id']).execute();
    await db.schema.createIndex('violations_last_seen').on('violations').columns(['last_seen_at', 'id']).execute();

    await db.schema
      .createTable('audit_events')
      .addColumn('seq', bigint, (c) => c.primaryKey())
      .addColumn('prev_hash', text, (c) => c.notNull())
      .addColumn('hash', text, (c) => c.notNull())
      .addColumn('type', text, (c) => c.notNull())
      .addColumn('subject_kind', text, (c) => c.notNull())
      .addColumn('subject_id', text, (c) => c.notNull())
      .addColumn('actor', text, (c) => c.notNull())
      .addColumn('at', text, (c) => c.notNull())
      .addColumn('data', json, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_events_subject').on('audit_events').columns(['subject_id', 'seq']).execute();
    await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();

    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', bigint, (c) => c.notNull())
      .addColumn('hash', text, (c) => c.notNull())
      .execute();
    await db.insertInto('audit_head').values({ id: 1, seq: 0, hash: GENESIS_HASH }).execute();

    await db.schema
      .createTable('scans')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('source', text, (c) => c.notNull())
      .addColumn('started_at', text, (c) => c.notNull())
      .addColumn('finished_at', text)
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('stats', json, (c) => c.notNull())
      .addColumn('error', text)
      .execute();
    await db.schema.createIndex('scans_started').on('scans').column('started_at').execute();

    await db.schema
      .createTable('policy_results')
      .addColumn('scan_id', text, (c) => c.notNull())
      .addColumn('policy_id', text, (c) => c.notNull())
      .addColumn('account_id', text, (c) => c.notNull())
      .addColumn('region', text, (c) => c.notNull())
      .addColumn('evaluated', 'integer', (c) => c.notNull())
      .addColumn('failed', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('policy_results_pk', ['scan_id', 'policy_id', 'account_id', 'region'])
      .execute();

    let quarantine = db.schema.createTable('quarantine');
    quarantine =
      dialect.kind === 'sqlite'
        ? quarantine.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        : quarantine.addColumn('id', sql`bigint generated always as identity`, (c) => c.primaryKey());
    await quarantine
      .addColumn('scan_id', text, (c) => c.notNull())
      .addColumn('at', text, (c) => c.notNull())
      .addColumn('source', text, (c) => c.notNull())
      .addColumn('reason', text, (c) => c.notNull())
      .addColumn('record', text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('quarantine_scan').on('quarantine').columns(['scan_id', 'id']).execute();
  },
};
