import { createHash } from 'node:crypto';
import type { Severity } from '../common/severity.js';
import type { AuditEvent, AuditEventInput } from '../audit/audit-event.js';
import type { QuarantinedRecord, Resource } from '../inventory/resource.js';
import type { CoveredScope } from '../providers/provider.js';
import type { Violation, ViolationState } from '../violations/violation.js';

/** A resource as stored: the collected resource plus its inventory lifecycle. */
export interface StoredResource extends Resource {
  firstSeenAt: string;
  lastSeenAt: string;
  lastScanId: string;
  /** Set when a complete listing of its scope no longer contained it. */
  deletedAt: string | null;
  /** Digest of the config JSON: unchanged configs are not rewritten. */
  configHash: string;
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
  config: string;
  /** Digest of `config` (change detection, not integrity); `none` when the snapshot is not kept. */
  configDigest: string;
  observedAt: string;
}

/**
 * @example serializeResource(bucket).config; // '{"Name":"payments-logs",…}'
 */
export const serializeResource = (r: Resource, keepConfig = true): SerializedResource => {
  const config = keepConfig ? JSON.stringify(r.config ?? {}) : 'null';
  return {
    arn: r.arn,
    provider: r.provider,
    accountId: r.accountId,
    region: r.region,
    type: r.type,
    id: r.id,
    name: r.name,
    tags: JSON.stringify(r.tags ?? {}),
    owner: r.owner ?? null,
    config,
    configDigest: keepConfig ? createHash('md5').update(config).digest('base64') : 'none',
    observedAt: r.observedAt,
  };
};

/**
 * Every read and write Vigil makes. Two adapters (SQLite, PostgreSQL) implement it with the same
 * queries (Kysely); the same contract suite runs against both.
 */
export interface StoreOps {
  upsertResources(resources: Resource[], scanId: string, at: string): Promise<void>;
  /** The same as upsertResources, for resources serialized elsewhere (a scan's producer thread). */
  upsertSerializedResources(resources: SerializedResource[], scanId: string, at: string): Promise<void>;
  getResource(arn: string): Promise<StoredResource | undefined>;
  listResources(q?: ResourceQuery): Promise<StoredResource[]>;
  countResources(q?: Omit<ResourceQuery, keyof Page>): Promise<number>;
  /**
   * Marks as deleted every live resource in the scopes whose lastScanId differs from `scanId`.
   * @returns the ARNs newly marked deleted.
   */
  markMissingResources(scopes: CoveredScope[], scanId: string, at: string): Promise<string[]>;

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
