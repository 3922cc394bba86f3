import type { Migration } from './migration.js';

/**
 * The manager reads its queue in (next_action_at, id) order and pages on that key (keyset): an index
 * on exactly that key serves both the range and the order, where (next_action_at, state) left a sort
 * of the whole batch (100,000 rows due at one instant) to do on every tick. The state filter is
 * checked on the row, which the manager reads whole anyway.
 */
export const violationsDueKey: Migration = {
  name: '0008-violations-due-key',
  async up(db) {
    await db.schema.createIndex('violations_due_key').ifNotExists().on('violations').columns(['next_action_at', 'id']).execute();
    await db.schema.dropIndex('violations_due').ifExists().execute();
  },
};
