import type { AuditEventInput } from '../audit/audit-event.js';
import { violationId } from './violation-id.js';
import { isLive, type Finding, type Violation } from './violation.js';

export interface ReconcileInput {
  /** ARN → the policy ids that judged it in this evaluation (passing or failing). */
  judged: Map<string, readonly string[]>;
  findings: readonly Finding[];
  /** `policyId\u0000arn` pairs that errored: leave their violations untouched. */
  undecided: ReadonlySet<string>;
  /** `policyId\u0000arn` pairs now outside the policy's scope: they resolve as `out-of-scope`. */
  outOfScope?: ReadonlySet<string>;
  /** Every stored violation of these resources. */
  existing: readonly Violation[];
  scanId: string;
  at: string;
  actor: string;
}

export interface ReconcileResult {
  inserts: Violation[];
  updates: Violation[];
  /** Ids of live violations found again exactly as stored: only their lastSeenAt moves (see ViolationStore.markSeen). */
  seen: string[];
  events: AuditEventInput[];
  opened: number;
  reopened: number;
  resolved: number;
  stillFailing: number;
}

/**
 * The violation lifecycle across scans, as a pure function: new failures open, failures seen again
 * refresh, resolved ones that fail again reopen, and live ones that now pass resolve — each change
 * with its audit event. Nothing is deleted.
 *
 * @example
 * const r = reconcile({ judged, findings, undecided: new Set(), existing, scanId, at, actor: 'scanner' });
 * await tx.violations.insert(r.inserts); await tx.violations.update(r.updates); await tx.audit.append(r.events);
 */
export const reconcile = (input: ReconcileInput): ReconcileResult => {
  const { at, scanId, actor } = input;
  const out: ReconcileResult = { inserts: [], updates: [], seen: [], events: [], opened: 0, reopened: 0, resolved: 0, stillFailing: 0 };
  const byId = new Map(input.existing.map((v) => [v.id, v]));
  const failing = new Set<string>();

  for (const f of input.findings) {
    const id = violationId(f.policyId, f.resourceArn);
    failing.add(id);
    const prev = byId.get(id);
    if (!prev) {
      out.inserts.push({
        id,
        policyId: f.policyId,
        resourceArn: f.resourceArn,
        resourceType: f.resourceType,
        accountId: f.accountId,
        region: f.region,
        owner: f.owner,
        severity: f.severity,
        state: 'open',
        remindersSent: 0,
        evidence: f.evidence,
        firstSeenAt: at,
        lastSeenAt: at,
        stateChangedAt: at,
        nextActionAt: at,
        resolvedAt: null,
        resolution: null,
        lastScanId: scanId,
        version: 1,
      });
      out.events.push(event('violation.opened', id, actor, at, { policyId: f.policyId, resourceArn: f.resourceArn, severity: f.severity, evidence: f.evidence, scanId }));
      out.opened++;
    } else if (prev.state === 'resolved') {
      out.updates.push({
        ...prev,
        ...refreshed(f, at, scanId),
        state: 'open',
        remindersSent: 0,
        stateChangedAt: at,
        nextActionAt: at,
        resolvedAt: null,
        resolution: null,
        version: prev.version + 1,
      });
      out.events.push(event('violation.reopened', id, actor, at, { from: 'resolved', previousResolution: prev.resolution, evidence: f.evidence, scanId }));
      out.reopened++;
    } else {
      if (prev.severity === f.severity && prev.owner === f.owner && JSON.stringify(prev.evidence) === JSON.stringify(f.evidence)) out.seen.push(id);
      else out.updates.push({ ...prev, ...refreshed(f, at, scanId), version: prev.version + 1 });
      out.stillFailing++;
    }
  }

  for (const prev of input.existing) {
    if (failing.has(prev.id) || !(isLive(prev.state) || prev.state === 'excepted')) continue;
    const judged = input.judged.get(prev.resourceArn);
    if (!judged || !judged.includes(prev.policyId) || input.undecided.has(`${prev.policyId}\u0000${prev.resourceArn}`)) continue;
    const reason = input.outOfScope?.has(`${prev.policyId}\u0000${prev.resourceArn}`) ? 'out-of-scope' : 'passes';
    out.updates.push({ ...prev, state: 'resolved', resolvedAt: at, resolution: reason, stateChangedAt: at, nextActionAt: null, lastScanId: scanId, version: prev.version + 1 });
    out.events.push(event('violation.resolved', prev.id, actor, at, { from: prev.state, reason, scanId }));
    out.resolved++;
  }
  return out;
};

/** Live violations of resources that no longer exist resolve with reason `resource-deleted`. */
export const resolveDeleted = (existing: readonly Violation[], at: string, scanId: string, actor: string): Pick<ReconcileResult, 'updates' | 'events'> => {
  const updates: Violation[] = [];
  const events: AuditEventInput[] = [];
  for (const v of existing) {
    if (!(isLive(v.state) || v.state === 'excepted')) continue;
    updates.push({ ...v, state: 'resolved', resolvedAt: at, resolution: 'resource-deleted', stateChangedAt: at, nextActionAt: null, lastScanId: scanId, version: v.version + 1 });
    events.push(event('violation.resolved', v.id, actor, at, { from: v.state, reason: 'resource-deleted', scanId }));
  }
  return { updates, events };
};

const refreshed = (f: Finding, at: string, scanId: string): Partial<Violation> => ({
  evidence: f.evidence,
  severity: f.severity,
  owner: f.owner,
  lastSeenAt: at,
  lastScanId: scanId,
});

const event = (type: string, subjectId: string, actor: string, at: string, data: Record<string, unknown>): AuditEventInput => ({
  type,
  subjectKind: 'violation',
  subjectId,
  actor,
  at,
  data,
});
