import type { Resource } from '../../inventory/resource.js';
import type { CoveredScope } from '../../inventory/covered-scope.js';
import type { SerializedResource } from '../serialized-resource.js';
import type { Page } from './page.js';

/** A resource as stored: the collected resource plus its inventory lifecycle. */
export interface StoredResource extends Resource {
  firstSeenAt: string;
  /** When a scan last saw it: for a live resource, the last complete listing of its scope. */
  lastSeenAt: string;
  /** Set when a complete listing of its scope no longer contained it. */
  deletedAt: string | null;
  /** Digest of what is stored (identity, tags, owner, snapshot): a rescan rewrites only resources whose digest moved. */
  digest: string;
  /**
   * Whether `config` is the collected snapshot. With `inventory.snapshots: violating` (the default)
   * only resources that fail some policy keep one; the others keep identity, tags and owner, and `{}`.
   */
  snapshot: boolean;
}

/** Which resources a read wants; an explicitly empty `arns` list matches nothing. */
export interface ResourceQuery extends Page {
  arns?: string[];
  type?: string;
  accountId?: string;
  region?: string;
  owner?: string;
  includeDeleted?: boolean;
}

export type ResourceFilter = Omit<ResourceQuery, keyof Page>;

/** Narrows storedInventory to the scopes a scan covers; an empty list matches nothing. */
export interface InventoryScopeQuery {
  accountIds?: string[];
  regions?: string[];
  types?: string[];
  /** Only these scopes (a scan asks for each scope when its first resources arrive). */
  scopes?: { type: string; accountId: string; region: string }[];
}

/**
 * What a scan needs of the stored inventory to write only what changed: per scope key (`scopeKey`),
 * each stored resource's digest (`''` for a deleted one, so that its return is written).
 */
export type StoredInventory = Map<string, Map<string, string>>;

/**
 * The inventory: every resource a scan collected, with when it was first and last seen and when a
 * complete listing of its scope stopped containing it.
 *
 * @example
 * await store.inventory.upsert([bucket], '2026-03-01T00:00:00.000Z');
 * (await store.inventory.get(bucket.arn))?.firstSeenAt; // '2026-03-01T00:00:00.000Z'
 * await store.inventory.markDeleted({ type: 'aws.s3.bucket', accountId, region }, [bucket.arn], at); // [bucket.arn]
 */
export interface InventoryStore {
  /**
   * Inserts or updates resources (the same ARN twice: the last wins). Unchanged content keeps its
   * observedAt; a deleted resource that is seen again comes back.
   * @throws VigilError `store.invalid` when a timestamp is not one; nothing is written.
   */
  upsert(resources: Resource[], at: string): Promise<void>;
  /** The same as upsert, for resources serialized elsewhere (a scan's producer thread). */
  upsertSerialized(resources: SerializedResource[], at: string): Promise<void>;
  get(arn: string): Promise<StoredResource | undefined>;
  /** Live resources (unless `includeDeleted`) in ARN order. */
  list(q?: ResourceQuery): Promise<StoredResource[]>;
  count(q?: ResourceFilter): Promise<number>;
  /** Per scope, the digest of every stored resource (optionally only of these accounts, regions and types). */
  storedInventory(q?: InventoryScopeQuery): Promise<StoredInventory>;
  /**
   * Marks these resources of one scope deleted (those still live and still in that scope) at `at`.
   * @returns the ARNs newly marked deleted, sorted.
   */
  markDeleted(scope: CoveredScope, arns: string[], at: string): Promise<string[]>;
  /** Records that a scan listed these scopes completely at `at`: their live resources were seen then. */
  markScopesSeen(scopes: CoveredScope[], scanId: string, at: string): Promise<void>;
}
