import type { Resource } from './resource.js';

/**
 * The config key under which a collector lists the fields it could not read (AccessDenied, throttling
 * past the retries…), each with the reason: `{ "$unknown": { "Policy": "s3:GetBucketPolicy: AccessDenied…" } }`.
 * A missing field means "not configured" (no bucket policy); an unknown one means "could not tell",
 * and a policy that reads it leaves the resource undecided instead of guessing either way. No AWS
 * field begins with `$`, so the key cannot collide with the API's own.
 */
export const UNKNOWN_FIELDS = '$unknown';

/** The pseudo-field of a resource's tags: unknown when the tags could not be read (`tag:<key>` paths read it). */
export const TAGS_FIELD = 'tag:*';

/**
 * The fields of a resource that could not be read, with their reasons; undefined when every read succeeded.
 *
 * @example
 * unknownFieldsOf(bucket); // { Policy: 's3:GetBucketPolicy: AccessDenied: Access Denied' }
 */
export const unknownFieldsOf = (r: Pick<Resource, 'config'>): Readonly<Record<string, string>> | undefined => {
  const u = r.config[UNKNOWN_FIELDS];
  return u && typeof u === 'object' && !Array.isArray(u) ? (u as Record<string, string>) : undefined;
};

/**
 * Records that `fields` of a config could not be read, and why.
 *
 * @example
 * markUnknown(config, ['TagSet', TAGS_FIELD], 's3:GetBucketTagging: SlowDown');
 */
export const markUnknown = (config: Record<string, unknown>, fields: readonly string[], reason: string): void => {
  const u = (unknownFieldsOf({ config }) as Record<string, string> | undefined) ?? {};
  for (const f of fields) u[f] = reason;
  config[UNKNOWN_FIELDS] = u;
};
