/**
 * Why a resource violates a policy, one entry per failing condition, so a person reads exactly what
 * is wrong: `PublicAccessBlockConfiguration.BlockPublicAcls` expected `true`, found `false`.
 */
export interface Evidence {
  /** The concrete field path, array indexes resolved: `Rules[2].Lifecycle.DeleteAfterDays`. */
  path: string;
  /** The compliant state in words, e.g. `= true`, `≥ 35`, `present`, `at most 90 days old`. */
  expected: string;
  /** What was found (`null` when the field is missing). */
  actual: unknown;
  /** Optional extra explanation from a named filter. */
  note?: string;
}
