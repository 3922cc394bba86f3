import type { KeyObject } from 'node:crypto';
import { keyFingerprint } from '../audit/checkpoint-signature.js';
import type { AuditEvent } from '../audit/audit-event.js';
import type { StorePorts } from '../store/store.js';
import { LIVE_STATES, type Violation } from '../violations/violation.js';
import { violationsAt } from './point-in-time.js';
import { frameworkDetail, type FrameworkDetail, type FrameworkReportInput } from './framework-report.js';

export type ReportKind = 'compliance' | 'activity' | 'exceptions' | 'trend';

/** Event types the activity report lists (the management app and enforcers write most of them). */
export const ACTIVITY_TYPES = [
  'violation.reminded', 'violation.escalated', 'enforcement.requested', 'enforcement.succeeded', 'enforcement.skipped', 'enforcement.failed',
  'enforcement.dead-lettered', 'enforcement.rolled-back', 'approval.granted', 'approval.rejected', 'notification.sent', 'notification.failed',
  'exception.applied', 'exception.expired',
];
const EXCEPTION_TYPES = ['exception.loaded', 'exception.expired', 'exception.applied'];

/** An exception as the register shows it, read from `exception.*` audit events (data carries the exception). */
export interface ExceptionEntry {
  id: string;
  policyId: string | null;
  selector: unknown;
  justification: string | null;
  approver: string | null;
  expires: string | null;
  loadedAt: string;
  status: 'active' | 'expired';
  applied: number;
}

export interface FailingControl {
  policyId: string;
  failing: number;
  /** At most `evidenceCap` failing resources with their evidence; `failing` counts them all. */
  resources: { arn: string; accountId: string; region: string; owner: string | null; state: string; evidence: Violation['evidence'] }[];
}

/** The cover's proof of the trail: the chain head and its latest signed checkpoint. */
export interface ChainProof {
  headSeq: number;
  headHash: string;
  checkpoint: { seq: number; headHash: string; at: string; keyId: string; signature: string } | null;
  publicKeyFingerprint: string | null;
}

export interface AuditorReport {
  kind: ReportKind;
  organisation: string;
  scope: { framework: string; accounts: string[] | null };
  period: { from: string | null; to: string };
  generatedAt: string;
  chain: ChainProof;
  framework: FrameworkDetail;
  failing: FailingControl[];
  exceptions: ExceptionEntry[];
  /** Score per finished scan, oldest first (trend reports). */
  trend: { scanId: string; finishedAt: string; score: number | null; passed: number; evaluated: number }[];
  activity: { at: string; type: string; actor: string; subjectKind: string; subjectId: string; data: Record<string, unknown> }[];
}

export interface AuditorReportRequest {
  kind: ReportKind;
  frameworkId: string;
  organisation: string;
  accounts?: string[];
  from?: string;
  to: string;
  generatedAt: string;
  evidenceCap?: number;
  publicKey?: KeyObject;
  /** Reproduce the failing resources as the trail says they stood at this instant (the caller passes that date's scan). */
  at?: string;
}

/**
 * Builds the data of an auditor-ready report (compliance, activity or exceptions register) from the
 * store: rendered by report-html (HTML, PDF) or written as JSON/CSV. Exceptions come from the audit
 * trail's `exception.*` events, so the register needs no exception store of its own.
 *
 * @example
 * const r = await buildAuditorReport(store, input, { kind: 'compliance', frameworkId: 'dora', organisation: 'Acme', to: now, generatedAt: now });
 * r.framework.requirements.length; // 84
 */
export const buildAuditorReport = async (store: Pick<StorePorts, 'audit' | 'checkpoints' | 'violations' | 'scans'>, given: FrameworkReportInput, req: AuditorReportRequest): Promise<AuditorReport> => {
  // A report scoped to some accounts scores only their evaluations, as it lists only their failures.
  const input = given.scan ? { ...given, scan: { ...given.scan, results: inAccounts(given.scan.results, req.accounts) } } : given;
  const framework = frameworkDetail(input, req.frameworkId);
  const cap = req.evidenceCap ?? 25;
  const failing: FailingControl[] = [];
  if (req.kind === 'compliance' && req.at) {
    const past = (await violationsAt(store, req.at)).filter((v) => !req.accounts || req.accounts.includes(v.accountId));
    const controls = new Set(framework.requirements.flatMap((r) => r.controls));
    const byPolicy = new Map<string, typeof past>();
    for (const v of past) if (controls.has(v.policyId)) byPolicy.set(v.policyId, [...(byPolicy.get(v.policyId) ?? []), v]);
    for (const [policyId, vs] of [...byPolicy].sort(([a], [b]) => (a < b ? -1 : 1))) {
      failing.push({ policyId, failing: vs.length, resources: vs.slice(0, cap).map((v) => ({ arn: v.resourceArn, accountId: v.accountId, region: v.region, owner: null, state: 'open', evidence: v.evidence })) });
    }
  } else if (req.kind === 'compliance') {
    const controls = [...new Set(framework.requirements.flatMap((r) => r.controls))].sort();
    for (const policyId of controls) {
      const q = { policyIds: [policyId], states: [...LIVE_STATES], ...(req.accounts?.length === 1 ? { accountId: req.accounts[0]! } : {}) };
      let rows = await store.violations.list({ ...q, limit: req.accounts && req.accounts.length > 1 ? 100_000 : cap, orderBy: 'severity' });
      let count = await store.violations.count(q);
      if (req.accounts && req.accounts.length > 1) {
        rows = rows.filter((v) => req.accounts!.includes(v.accountId));
        count = rows.length;
      }
      if (count) {
        failing.push({
          policyId,
          failing: count,
          resources: rows.slice(0, cap).map((v) => ({ arn: v.resourceArn, accountId: v.accountId, region: v.region, owner: v.owner, state: v.state, evidence: v.evidence })),
        });
      }
    }
  }
  const exceptions = req.kind === 'activity' ? [] : exceptionRegister(await events(store, EXCEPTION_TYPES, undefined, req.to), req.to);
  const activity =
    req.kind === 'activity'
      ? (await events(store, ACTIVITY_TYPES, req.from, req.to)).map((e) => ({ at: e.at, type: e.type, actor: e.actor, subjectKind: e.subjectKind, subjectId: e.subjectId, data: e.data }))
      : [];
  const trend = req.kind === 'trend' ? await scoreHistory(store, input, req) : [];
  const head = await store.audit.head();
  const cp = await store.checkpoints.latest();
  return {
    kind: req.kind,
    organisation: req.organisation,
    scope: { framework: framework.id, accounts: req.accounts ?? null },
    period: { from: req.from ?? null, to: req.to },
    generatedAt: req.generatedAt,
    chain: {
      headSeq: head.seq,
      headHash: head.hash,
      checkpoint: cp ? { seq: cp.seq, headHash: cp.headHash, at: cp.at, keyId: cp.keyId, signature: cp.signature } : null,
      publicKeyFingerprint: req.publicKey ? `sha256:${keyFingerprint(req.publicKey)}` : null,
    },
    framework,
    failing,
    exceptions,
    trend,
    activity,
  };
};

/** Per-account result rows of the given accounts (all rows without a scope). */
const inAccounts = <T extends { accountId: string }>(rows: readonly T[], accounts: readonly string[] | undefined): readonly T[] =>
  accounts?.length ? rows.filter((r) => accounts.includes(r.accountId)) : rows;

const events = async (store: Pick<StorePorts, 'audit'>, types: string[], from: string | undefined, to: string): Promise<AuditEvent[]> => {
  const out: AuditEvent[] = [];
  for (let afterSeq = 0; ; ) {
    const page = await store.audit.list({ types, afterSeq, until: to, ...(from ? { since: from } : {}), limit: 5_000 });
    out.push(...page);
    if (page.length < 5_000) return out;
    afterSeq = page[page.length - 1]!.seq;
  }
};

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Folds exception events into one entry per exception: loaded, applied N times, expired or active at `at`. */
export const exceptionRegister = (evs: readonly AuditEvent[], at: string): ExceptionEntry[] => {
  const byId = new Map<string, ExceptionEntry>();
  for (const e of evs) {
    const x = (e.data['exception'] ?? e.data) as Record<string, unknown>;
    const id = str(x['id']) ?? e.subjectId;
    if (e.type === 'exception.loaded') {
      const expires = str(x['expires']);
      byId.set(id, {
        id,
        policyId: str(x['policy']) ?? str(x['policyId']),
        selector: x['resource'] ?? x['selector'] ?? x['tags'] ?? null,
        justification: str(x['justification']),
        approver: str(x['approver']) ?? str(x['approvedBy']),
        expires,
        loadedAt: e.at,
        status: expires !== null && expires <= at ? 'expired' : 'active',
        applied: byId.get(id)?.applied ?? 0,
      });
    } else {
      const entry = byId.get(id);
      if (!entry) continue;
      if (e.type === 'exception.expired') byId.set(id, { ...entry, status: 'expired' });
      if (e.type === 'exception.applied') byId.set(id, { ...entry, applied: entry.applied + 1 });
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
};

/** The framework's score in every finished scan in the period (newest 500 at most), oldest first. */
const scoreHistory = async (store: Pick<StorePorts, 'scans'>, input: FrameworkReportInput, req: AuditorReportRequest): Promise<AuditorReport['trend']> => {
  const out: AuditorReport['trend'] = [];
  for (let offset = 0; offset < 500; offset += 50) {
    const page = await store.scans.list({ limit: 50, offset });
    for (const s of page) {
      if (s.status !== 'finished' || !s.finishedAt || s.finishedAt > req.to || (req.from && s.finishedAt < req.from)) continue;
      const d = frameworkDetail({ ...input, scan: { id: s.id, finishedAt: s.finishedAt, results: inAccounts(await store.scans.policyResults(s.id), req.accounts) } }, req.frameworkId);
      out.push({ scanId: s.id, finishedAt: s.finishedAt, score: d.score, passed: d.passed, evaluated: d.evaluated });
    }
    if (page.length < 50) break;
  }
  return out.sort((a, b) => (a.finishedAt < b.finishedAt ? -1 : 1));
};
