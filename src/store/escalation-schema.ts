import type { ColumnType } from 'kysely';
import type { JsonColumn } from './database-schema.js';

/**
 * The escalation tables (migration 0004) as Kysely sees them. Kept beside `database-schema.ts`
 * rather than in it so the management app's tables can be read on their own; `VigilDatabase` and
 * these are one database (`Kysely<VigilDatabase & EscalationTables>`).
 */
export interface OutboxTable {
  id: ColumnType<number, never, never>;
  kind: string;
  topic: string;
  payload: JsonColumn;
  status: string;
  attempts: number;
  created_at: string;
  next_attempt_at: string;
  claim_token: string | null;
  lease_until: string | null;
  sent_at: string | null;
  last_error: string | null;
}

/** One row per dedupe key ever enqueued: the primary key is what makes "never twice" hold across processes. */
export interface OutboxKeysTable {
  key: string;
  outbox_id: number;
}

export interface ApprovalsTable {
  id: ColumnType<number, never, never>;
  violation_id: string;
  decision: string;
  by: string;
  reason: string | null;
  at: string;
}

export interface EscalationTables {
  outbox: OutboxTable;
  outbox_keys: OutboxKeysTable;
  approvals: ApprovalsTable;
}
