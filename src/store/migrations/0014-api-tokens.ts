import type { Migration } from './migration.js';

/**
 * API tokens (`vigil api-token create`): the SHA-256 of the secret, never the secret, unique so a
 * bearer finds its row by one index lookup; role, expiry, revocation and last use beside it.
 */
export const apiTokens: Migration = {
  name: '0014-api-tokens',
  async up(db, dialect) {
    const { text } = dialect.types;
    await db.schema
      .createTable('api_tokens')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('name', text, (c) => c.notNull())
      .addColumn('role', text, (c) => c.notNull())
      .addColumn('hash', text, (c) => c.notNull().unique())
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('created_by', text, (c) => c.notNull())
      .addColumn('expires_at', text)
      .addColumn('last_used_at', text)
      .addColumn('revoked_at', text)
      .execute();
  },
};
