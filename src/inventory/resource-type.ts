import type { TSchema } from '@sinclair/typebox';

/**
 * What Vigil knows about one resource type: how to derive its identity from the API JSON and which
 * API calls its `config` is made of. Registering a type is one file plus one line in the registry.
 *
 * @example
 * export const s3Bucket: ResourceTypeDefinition = {
 *   type: 'aws.s3.bucket', provider: 'aws', service: 's3', title: 'S3 bucket',
 *   sources: ['ListBuckets', 'GetPublicAccessBlock'],
 *   identity: (c) => ({ id: String(c.Name), arn: `arn:aws:s3:::${String(c.Name)}`, name: String(c.Name) }),
 *   tags: (c) => tagList(c.TagSet),
 *   example: { Name: 'my-bucket' },
 * };
 */
export interface ResourceTypeDefinition {
  type: string;
  provider: string;
  service: string;
  /** Human name, e.g. "S3 bucket". */
  title: string;
  /** The API operations (or Config resource type) whose output makes up `config`. */
  sources: string[];
  /** Derive id/arn/name from the config when the record does not carry them. */
  identity(config: Record<string, unknown>, where: { accountId: string; region: string }): { id: string; arn: string; name: string };
  /** Read tags from the config's own tag field (TagSet, Tags, TagList…), as a plain map. */
  tags(config: Record<string, unknown>): Record<string, string>;
  /** Optional strict shape of `config` for documentation and editor completion; not enforced per record. */
  schema?: TSchema;
  /** A compliant example config (checked by a meta-test: identity() and tags() accept it). */
  example: Record<string, unknown>;
  /** Whether there is one per account (`global`) or one per account and region (`regional`). */
  scope?: 'global' | 'regional';
}

/** AWS tag lists `[{Key, Value}]` (and lowercase `[{key, value}]`) or maps, to a plain map. */
export const tagMap = (tags: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (Array.isArray(tags)) {
    for (const t of tags) {
      if (t && typeof t === 'object') {
        const o = t as Record<string, unknown>;
        const k = o.Key ?? o.key;
        const v = o.Value ?? o.value;
        if (typeof k === 'string') out[k] = v == null ? '' : String(v);
      }
    }
  } else if (tags && typeof tags === 'object') {
    for (const [k, v] of Object.entries(tags as Record<string, unknown>)) out[k] = v == null ? '' : String(v);
  }
  return out;
};
