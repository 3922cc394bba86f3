import type { Migration } from './migration.js';

/**
 * Two violation indexes cost more than they saved: every scan inserts or touches each violation
 * (a rescan moves every live violation's lastSeenAt, which rewrites its entry in an index on that
 * column), while the queries they served read a few hundred thousand rows at most, which SQLite and
 * PostgreSQL filter and sort in milliseconds: listing by lastSeenAt and grouping by state and policy.
 * The resource, due-date and id indexes stay (the reconciler's and the manager's lookups).
 */
export const fewerViolationIndexes: Migration = {
  name: '0003-fewer-violation-indexes',
  async up(db) {
    await db.schema.dropIndex('violations_last_seen').ifExists().execute();
    await db.schema.dropIndex('violations_state_policy').ifExists().execute();
  },
};
