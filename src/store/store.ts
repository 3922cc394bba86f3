import type { PersonalDataStore } from './ports/personal-data-store.js';
import type { ReportClaimStore } from './ports/report-claim-store.js';
import type { ApiTokenStore } from './ports/api-token-store.js';
import type { ApprovalStore } from './ports/approval-store.js';
import type { AuditCheckpointStore } from './ports/audit-checkpoint-store.js';
import type { AuditLog } from './ports/audit-log.js';
import type { EscalationQueue } from './ports/escalation-queue.js';
import type { BusQueueStore } from './ports/bus-queue-store.js';
import type { EnforcementActionStore } from './ports/enforcement-action-store.js';
import type { InventoryStore } from './ports/inventory-store.js';
import type { OutboxStore } from './ports/outbox-store.js';
import type { QuarantineStore } from './ports/quarantine-store.js';
import type { ScanStore } from './ports/scan-store.js';
import type { ViolationStore } from './ports/violation-store.js';

/**
 * One port per aggregate, all over the same database (or the same transaction). A new aggregate is a
 * new port file in `ports/`, a field here, and its implementations; see src/store/README.md.
 */
export interface StorePorts {
  readonly inventory: InventoryStore;
  readonly violations: ViolationStore;
  readonly audit: AuditLog;
  readonly checkpoints: AuditCheckpointStore;
  readonly scans: ScanStore;
  readonly quarantine: QuarantineStore;
  /** The escalation manager's outbox: owners' digests and enforcement requests, written with the step. */
  readonly outbox: OutboxStore;
  /** Security approvals and rejections of disruptive enforcement. */
  readonly approvals: ApprovalStore;
  /** The manager's work queue: violations whose next action is due (claimed, locked on PostgreSQL). */
  readonly escalation: EscalationQueue;
  /** The embedded bus's queue: enqueue inside a transaction to publish with the state change. */
  readonly busQueue: BusQueueStore;
  readonly enforcementActions: EnforcementActionStore;
  /** Erasure of a person's data across resources, violations, notifications and approvals (`vigil erase-person`). */
  readonly personalData: PersonalDataStore;
  /** Claims on scheduled report runs: one manager per (plan, slot). */
  readonly reportClaims: ReportClaimStore;
  /** API tokens by the hash of their secret (`vigil api-token`). */
  readonly apiTokens: ApiTokenStore;
}

/**
 * The database: the ports, plus its lifecycle and the transaction boundary. A state change and the
 * audit event that records it go through the same `tx`, so they commit (or roll back) together.
 *
 * @example
 * const store = await openStore({ url: './.vigil/vigil.db' });
 * await store.transaction(async (tx) => {
 *   await tx.violations.insert([v]);
 *   await tx.audit.append([{ type: 'violation.opened', subjectKind: 'violation', subjectId: v.id, actor: 'scanner', at, data: {} }]);
 * });
 */
export interface Store extends StorePorts {
  /** Which implementation: the in-memory fake is for unit tests only. */
  readonly kind: 'sqlite' | 'postgres' | 'memory';
  /** Applies pending migrations (idempotent; safe with several processes starting at once). */
  migrate(): Promise<void>;
  /** Runs `fn` in one transaction: everything written through `tx` commits or rolls back together. */
  transaction<T>(fn: (tx: StorePorts) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
