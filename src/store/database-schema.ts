import type { ApprovalsTable, OutboxKeysTable, OutboxTable } from './escalation-schema.js';
import type { ColumnType } from 'kysely';

/**
 * The tables as Kysely sees them, shared by both adapters. Column names are snake_case in SQL; the
 * store maps rows to the camelCase domain shapes in `kysely/row-mappers.ts`.
 *
 * JSON columns are text in SQLite and jsonb in PostgreSQL: written as JSON text, read back as either
 * text (SQLite) or an already-parsed value (pg), which `parseJson` accepts both ways.
 */
export type JsonColumn = ColumnType<unknown, string, string>;

/** Integers that PostgreSQL stores as bigint. The pool parses int8 to number; SQLite returns numbers. */
export type BigIntColumn = ColumnType<number, number, number>;

export interface ResourceScopesTable {
  id: ColumnType<number, never, never>;
  provider: string;
  account_id: string;
  region: string;
  type: string;
  last_scan_id: string | null;
  last_seen_at: string | null;
}

export interface ResourcesTable {
  arn: string;
  scope_id: number;
  resource_id: string;
  /** NULL when it equals resource_id. */
  name: string | null;
  tags: JsonColumn;
  owner: string | null;
  /** NULL when no snapshot is kept. */
  config: ColumnType<unknown, string | null, string | null>;
  digest: string;
  observed_at: string;
  first_seen_at: string;
  last_seen_at: string;
  deleted_at: string | null;
}

export interface ViolationsTable {
  id: string;
  policy_id: string;
  resource_arn: string;
  resource_type: string;
  account_id: string;
  region: string;
  owner: string | null;
  severity: string;
  state: string;
  reminders_sent: number;
  evidence: JsonColumn;
  first_seen_at: string;
  last_seen_at: string;
  state_changed_at: string;
  next_action_at: string | null;
  resolved_at: string | null;
  resolution: string | null;
  last_scan_id: string;
  version: number;
}

export interface AuditEventsTable {
  seq: BigIntColumn;
  prev_hash: string;
  hash: string;
  type: string;
  subject_kind: string;
  subject_id: string;
  actor: string;
  at: string;
  data: JsonColumn;
}

/** One row (id = 1): the end of the hash chain. Locking it serialises appends across writers. */
export interface AuditHeadTable {
  id: number;
  seq: BigIntColumn;
  hash: string;
}

/** A signed statement of the chain's head at one seq (Ed25519 over the canonical checkpoint text). */
export interface AuditCheckpointsTable {
  seq: BigIntColumn;
  head_hash: string;
  at: string;
  key_id: string;
  signature: string;
}

/** One row (id = 1): the last expired record (0 and the genesis hash before any expiry). */
export interface AuditAnchorTable {
  id: number;
  seq: BigIntColumn;
  hash: string;
  at: string | null;
}

export interface ScansTable {
  id: string;
  source: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  stats: JsonColumn;
  error: string | null;
}

export interface PolicyResultsTable {
  scan_id: string;
  policy_id: string;
  account_id: string;
  region: string;
  evaluated: number;
  failed: number;
}

export interface QuarantineTable {
  id: ColumnType<number, never, never>;
  scan_id: string;
  at: string;
  source: string;
  reason: string;
  record: string;
}

export interface MigrationsTable {
  name: string;
  applied_at: ColumnType<string, string | undefined, never>;
}

export interface VigilDatabase {
  resources: ResourcesTable;
  resource_scopes: ResourceScopesTable;
  violations: ViolationsTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_anchor: AuditAnchorTable;
  scans: ScansTable;
  policy_results: PolicyResultsTable;
  quarantine: QuarantineTable;
  outbox: OutboxTable;
  outbox_keys: OutboxKeysTable;
  approvals: ApprovalsTable;
  vigil_migrations: MigrationsTable;
  bus_messages: BusMessagesTable;
  enforcement_actions: EnforcementActionsTable;
  audit_person_keys: AuditPersonKeysTable;
  report_claims: ReportClaimsTable;
  api_tokens: ApiTokensTable;
}

/** An API token by the hash of its secret (migration 0014). */
export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  hash: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** A manager's claim on one scheduled report run (migration 0013). */
export interface ReportClaimsTable {
  plan: string;
  slot: string;
  owner: string;
  lease_until: string;
  done_at: string | null;
}

/** One person's audit sealing key (base64), filed under personRef; deleting the row erases the person. */
export interface AuditPersonKeysTable {
  key_id: string;
  person_ref: string;
  key: string;
  created_at: string;
}

export interface BusMessagesTable {
  seq: ColumnType<number, never, never>;
  idempotency_key: string;
  family: string;
  message: JsonColumn;
  status: string;
  attempts: number;
  /** Epoch ms: a claimed or nak'ed message is invisible until then. */
  available_at: BigIntColumn;
  claim_id: string | null;
  last_error: string | null;
  enqueued_at: string;
  settled_at: string | null;
}

export interface EnforcementActionsTable {
  id: string;
  idempotency_key: string;
  action: string;
  family: string;
  violation_id: string;
  resource_arn: string;
  account_id: string;
  region: string;
  params: JsonColumn;
  resource_type: string;
  status: string;
  reason: string | null;
  dry_run: number;
  before_state: ColumnType<unknown, string | null, string | null>;
  after_state: ColumnType<unknown, string | null, string | null>;
  error: string | null;
  trace_id: string;
  started_at: string;
  finished_at: string | null;
  rolled_back_by: string | null;
}
