import type { QuarantinedRecord } from '../../inventory/resource.js';
import type { Page } from './page.js';

export interface StoredQuarantine extends QuarantinedRecord {
  id: number;
  scanId: string;
  at: string;
}

export interface QuarantineQuery extends Page {
  scanId?: string;
}

/** Quarantined records are kept verbatim up to this many characters; beyond it they are evidence, not data. */
export const MAX_QUARANTINE_RECORD = 16_384;

/**
 * Records a scan could not use (bad input), kept with the reason so a person can fix the source
 * while the rest of the scan proceeds.
 *
 * @example
 * await store.quarantine.add([{ source: 'file:inv.jsonl:3', reason: 'missing arn', record: line }], scanId, at);
 * (await store.quarantine.list({ scanId }))[0]?.reason; // 'missing arn'
 */
export interface QuarantineStore {
  /** Keeps records in arrival order; one longer than MAX_QUARANTINE_RECORD is truncated with a note. */
  add(records: QuarantinedRecord[], scanId: string, at: string): Promise<void>;
  list(q?: QuarantineQuery): Promise<StoredQuarantine[]>;
}

/** What add() keeps of a record. */
export const truncateQuarantineRecord = (s: string): string =>
  s.length <= MAX_QUARANTINE_RECORD ? s : `${s.slice(0, MAX_QUARANTINE_RECORD)}…[truncated ${s.length - MAX_QUARANTINE_RECORD} characters]`;
