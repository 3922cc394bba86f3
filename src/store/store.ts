import { changeDigest } from '../common/stable-hash.js';
import type { Severity } from '../common/severity.js';
import type { AuditEvent, AuditEventInput } from '../audit/audit-event.js';
import type { QuarantinedRecord, Resource } from '../inventory/resource.js';
import type { CoveredScope } from '../providers/provider.js';
import type { Violation, ViolationState } from '../violations/violation.js';

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

export interface Page {
  limit?: number;
  offset?: number;
}

export interface ResourceQuery extends Page {
  arns?: string[];
  type?: string;
  accountId?: string;
  region?: string;
  owner?: string;
  includeDeleted?: boolean;
}

export interface ViolationQuery extends Page {
  ids?: string[];
  states?: ViolationState[];
  policyIds?: string[];
  severities?: Severity[];
  accountId?: string;
  owner?: string;
  resourceArn?: string;
  resourceType?: string;
  /** Only those last seen failing (or resolved) by this scan. */
  scanId?: string;
  /** Only those whose nextActionAt is at or before this instant (the manager's work queue). */
  actionDueBy?: string;
  /** Newest first by lastSeenAt when false (default); oldest first by firstSeenAt when 'age'. */
  orderBy?: 'lastSeen' | 'age' | 'severity';
}

export type ViolationGroupKey = 'policyId' | 'severity' | 'state' | 'accountId' | 'region' | 'owner' | 'resourceType';

export interface ViolationCount {
  key: Partial<Record<ViolationGroupKey, string | null>>;
  count: number;
}

export interface EventQuery extends Page {
  subjectId?: string;
  subjectKind?: AuditEvent['subjectKind'];
  types?: string[];
  afterSeq?: number;
  since?: string;
}

export interface ScanRecord {
  id: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'finished' | 'failed';
  /** Counts the scan produced: resources, evaluations, violations opened/resolved, quarantined… */
  stats: Record<string, number>;
  error?: string | null;
}

/** How many resources one policy judged and failed, per account and region, in one scan (compliance scores, trends). */
export interface PolicyResultRow {
  scanId: string;
  policyId: string;
  accountId: string;
  region: string;
  evaluated: number;
  failed: number;
}

export interface StoredQuarantine extends QuarantinedRecord {
  id: number;
  scanId: string;
  at: string;
}

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

/** Whether two resources share a scope (and provider): batches come in runs of one, so callers look a scope up when it changes. */
export const sameScope = (a: SerializedResource | undefined, b: SerializedResource): boolean =>
  a !== undefined && a.type === b.type && a.accountId === b.accountId && a.region === b.region && a.provider === b.provider;

/**
 * What a scan needs of the stored inventory to write only what changed: per scope key, each stored
 * resource's digest (`''` for a deleted one, so that its return is written).
 */
export type StoredInventory = Map<string, Map<string, string>>;

/**
 * Every read and write Vigil makes. Two adapters (SQLite, PostgreSQL) implement it with the same
 * queries (Kysely); the same contract suite runs against both.
 */
export interface StoreOps {
  upsertResources(resources: Resource[], at: string): Promise<void>;
  /** The same as upsertResources, for resources serialized elsewhere (a scan's producer thread). */
  upsertSerializedResources(resources: SerializedResource[], at: string): Promise<void>;
  getResource(arn: string): Promise<StoredResource | undefined>;
  listResources(q?: ResourceQuery): Promise<StoredResource[]>;
  countResources(q?: Omit<ResourceQuery, keyof Page>): Promise<number>;
  /** Per scope, the digest of every stored resource (optionally only of these accounts, regions and types). */
  storedInventory(q?: { accountIds?: string[]; regions?: string[]; types?: string[] }): Promise<StoredInventory>;
  /**
   * Marks these resources of one scope deleted (those still live and still in that scope) at `at`.
   * @returns the ARNs newly marked deleted.
   */
  markResourcesDeleted(scope: CoveredScope, arns: string[], at: string): Promise<string[]>;
  /** Records that a scan listed these scopes completely at `at`: their live resources were seen then. */
  markScopesSeen(scopes: CoveredScope[], scanId: string, at: string): Promise<void>;

  getViolation(id: string): Promise<Violation | undefined>;
  listViolations(q?: ViolationQuery): Promise<Violation[]>;
  countViolations(q?: Omit<ViolationQuery, keyof Page | 'orderBy'>): Promise<number>;
  groupViolations(by: ViolationGroupKey[], q?: Omit<ViolationQuery, keyof Page | 'orderBy'>): Promise<ViolationCount[]>;
  /** ARNs of the resources that have a violation in one of these states (once per scan, to skip clean resources). */
  resourcesWithViolations(states: ViolationState[]): Promise<string[]>;
  /** Every violation (any state) on these resources: the reconciler's view of the past. */
  violationsOfResources(arns: string[]): Promise<Violation[]>;
  insertViolations(violations: Violation[]): Promise<void>;
  /**
   * Writes each violation whose stored version is `version - 1` (the caller bumps it).
   * @throws VigilError code `store.conflict` when another writer changed one first; nothing is written.
   */
  updateViolations(violations: Violation[]): Promise<void>;

  /**
   * Records that a scan found these violations failing again exactly as stored (same evidence,
   * severity and owner): lastSeenAt and lastScanId move and the version bumps, so a writer holding an
   * older copy re-reads instead of writing an old lastSeenAt back. Two columns, not the whole row.
   */
  markViolationsSeen(ids: string[], scanId: string, at: string): Promise<void>;

  /** Appends events to the hash chain (serialised across writers) and returns them with seq and hashes. */
  appendEvents(events: AuditEventInput[]): Promise<AuditEvent[]>;
  listEvents(q?: EventQuery): Promise<AuditEvent[]>;
  lastEvent(): Promise<AuditEvent | undefined>;

  startScan(scan: ScanRecord): Promise<void>;
  finishScan(id: string, patch: Pick<ScanRecord, 'finishedAt' | 'status' | 'stats'> & { error?: string | null }): Promise<void>;
  getScan(id: string): Promise<ScanRecord | undefined>;
  listScans(q?: Page): Promise<ScanRecord[]>;
  addPolicyResults(rows: PolicyResultRow[]): Promise<void>;
  policyResults(scanId: string): Promise<PolicyResultRow[]>;

  addQuarantine(records: QuarantinedRecord[], scanId: string, at: string): Promise<void>;
  listQuarantine(q?: Page & { scanId?: string }): Promise<StoredQuarantine[]>;
}

/**
 * The store port.
 *
 * @example
 * const store = await openStore({ url: './.vigil/vigil.db' });
 * await store.transaction(async (tx) => {
 *   await tx.insertViolations([v]);
 *   await tx.appendEvents([{ type: 'violation.opened', subjectKind: 'violation', subjectId: v.id, actor: 'scanner', at, data: {} }]);
 * });
 */
export interface Store extends StoreOps {
  readonly kind: 'sqlite' | 'postgres';
  /** Applies pending migrations (idempotent; safe with several processes starting at once). */
  migrate(): Promise<void>;
  /** Runs `fn` in one transaction: everything written through `tx` commits or rolls back together. */
  transaction<T>(fn: (tx: StoreOps) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
