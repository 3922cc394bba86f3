import { changeDigest } from '../common/stable-hash.js';
import type { Resource } from '../inventory/resource.js';

/**
 * A resource already turned into what the store writes (JSON text, digest), so that a scan can do
 * this CPU work on another thread than the one writing to the database.
 */
export interface SerializedResource {
  arn: string;
  provider: string;
  accountId: string;
  region: string;
  type: string;
  id: string;
  name: string;
  /** JSON of the tag map. */
  tags: string;
  owner: string | null;
  /** JSON of the config, or `null` when the snapshot is not kept. */
  config: string | null;
  /** Digest of everything above: what a rescan compares to skip unchanged resources. */
  digest: string;
  observedAt: string;
}

/**
 * @example serializeResource(bucket).config; // '{"Name":"payments-logs",…}'
 */
export const serializeResource = (r: Resource, keepConfig = true): SerializedResource => {
  const config = keepConfig ? JSON.stringify(r.config ?? {}) : null;
  const tags = JSON.stringify(r.tags ?? {});
  const owner = r.owner ?? null;
  return {
    arn: r.arn,
    provider: r.provider,
    accountId: r.accountId,
    region: r.region,
    type: r.type,
    id: r.id,
    name: r.name,
    tags,
    owner,
    config,
    digest: changeDigest(`${r.arn}\u0000${r.provider}\u0000${r.type}\u0000${r.accountId}\u0000${r.region}\u0000${r.id}\u0000${r.name}\u0000${owner}\u0000${tags}\u0000${config}`),
    observedAt: r.observedAt,
  };
};

/** The key of a resource's scope (type, account, region) in StoredInventory and CoveredScope lists. */
export const scopeKey = (s: { type: string; accountId: string; region: string }): string => `${s.type}\u0000${s.accountId}\u0000${s.region}`;

/** A stored scope's key: the scan's scope key plus the provider (scope rows are per provider). */
export const providerScopeKey = (s: { provider: string; type: string; accountId: string; region: string }): string => `${s.provider}\u0000${scopeKey(s)}`;

/** Whether two resources share a scope (and provider): batches come in runs of one, so callers look a scope up when it changes. */
export const sameScope = (a: SerializedResource | undefined, b: SerializedResource): boolean =>
  a !== undefined && a.type === b.type && a.accountId === b.accountId && a.region === b.region && a.provider === b.provider;
