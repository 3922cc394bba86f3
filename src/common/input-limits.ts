/**
 * The limits on what Vigil reads from people and from clouds. Each is far above anything real (the
 * built-in policy library's largest file is ~3 KiB, its deepest condition 6 levels), so only a
 * mistake or an attack meets one; each is enforced with a located, one-line error. docs/limits.md
 * lists them for users.
 */
export const INPUT_LIMITS = Object.freeze({
  /** A policy, exception or configuration file. */
  yamlFileBytes: 1024 * 1024,
  /** Aliases a YAML document may expand (a "billion laughs" document expands exponentially). */
  yamlAliases: 100,
  /** Nesting of mappings and lists in a YAML document (conditions are a few levels deep). */
  yamlDepth: 64,
  /** One string in a YAML document (a guidance text, a regex, a description). */
  yamlStringChars: 64 * 1024,
  /** Policies in all policy directories together. */
  policies: 10_000,
  /** One inventory record (one JSON Lines line): AWS's largest documents (IAM account details) are a few MiB. */
  inventoryRecordChars: 16 * 1024 * 1024,
});
