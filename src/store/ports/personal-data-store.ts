/** How many records an erasure changed, per kind of record. */
export interface ErasureCounts {
  resources: number;
  violations: number;
  notifications: number;
  approvals: number;
  /** Audit person keys destroyed (0 or 1): what the trail sealed for the person now reads "[erased]". */
  auditKeys: number;
}

/**
 * Erasure of one person's data (GDPR Art. 17) from every record that can hold it, in one call (run it
 * in the transaction that records the `person.erased` audit event):
 *  - owner fields equal to the person (resources, violations) become null;
 *  - a violation about the person's IAM user (a name, not an e-mail) has the name in its resource ARN
 *    replaced (`…:user/path/<replacement>`);
 *  - an approval decided by the person is kept, attributed to `replacement`;
 *  - inside JSON (tags, configuration snapshots, evidence, queued notifications) and approval reasons,
 *    a string value equal to the person becomes `replacement`; an e-mail address (it holds `@`) is
 *    replaced wherever it occurs in a text too. A name is replaced only as a whole value, so erasing
 *    `ops` leaves `devops` alone. Matching is exact (case-sensitive), as the records spell it.
 *  - the person's audit key is destroyed (crypto-shredding: src/audit/personal-data-seal.ts), so every
 *    audit event that named them reads "[erased]" there; the events themselves, and the chain, are untouched.
 * On SQLite the freed bytes are overwritten (secure_delete), so the name is gone from the file once the
 * WAL is checkpointed (`vigil erase-person` does that).
 *
 * @example
 * await store.transaction((tx) => tx.personalData.erase('alice@example.com', 'erased:5f1c2a9e'));
 * // { resources: 3, violations: 12, notifications: 1, approvals: 2, auditKeys: 1 }
 */
export interface PersonalDataStore {
  erase(person: string, replacement: string): Promise<ErasureCounts>;
  /**
   * After the erasure's transaction: leaves no earlier version of the erased records in the database
   * files (SQLite: checkpoints the WAL into the file and truncates it; PostgreSQL: nothing, dead row
   * versions go at the next VACUUM).
   * @example await store.personalData.purgeFreed();
   */
  purgeFreed(): Promise<void>;
}

/** The pairs (search → replace) an erasure applies to JSON text: the quoted value, and an e-mail address anywhere. */
export const erasureReplacements = (person: string, replacement: string): [string, string][] => {
  const quoted: [string, string] = [JSON.stringify(person), JSON.stringify(replacement)];
  return person.includes('@') ? [quoted, [JSON.stringify(person).slice(1, -1), JSON.stringify(replacement).slice(1, -1)]] : [quoted];
};

/** A text with the erasure's replacements applied (what the SQL `replace()` calls do). */
export const scrubText = (text: string, pairs: readonly [string, string][]): string => pairs.reduce((t, [from, to]) => t.split(from).join(to), text);
