import type { Selectable } from 'kysely';
import type { ResourcesTable } from './database-schema.js';
import type { StoredResource } from './ports/inventory-store.js';

/** SQLite hands JSON back as text, pg's jsonb as a parsed value; the domain wants the value either way. */
export const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/**
 * A resource row joined with its scope, as the SQL stores select it (`#resourceRows` in
 * kysely/kysely-inventory-store.ts) and the in-memory fake keeps it: one mapping to the domain shape for both.
 */
export type ResourceRow = Omit<Selectable<ResourcesTable>, 'scope_id'> & {
  provider: string;
  account_id: string;
  region: string;
  type: string;
  scope_seen_at: string | null;
};

/** @example toStoredResource(row).snapshot; // false when no config snapshot is kept */
export const toStoredResource = (r: ResourceRow): StoredResource => {
  const config = parseJson<Record<string, unknown> | null>(r.config);
  // A live resource was seen whenever its scope was last listed completely (else it would be deleted).
  const lastSeenAt = r.deleted_at === null && r.scope_seen_at !== null && r.scope_seen_at > r.last_seen_at ? r.scope_seen_at : r.last_seen_at;
  const out: StoredResource = {
    provider: r.provider,
    accountId: r.account_id,
    region: r.region,
    type: r.type,
    id: r.resource_id,
    arn: r.arn,
    name: r.name ?? r.resource_id,
    tags: parseJson<Record<string, string>>(r.tags),
    config: config ?? {},
    snapshot: config !== null,
    observedAt: r.observed_at,
    firstSeenAt: r.first_seen_at,
    lastSeenAt,
    deletedAt: r.deleted_at,
    digest: r.digest,
  };
  if (r.owner !== null) out.owner = r.owner;
  return out;
};
