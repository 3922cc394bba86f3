/**
 * started: written before the action touches anything; succeeded / skipped (with reason, e.g. dry-run,
 * exception, resolved) / failed (with error) when it ended. `rolledBackBy` is set when a rollback undid it.
 */
export type EnforcementActionStatus = 'started' | 'succeeded' | 'skipped' | 'failed';

/** What one enforcement message did (or would have done): the evidence and the rollback's source. */
export interface EnforcementActionRecord {
  /** The action id people use: `vigil rollback <id>`. */
  id: string;
  /** violation id + ladder step: one record per key, so a redelivered message finds it and never acts twice. */
  idempotencyKey: string;
  action: string;
  family: string;
  violationId: string;
  resourceArn: string;
  resourceType: string;
  accountId: string;
  region: string;
  /** The message's params after defaults: what undo needs besides the before-state. */
  params: Record<string, unknown>;
  status: EnforcementActionStatus;
  reason: string | null;
  dryRun: boolean;
  /** The resource's relevant state before the action (what undo restores). */
  before: unknown;
  after: unknown;
  error: string | null;
  traceId: string;
  startedAt: string;
  finishedAt: string | null;
  /** The id of the rollback record that undid this action. */
  rolledBackBy: string | null;
}

export type NewEnforcementAction = Omit<EnforcementActionRecord, 'status' | 'reason' | 'after' | 'error' | 'finishedAt' | 'rolledBackBy'>;

export interface EnforcementActionQuery {
  accountId?: string;
  action?: string;
  resourceType?: string;
  statuses?: EnforcementActionStatus[];
  /** Started at or after. */
  since?: string;
  dryRun?: boolean;
  limit?: number;
}

/**
 * Enforcement action records (`enforcement_actions`).
 *
 * @example
 * const { record, created } = await store.enforcementActions.begin({ id, idempotencyKey: 'v-1:4', … });
 * if (!created && record.status === 'succeeded') return; // a redelivery: it acted already
 * await store.enforcementActions.finish(record.id, { status: 'succeeded', reason: null, before, after, error: null, finishedAt });
 */
export interface EnforcementActionStore {
  /** Records an action about to start; when its idempotency key has a record already, returns that one (created false). */
  begin(r: NewEnforcementAction): Promise<{ record: EnforcementActionRecord; created: boolean }>;
  /** Moves a record back to started for another attempt (after a transient failure or a crash). */
  restart(id: string, at: string): Promise<void>;
  /** @throws VigilError `store.not-found` for an unknown id. */
  finish(id: string, outcome: Pick<EnforcementActionRecord, 'status' | 'reason' | 'before' | 'after' | 'error' | 'finishedAt'> & { dryRun?: boolean }): Promise<void>;
  get(id: string): Promise<EnforcementActionRecord | undefined>;
  byKey(idempotencyKey: string): Promise<EnforcementActionRecord | undefined>;
  /** Newest first. */
  list(q?: EnforcementActionQuery): Promise<EnforcementActionRecord[]>;
  /**
   * How many records match; with `upTo`, at most that many (min(count, upTo)), reading no more rows
   * than that: a rate limit only needs to know whether a window holds more than its limit.
   */
  count(q?: Omit<EnforcementActionQuery, 'limit'>, upTo?: number): Promise<number>;
  /**
   * `count(q ∪ { accountId }, upTo)` for each of several accounts in one read: the enforcers' per-account
   * rate limit for every delivery in hand at once. Every account asked for is in the answer (0 when none).
   *
   * @example
   * const n = await actions.countPerAccount(['111122223333', '444455556666'], { statuses: ['started', 'succeeded'], since, dryRun: false }, 1_001);
   * n.get('111122223333'); // 0…1,001
   */
  countPerAccount(accountIds: readonly string[], q: Omit<EnforcementActionQuery, 'limit' | 'accountId'>, upTo: number): Promise<Map<string, number>>;
  /** @throws VigilError `store.conflict` when it was rolled back already. */
  markRolledBack(id: string, rollbackId: string): Promise<void>;
}
