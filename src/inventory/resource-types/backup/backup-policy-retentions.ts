// The naming convention of tag-driven backup policies is inventory vocabulary: the demo estate
// generates plans from it and the backup-tag-policy-unmet filter judges against it, so both import
// it from here rather than one from the other.

/**
 * The retentions a tag-driven policy name promises, in days: `db_30_365_2555` → [30, 365, 2555]
 * (daily, monthly, yearly), `daily_35` → [35].
 *
 * @example
 * retentionsOf('db_30_365_2555'); // [30, 365, 2555]
 */
export const retentionsOf = (policyName: string): number[] =>
  policyName.split('_').filter((p) => /^\d+$/.test(p)).map(Number);
