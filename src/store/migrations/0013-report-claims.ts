import type { Migration } from './migration.js';

/**
 * One row per scheduled report run that a manager claimed: the primary key (plan, slot) makes one
 * manager's claim win when several run the same plans on one store; `lease_until` lets another take a
 * crashed holder's slot over; `done_at` marks it delivered.
 */
export const reportClaims: Migration = {
  name: '0013-report-claims',
  async up(db, dialect) {
    const { text } = dialect.types;
    await db.schema
      .createTable('report_claims')
      .addColumn('plan', text, (c) => c.notNull())
      .addColumn('slot', text, (c) => c.notNull())
      .addColumn('owner', text, (c) => c.notNull())
      .addColumn('lease_until', text, (c) => c.notNull())
      .addColumn('done_at', text)
      .addPrimaryKeyConstraint('report_claims_pk', ['plan', 'slot'])
      .execute();
  },
};
