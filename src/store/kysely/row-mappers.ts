import type { Insertable, Selectable } from 'kysely';
import type { AuditEvent } from '../../audit/audit-event.js';
import type { Severity } from '../../common/severity.js';
import type { Violation, ViolationState } from '../../violations/violation.js';
import type {
  AuditEventsTable,
  PolicyResultsTable,
  QuarantineTable,
  ScansTable,
  ViolationsTable,
} from '../database-schema.js';
import { isoOrNull, isoTimestamp } from '../iso-timestamp.js';
import { parseJson } from '../stored-resource.js';
import type { StoredQuarantine } from '../ports/quarantine-store.js';
import type { PolicyResultRow, ScanRecord } from '../ports/scan-store.js';

export const toViolation = (r: Selectable<ViolationsTable>): Violation => ({
  id: r.id,
  policyId: r.policy_id,
  resourceArn: r.resource_arn,
  resourceType: r.resource_type,
  accountId: r.account_id,
  region: r.region,
  owner: r.owner,
  severity: r.severity as Severity,
  state: r.state as ViolationState,
  remindersSent: Number(r.reminders_sent),
  evidence: parseJson(r.evidence),
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
  stateChangedAt: r.state_changed_at,
  nextActionAt: r.next_action_at,
  resolvedAt: r.resolved_at,
  resolution: r.resolution,
  lastScanId: r.last_scan_id,
  version: Number(r.version),
});

export const fromViolation = (v: Violation): Insertable<ViolationsTable> & { id: string; version: number } => ({
  id: v.id,
  policy_id: v.policyId,
  resource_arn: v.resourceArn,
  resource_type: v.resourceType,
  account_id: v.accountId,
  region: v.region,
  owner: v.owner ?? null,
  severity: v.severity,
  state: v.state,
  reminders_sent: v.remindersSent,
  evidence: JSON.stringify(v.evidence ?? []),
  first_seen_at: isoTimestamp(v.firstSeenAt, 'firstSeenAt'),
  last_seen_at: isoTimestamp(v.lastSeenAt, 'lastSeenAt'),
  state_changed_at: isoTimestamp(v.stateChangedAt, 'stateChangedAt'),
  next_action_at: isoOrNull(v.nextActionAt, 'nextActionAt'),
  resolved_at: isoOrNull(v.resolvedAt, 'resolvedAt'),
  resolution: v.resolution ?? null,
  last_scan_id: v.lastScanId,
  version: v.version,
});

export const toAuditEvent = (r: Selectable<AuditEventsTable>): AuditEvent => ({
  seq: Number(r.seq),
  prevHash: r.prev_hash,
  hash: r.hash,
  type: r.type,
  subjectKind: r.subject_kind as AuditEvent['subjectKind'],
  subjectId: r.subject_id,
  actor: r.actor,
  at: r.at,
  data: parseJson(r.data),
});

export const toScan = (r: Selectable<ScansTable>): ScanRecord => ({
  id: r.id,
  source: r.source,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status as ScanRecord['status'],
  stats: parseJson(r.stats),
  error: r.error,
});

export const toPolicyResult = (r: Selectable<PolicyResultsTable>): PolicyResultRow => ({
  scanId: r.scan_id,
  policyId: r.policy_id,
  accountId: r.account_id,
  region: r.region,
  evaluated: Number(r.evaluated),
  failed: Number(r.failed),
});

export const toQuarantine = (r: Selectable<QuarantineTable>): StoredQuarantine => ({
  id: Number(r.id),
  scanId: r.scan_id,
  at: r.at,
  source: r.source,
  reason: r.reason,
  record: r.record,
});
