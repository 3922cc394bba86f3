import type { Insertable, Selectable } from 'kysely';
import type { AuditEvent } from '../audit/audit-event.js';
import type { Severity } from '../common/severity.js';
import { VigilError } from '../common/vigil-error.js';
import type { Violation, ViolationState } from '../violations/violation.js';
import type {
  AuditEventsTable,
  PolicyResultsTable,
  QuarantineTable,
  ResourcesTable,
  ScansTable,
  ViolationsTable,
} from './database-schema.js';
import type { PolicyResultRow, ScanRecord, StoredQuarantine, StoredResource } from './store.js';

/** SQLite hands JSON back as text, pg's jsonb as a parsed value; the domain wants the value either way. */
export const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

const CANONICAL = /^\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * Every stored instant goes through here so that string comparison in SQL is time comparison: one
 * format (ISO-8601 UTC with milliseconds), whatever offset or precision the caller used.
 * @example isoTimestamp('2026-01-01T01:00:00+01:00') === '2026-01-01T00:00:00.000Z'
 */
export const isoTimestamp = (v: string, field = 'timestamp'): string => {
  // Nearly every value is already canonical (iso() made it); parsing a million of them per scan showed in profiles.
  if (typeof v === 'string' && v.length === 24 && CANONICAL.test(v)) return v;
  const d = new Date(v);
  if (typeof v !== 'string' || Number.isNaN(d.getTime())) {
    throw new VigilError('store.invalid', `${field}: not an ISO-8601 timestamp: ${JSON.stringify(v)}`, { status: 400, details: { field } });
  }
  return d.toISOString();
};

export const isoOrNull = (v: string | null | undefined, field: string): string | null => (v == null ? null : isoTimestamp(v, field));

/** A resource row joined with its scope (see `resourceRows` in kysely-store.ts). */
export type ResourceRow = Selectable<ResourcesTable> & {
  provider: string;
  account_id: string;
  region: string;
  type: string;
  scope_seen_at: string | null;
};

export const toStoredResource = (r: ResourceRow): StoredResource => {
  const config = parseJson<Record<string, unknown> | null>(r.config);
  // A live resource was seen whenever its scope was last listed completely (else it would be deleted).
  const lastSeenAt = r.deleted_at === null && r.scope_seen_at !== null && r.scope_seen_at > r.last_seen_at ? r.scope_seen_at : r.last_seen_at;
  const out: StoredResource = {
    provider: r.provider,
    accountId: r.account_id,
    region: r.region,
    type: r.type,
    id: r.resource_id,
    arn: r.arn,
    name: r.name ?? r.resource_id,
    tags: parseJson<Record<string, string>>(r.tags),
    config: config ?? {},
    snapshot: config !== null,
    observedAt: r.observed_at,
    firstSeenAt: r.first_seen_at,
    lastSeenAt,
    deletedAt: r.deleted_at,
    digest: r.digest,
  };
  if (r.owner !== null) out.owner = r.owner;
  return out;
};

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
