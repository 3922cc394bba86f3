import type { Migration } from './migration.js';

/**
 * The rate-limit counts (per account, per action, last hour) filter on status and dry_run as well.
 * The indexes of 0009 end in started_at, so each row of the window cost a table lookup to read those
 * two columns: every message paid for every action its account had in the last hour. With status
 * and dry_run in the index the count reads the index alone.
 */
export const enforcementRateCoveringIndexes: Migration = {
  name: '0011-enforcement-rate-covering-indexes',
  async up(db) {
    await db.schema.createIndex('enforcement_actions_account_window').ifNotExists().on('enforcement_actions').columns(['account_id', 'started_at', 'status', 'dry_run']).execute();
    await db.schema.createIndex('enforcement_actions_action_window').ifNotExists().on('enforcement_actions').columns(['action', 'started_at', 'status', 'dry_run']).execute();
    // Same leading columns: the new indexes serve every query the old ones did.
    await db.schema.dropIndex('enforcement_actions_account_recent').ifExists().execute();
    await db.schema.dropIndex('enforcement_actions_action_recent').ifExists().execute();
  },
};
