import type { Severity } from '../../common/severity.js';
import type { Violation, ViolationState } from '../../violations/violation.js';
import type { Page } from './page.js';

/** Which violations a read wants; an explicitly empty list (`states: []`) matches nothing. */
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
  /** 'lastSeen' (default): newest first by lastSeenAt; 'age': oldest first by firstSeenAt; 'severity': most severe first, then newest. Ties by id. */
  orderBy?: 'lastSeen' | 'age' | 'severity';
}

export type ViolationFilter = Omit<ViolationQuery, keyof Page | 'orderBy'>;

export type ViolationGroupKey = 'policyId' | 'severity' | 'state' | 'accountId' | 'region' | 'owner' | 'resourceType';

export interface ViolationCount {
  key: Partial<Record<ViolationGroupKey, string | null>>;
  count: number;
}

/**
 * Violations and their lifecycle. Writes are optimistic: each violation carries a version, and an
 * update applies only over the version it was read at.
 *
 * @example
 * const v = await store.violations.get('v-123');
 * await store.transaction(async (tx) => {
 *   await tx.violations.update([{ ...v, state: 'reminded', version: v.version + 1 }]);
 *   await tx.audit.append([{ type: 'violation.reminded', subjectKind: 'violation', subjectId: v.id, actor: 'manager', at, data: {} }]);
 * });
 */
export interface ViolationStore {
  get(id: string): Promise<Violation | undefined>;
  list(q?: ViolationQuery): Promise<Violation[]>;
  count(q?: ViolationFilter): Promise<number>;
  /**
   * Every violation `list` would return for `q` (its limit and offset ignored), in pages of `size`.
   * Made for exports of a whole scan: where the engine streams a result (SQLite), one ordered read
   * instead of a sort per page (OFFSET paging re-sorted all 121k violations of a 1M scan 25 times).
   * @example for await (const page of store.violations.pages({ scanId, orderBy: 'severity' })) write(page);
   */
  pages(q?: ViolationQuery, size?: number): AsyncIterable<Violation[]>;
  /** Counts per combination of keys, biggest first; a null key (unowned) sorts last. */
  group(by: ViolationGroupKey[], q?: ViolationFilter): Promise<ViolationCount[]>;
  /** ARNs of the resources that have a violation in one of these states (once per scan, to skip clean resources). */
  resourcesWith(states: ViolationState[]): Promise<string[]>;
  /** Every violation (any state) on these resources, by id: the reconciler's view of the past. */
  ofResources(arns: string[]): Promise<Violation[]>;
  /** @throws VigilError `store.conflict` when an id exists already; nothing of the batch is written. */
  insert(violations: Violation[]): Promise<void>;
  /**
   * Writes each violation whose stored version is `version - 1` (the caller bumps it). The same id
   * twice means two successive versions, applied in order.
   * @throws VigilError code `store.conflict` when another writer changed one first; nothing is written.
   */
  update(violations: Violation[]): Promise<void>;
  /**
   * Records that a scan found these violations failing again exactly as stored (same evidence,
   * severity and owner): lastSeenAt and lastScanId move and the version bumps, so a writer holding an
   * older copy re-reads instead of writing an old lastSeenAt back. Two columns, not the whole row.
   */
  markSeen(ids: string[], scanId: string, at: string): Promise<void>;
}
