import type { PersonKey } from '../../audit/personal-data-seal.js';
import type { AuditEvent } from '../../audit/audit-event.js';
import { GENESIS_HASH } from '../../audit/audit-event.js';
import type { Violation } from '../../violations/violation.js';
import type { ChainHead } from '../audit-chain.js';
import type { AuditCheckpoint } from '../ports/audit-checkpoint-store.js';
import type { ChainAnchor } from '../ports/audit-log.js';
import type { ResourceRow } from '../stored-resource.js';
import type { ApiTokenRecord } from '../ports/api-token-store.js';
import type { ApprovalRecord } from '../ports/approval-store.js';
import type { OutboxRow } from '../ports/outbox-store.js';
import type { StoredQuarantine } from '../ports/quarantine-store.js';
import type { PolicyResultRow, ScanRecord } from '../ports/scan-store.js';
import type { EnforcementActionRecord } from '../ports/enforcement-action-store.js';

/** A `bus_messages` row. */
export interface MemoryBusMessage {
  readonly seq: number;
  readonly key: string;
  readonly family: string;
  /** JSON text, so every read returns a fresh object. */
  readonly payload: string;
  readonly status: 'ready' | 'done' | 'dead';
  readonly attempts: number;
  readonly availableAt: number;
  readonly claimId: string | null;
  readonly lastError: string | null;
  readonly settledAt: string | null;
}

/** A scope row, keyed by provider, type, account and region as in the SQL `resource_scopes` table. */
export interface MemoryScope {
  readonly provider: string;
  readonly accountId: string;
  readonly region: string;
  readonly type: string;
  readonly lastScanId: string | null;
  readonly lastSeenAt: string | null;
}

/**
 * A resource row as the SQL `resources` table holds it (JSON as text, so every read returns fresh
 * objects), keyed to its scope by the scope's key instead of a numeric id.
 */
export type MemoryResource = Readonly<Omit<ResourceRow, 'provider' | 'account_id' | 'region' | 'type' | 'scope_seen_at'>> & {
  readonly scope_key: string;
  readonly tags: string;
  readonly config: string | null;
};

/**
 * Everything the in-memory fake stores. Rows are never mutated, only replaced, so a transaction can
 * start from a cheap copy of the maps and either become the tables (commit) or be dropped (rollback).
 */
export interface MemoryTables {
  scopes: Map<string, MemoryScope>;
  resources: Map<string, MemoryResource>;
  violations: Map<string, Violation>;
  events: AuditEvent[];
  head: ChainHead;
  anchor: ChainAnchor;
  checkpoints: AuditCheckpoint[];
  scans: Map<string, ScanRecord>;
  policyResults: Map<string, PolicyResultRow>;
  quarantine: StoredQuarantine[];
  outbox: MemoryOutboxTables;
  approvals: ApprovalRecord[];
  busMessages: Map<number, MemoryBusMessage>;
  busKeys: Map<string, number>;
  enforcementActions: Map<string, EnforcementActionRecord>;
  /** Audit person keys by person reference (audit_person_keys). */
  personKeys: Map<string, PersonKey>;
  /** Report claims by plan NUL slot (report_claims). */
  reportClaims: Map<string, { owner: string; leaseUntil: string; doneAt: string | null }>;
  /** API tokens by id (api_tokens). */
  apiTokens: Map<string, ApiTokenRecord>;
}

/** The outbox's rows by id and its dedupe keys (key → row id). */
export interface MemoryOutboxTables {
  rows: Map<number, OutboxRow>;
  keys: Map<string, number>;
  nextId: number;
}

export const emptyOutboxTables = (): MemoryOutboxTables => ({ rows: new Map(), keys: new Map(), nextId: 1 });

export const emptyTables = (): MemoryTables => ({
  scopes: new Map(),
  resources: new Map(),
  violations: new Map(),
  events: [],
  head: { seq: 0, hash: GENESIS_HASH },
  anchor: { seq: 0, hash: GENESIS_HASH, at: null },
  checkpoints: [],
  scans: new Map(),
  policyResults: new Map(),
  quarantine: [],
  outbox: emptyOutboxTables(),
  approvals: [],
  busMessages: new Map(),
  busKeys: new Map(),
  enforcementActions: new Map(),
  personKeys: new Map(),
  reportClaims: new Map(),
  apiTokens: new Map(),
});

/** A transaction's draft: new containers over the same (immutable) rows. */
export const copyTables = (t: MemoryTables): MemoryTables => ({
  scopes: new Map(t.scopes),
  resources: new Map(t.resources),
  violations: new Map(t.violations),
  events: [...t.events],
  head: { ...t.head },
  anchor: { ...t.anchor },
  checkpoints: [...t.checkpoints],
  scans: new Map(t.scans),
  policyResults: new Map(t.policyResults),
  quarantine: [...t.quarantine],
  outbox: { rows: new Map(t.outbox.rows), keys: new Map(t.outbox.keys), nextId: t.outbox.nextId },
  approvals: [...t.approvals],
  busMessages: new Map(t.busMessages),
  busKeys: new Map(t.busKeys),
  enforcementActions: new Map(t.enforcementActions),
  personKeys: new Map(t.personKeys),
  reportClaims: new Map(t.reportClaims),
  apiTokens: new Map(t.apiTokens),
});

/**
 * How a memory port reaches its tables: `read()` sees what is committed (or the transaction's draft),
 * `write(fn)` runs `fn` alone — queued behind every other writer on the pool, directly inside a
 * transaction. `fn` checks everything before it changes anything, so a failed write leaves no trace.
 */
export interface MemorySession {
  read(): MemoryTables;
  write<T>(fn: (tables: MemoryTables) => T): Promise<T>;
}

/** Pages a sorted list the way LIMIT/OFFSET does. */
export const pageSlice = <T>(xs: T[], q: { limit?: number; offset?: number } = {}): T[] => {
  const from = q.offset ?? 0;
  return xs.slice(from, q.limit === undefined ? undefined : from + q.limit);
};

/** Byte-wise order like the stores' `collate "C"` text, for the ASCII ids, ARNs and ISO timestamps Vigil sorts. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
