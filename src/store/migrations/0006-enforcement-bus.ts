import type { Migration } from './migration.js';

/**
 * The embedded bus's durable queue and the enforcers' action records.
 *
 * `bus_messages`: one row per published message, kept after it is done so a re-published
 * idempotency key is recognised (a purge drops old done rows). A claim hides a row until
 * `available_at` (the lease); a nak moves `available_at` to the retry time; `claim_id` makes a
 * settle from a worker whose lease already expired a no-op.
 *
 * `enforcement_actions`: one row per idempotency key, written before the action touches anything,
 * so a redelivered message finds it and never acts twice; the before/after state is what rollback
 * restores from.
 */
export const enforcementBus: Migration = {
  name: '0006-enforcement-bus',
  async up(db, dialect) {
    const { text, json, bigint } = dialect.types;
    await db.schema
      .createTable('bus_messages')
      .addColumn('seq', dialect.kind === 'postgres' ? 'bigserial' : 'integer', (c) => c.primaryKey())
      .addColumn('idempotency_key', text, (c) => c.notNull().unique())
      .addColumn('family', text, (c) => c.notNull())
      .addColumn('message', json, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('available_at', bigint, (c) => c.notNull())
      .addColumn('claim_id', text)
      .addColumn('last_error', text)
      .addColumn('enqueued_at', text, (c) => c.notNull())
      .addColumn('settled_at', text)
      .execute();
    // The claim query: ready rows of one family in publish order.
    await db.schema.createIndex('bus_messages_ready').on('bus_messages').columns(['family', 'status', 'available_at', 'seq']).execute();

    await db.schema
      .createTable('enforcement_actions')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('idempotency_key', text, (c) => c.notNull().unique())
      .addColumn('action', text, (c) => c.notNull())
      .addColumn('family', text, (c) => c.notNull())
      .addColumn('violation_id', text, (c) => c.notNull())
      .addColumn('resource_arn', text, (c) => c.notNull())
      .addColumn('account_id', text, (c) => c.notNull())
      .addColumn('region', text, (c) => c.notNull())
      .addColumn('params', json, (c) => c.notNull())
      .addColumn('resource_type', text, (c) => c.notNull())
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('reason', text)
      .addColumn('dry_run', 'integer', (c) => c.notNull())
      .addColumn('before_state', json)
      .addColumn('after_state', json)
      .addColumn('error', text)
      .addColumn('trace_id', text, (c) => c.notNull())
      .addColumn('started_at', text, (c) => c.notNull())
      .addColumn('finished_at', text)
      .addColumn('rolled_back_by', text)
      .execute();
    // Rate limits and the circuit breaker count recent actions per account and action.
    await db.schema.createIndex('enforcement_actions_account').on('enforcement_actions').columns(['account_id', 'action', 'started_at']).execute();
  },
};
