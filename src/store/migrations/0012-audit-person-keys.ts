import type { Migration } from './migration.js';

/**
 * Crypto-shredding of people in the audit trail (src/audit/personal-data-seal.ts): one AES-256 key per
 * person, outside the hash chain. Audit events store each person sealed under their key; erase-person
 * deletes the row, and what it sealed reads as "[erased]" while the chain still verifies. The table
 * is not append-only: deleting a key is the erasure.
 */
export const auditPersonKeys: Migration = {
  name: '0012-audit-person-keys',
  async up(db, dialect) {
    const { text } = dialect.types;
    await db.schema
      .createTable('audit_person_keys')
      .addColumn('key_id', text, (c) => c.primaryKey())
      // sha256 of the person as written (personRef); the name itself is never stored here.
      .addColumn('person_ref', text, (c) => c.notNull().unique())
      .addColumn('key', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .execute();
  },
};
