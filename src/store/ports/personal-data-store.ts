/** How many records an erasure changed, per kind of record. */
export interface ErasureCounts {
  resources: number;
  violations: number;
  notifications: number;
  approvals: number;
}

/**
 * Erasure of one person's data (GDPR Art. 17) from every record that can hold it, in one call (run it
 * in the transaction that records the `person.erased` audit event):
 *  - owner fields equal to the person (resources, violations) become null;
 *  - an approval decided by the person is kept, attributed to `replacement`;
 *  - inside JSON (tags, configuration snapshots, evidence, queued notifications) and approval reasons,
 *    a string value equal to the person becomes `replacement`; an e-mail address (it holds `@`) is
 *    replaced wherever it occurs in a text too. A name is replaced only as a whole value, so erasing
 *    `ops` leaves `devops` alone. Matching is exact (case-sensitive), as the records spell it.
 * The audit trail is not touched: its events carry ids, never names (docs/audit.md).
 *
 * @example
 * await store.transaction((tx) => tx.personalData.erase('alice@example.com', 'erased:5f1c2a9e'));
 * // { resources: 3, violations: 12, notifications: 1, approvals: 2 }
 */
export interface PersonalDataStore {
  erase(person: string, replacement: string): Promise<ErasureCounts>;
}

/** The pairs (search → replace) an erasure applies to JSON text: the quoted value, and an e-mail address anywhere. */
export const erasureReplacements = (person: string, replacement: string): [string, string][] => {
  const quoted: [string, string] = [JSON.stringify(person), JSON.stringify(replacement)];
  return person.includes('@') ? [quoted, [JSON.stringify(person).slice(1, -1), JSON.stringify(replacement).slice(1, -1)]] : [quoted];
};

/** A text with the erasure's replacements applied (what the SQL `replace()` calls do). */
export const scrubText = (text: string, pairs: readonly [string, string][]): string => pairs.reduce((t, [from, to]) => t.split(from).join(to), text);
