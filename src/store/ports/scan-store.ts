import type { Page } from './page.js';

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

export type ScanOutcome = Pick<ScanRecord, 'finishedAt' | 'status' | 'stats'> & { error?: string | null };

/** How many resources one policy judged and failed, per account and region, in one scan (compliance scores, trends). */
export interface PolicyResultRow {
  scanId: string;
  policyId: string;
  accountId: string;
  region: string;
  evaluated: number;
  failed: number;
}

/**
 * Scans and what each one found per policy.
 *
 * @example
 * await store.scans.start({ id, source: 'demo', startedAt: at, finishedAt: null, status: 'running', stats: {} });
 * await store.scans.addPolicyResults([{ scanId: id, policyId: 's3-versioning', accountId, region, evaluated: 10, failed: 2 }]);
 * await store.scans.finish(id, { finishedAt: later, status: 'finished', stats: { resources: 10 } });
 */
export interface ScanStore {
  /** @throws VigilError `store.conflict` when the id exists already. */
  start(scan: ScanRecord): Promise<void>;
  /** @throws VigilError `store.not-found` for an unknown scan. */
  finish(id: string, outcome: ScanOutcome): Promise<void>;
  get(id: string): Promise<ScanRecord | undefined>;
  /** Newest first by start time. */
  list(q?: Page): Promise<ScanRecord[]>;
  /** Adds to the counts already stored for the same (scan, policy, account, region): scans report per batch. */
  addPolicyResults(rows: PolicyResultRow[]): Promise<void>;
  /** One scan's rows ordered by policy, account, region. */
  policyResults(scanId: string): Promise<PolicyResultRow[]>;
}
