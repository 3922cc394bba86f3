import { randomUUID } from 'node:crypto';
import type { AuditEventInput } from '../audit/audit-event.js';
import type { EnforcementMessage } from '../violations/enforcement-message.js';
import type { Clock } from '../common/clock.js';
import { sha256, canonicalJson } from '../common/stable-hash.js';
import { VigilError } from '../common/vigil-error.js';
import { judgeMaximum } from '../exceptions/exception-maximum.js';
import { exceptionCovers, isActive, type PolicyException } from '../exceptions/policy-exception.js';
import { buildDigest, type DueReminder, type NextAction, type NotificationItem } from '../notifications/notification.js';
import type { ApprovalStore } from '../store/ports/approval-store.js';
import type { DueCursor, EscalationQueue } from '../store/ports/escalation-queue.js';
import type { OutboxStore } from '../store/ports/outbox-store.js';
import type { Violation, ViolationState } from '../violations/violation.js';
import type { EnforcementRequests } from './enforcement-requests.js';
import { ladderFor, type Ladder, type LadderSettings } from './ladder.js';
import { stepViolation, type ActiveException, type StepOutcome } from './ladder-machine.js';
import { endAction, resourceName, type ManagedPolicy } from './managed-policy.js';

/** The store ports the manager works through (a subset of the store's; `tx` inside a transaction). */
export interface ManagerPorts {
  violations: { list(q: { states?: ViolationState[]; policyIds?: string[]; accountId?: string; resourceArn?: string }): Promise<Violation[]>; update(vs: Violation[]): Promise<void> };
  audit: { append(events: AuditEventInput[]): Promise<unknown>; list(q: { subjectKind?: AuditEventInput['subjectKind']; subjectId?: string; types?: string[] }): Promise<{ type: string; at: string; data: Record<string, unknown> }[]> };
  inventory: { list(q: { arns?: string[]; includeDeleted?: boolean }): Promise<{ arn: string; tags: Record<string, string> }[]> };
  outbox: OutboxStore;
  approvals: Pick<ApprovalStore, 'latest'>;
  escalation: EscalationQueue;
}

export interface ManagerStore extends ManagerPorts {
  transaction<T>(fn: (tx: ManagerPorts) => Promise<T>): Promise<T>;
}

export interface ManagerDeps {
  store: ManagerStore;
  clock: Clock;
  /** The loaded policies by id. */
  policies: ReadonlyMap<string, ManagedPolicy>;
  settings: LadderSettings;
  /** The exceptions in force, read again at each run (files change under a running manager). */
  exceptions: () => Promise<readonly PolicyException[]>;
  /** The longest an exception may last (`escalation.maxExceptionDuration`, ms): longer new ones are refused, older ones capped. */
  maxExceptionMs: number;
  /** Account id → OU path, for per-OU ladders and OU selectors. */
  accountOus: ReadonlyMap<string, string>;
  requests: EnforcementRequests;
  /** Who hears of violations waiting for approval, besides their owner. */
  securityTeam?: string;
  /** "How to request an exception", per violation. */
  exceptionHowTo: (v: Violation) => string;
  /** Violations stepped per transaction (one digest per owner per transaction). */
  batchSize: number;
  actor?: string;
}

/** What one manager run did: the demo's timeline and `vigil manage` print these. */
export interface ManagerRunReport {
  at: string;
  reminded: number;
  enforcementRequested: number;
  awaitingApproval: number;
  escalated: number;
  overdue: number;
  rejected: number;
  excepted: number;
  exceptionsExpired: number;
  /** Exceptions not honoured because they are longer than the maximum (new ones), or honoured only up to it (older ones). */
  exceptionsRefused: number;
  exceptionsCapped: number;
  /** Outbox digests written (one per owner per batch). */
  digests: number;
  /** Violations stepped. */
  stepped: number;
}

type Counts = Omit<ManagerRunReport, 'at'>;
const emptyCounts = (): Counts => ({ reminded: 0, enforcementRequested: 0, awaitingApproval: 0, escalated: 0, overdue: 0, rejected: 0, excepted: 0, exceptionsExpired: 0, exceptionsRefused: 0, exceptionsCapped: 0, digests: 0, stepped: 0 });
const addCounts = (to: Counts, from: Counts): void => {
  for (const k of Object.keys(from) as (keyof Counts)[]) to[k] += from[k];
};
const isConflict = (err: unknown): boolean => err instanceof VigilError && err.code === 'store.conflict';

const EXCEPTION_EVENTS = ['exception.loaded', 'exception.expired', 'exception.refused', 'exception.capped'];

/** An exception as read, its version hash, its audit history, and what the maximum makes of it. */
interface Judged {
  original: PolicyException;
  hash: string;
  history: { type: string; at: string; data: Record<string, unknown> }[];
  verdict: ReturnType<typeof judgeMaximum>;
  /** What the manager honours: capped to the maximum, or nothing when refused. */
  effective: PolicyException | null;
}

const EXCEPTABLE: ViolationState[] = ['open', 'reminded', 'due', 'awaiting-approval', 'failed'];

/**
 * The escalation manager: at each run it applies exceptions (new ones except matching violations,
 * expired or withdrawn ones put them back on the ladder), then moves every violation whose
 * `nextActionAt` has come one step up its ladder. Each batch is one transaction holding the state
 * changes, their audit events, the owners' digests (outbox) and the enforcement requests, so a crash
 * leaves either all of a step or none of it, and the outbox's dedupe keys make a repeated step send nothing.
 *
 * @example
 * const manager = new ManagerService({ store, clock, policies, settings, exceptions, accountOus, requests, exceptionHowTo, batchSize: 50_000 });
 * const report = await manager.runOnce(); // { reminded: 12, enforcementRequested: 1, … }
 */
export class ManagerService {
  readonly #actor: string;
  readonly #ladders = new Map<string, Ladder>();

  constructor(private readonly deps: ManagerDeps) {
    this.#actor = deps.actor ?? 'manager';
  }

  async runOnce(): Promise<ManagerRunReport> {
    const now = this.deps.clock.now().toISOString();
    const report: ManagerRunReport = { at: now, ...emptyCounts() };
    const exceptions = await this.#withinMaximum(await this.deps.exceptions(), now);
    await this.#sweepExceptions(exceptions, now, report);
    const active = exceptions.flatMap((j) => (j.effective && isActive(j.effective, now) ? [j.effective] : []));
    // Each batch moves its violations' nextActionAt past `now` (or clears it), so the queue drains;
    // the bound only guards against a store that hands the same rows back.
    // Keyset pagination: each batch starts after the last row of the one before, so a row a batch
    // left where it was (nothing to do yet) is not handed back.
    let conflicts = 0;
    let after: DueCursor | undefined;
    for (let round = 0; round < 10_000; round++) {
      const batch = emptyCounts();
      let n: number;
      let last: DueCursor | undefined;
      try {
        n = await this.deps.store.transaction(async (tx) => {
          const due = await tx.escalation.claimDue({ now, limit: this.deps.batchSize, ...(after ? { after } : {}) });
          if (due.length === 0) return 0;
          const end = due[due.length - 1]!;
          last = { nextActionAt: end.nextActionAt!, id: end.id };
          await this.#stepAll(tx, due, active, now, batch);
          return due.length;
        });
      } catch (err) {
        // Another writer (a second manager, a scan) changed one of these rows first: the batch rolled
        // back whole; read the queue again, which no longer holds what the other writer moved.
        if (isConflict(err) && ++conflicts <= 20) continue;
        throw err;
      }
      addCounts(report, batch);
      after = last;
      if (n < this.deps.batchSize) break;
    }
    return report;
  }

  /** New exceptions except what they cover; excepted violations whose exception ended re-enter the ladder. */
  async #sweepExceptions(judged: readonly Judged[], now: string, report: Counts): Promise<void> {
    const { store } = this.deps;
    const exceptions = judged.flatMap((j) => (j.effective ? [j.effective] : []));
    const active = exceptions.filter((e) => isActive(e, now));
    const candidates = new Map<string, Violation>();
    for (const ex of active) {
      const sel = ex.selector;
      // An OU selector without an account reads only the accounts in that OU, not every violation.
      const accounts = sel.account ? [sel.account] : sel.ou ? this.#accountsIn(sel.ou) : [undefined];
      for (const accountId of accounts) {
        const found = await store.violations.list({
          states: EXCEPTABLE,
          ...(ex.policies !== 'all' ? { policyIds: [...ex.policies] } : {}),
          ...(accountId ? { accountId } : {}),
          ...(sel.arn && !/[*?]/.test(sel.arn) ? { resourceArn: sel.arn } : {}),
        });
        for (const v of found) candidates.set(v.id, v);
      }
    }
    for (const v of await store.violations.list({ states: ['excepted'] })) candidates.set(v.id, v);
    const events = await this.#exceptionEvents(judged, now);
    if (candidates.size === 0 && events.length === 0) return;
    const batch = emptyCounts();
    try {
      await store.transaction(async (tx) => {
        if (events.length) await tx.audit.append(events);
        batch.exceptionsExpired += events.filter((e) => e.type === 'exception.expired').length;
        batch.exceptionsRefused += events.filter((e) => e.type === 'exception.refused').length;
        batch.exceptionsCapped += events.filter((e) => e.type === 'exception.capped').length;
        if (candidates.size) await this.#stepAll(tx, [...candidates.values()], active, now, batch);
      });
    } catch (err) {
      // A second manager applied the same exceptions first; what is left, the next run does.
      if (!isConflict(err)) throw err;
      return;
    }
    addCounts(report, batch);
  }

  #accountsIn(ou: string): string[] {
    const norm = (p: string): string => p.trim().replace(/^\/+|\/+$/g, '');
    const want = norm(ou);
    return [...this.deps.accountOus].filter(([, p]) => norm(p) === want || norm(p).startsWith(`${want}/`)).map(([id]) => id);
  }

  /**
   * Each exception against the maximum duration, with its audit history: the history says when it
   * was first loaded (the maximum counts from there when it has no `approved-at`).
   */
  async #withinMaximum(exceptions: readonly PolicyException[], now: string): Promise<Judged[]> {
    const out: Judged[] = [];
    for (const ex of exceptions) {
      const history = await this.deps.store.audit.list({ subjectKind: 'exception', subjectId: ex.id, types: EXCEPTION_EVENTS });
      const firstLoad = history.find((e) => e.type === 'exception.loaded');
      const firstLoadedAt = firstLoad?.at ?? null;
      const verdict = judgeMaximum(ex, { now, maxMs: this.deps.maxExceptionMs, firstLoadedAt });
      out.push({ original: ex, hash: sha256(canonicalJson({ ...ex, source: undefined })), history, verdict, effective: verdict.kind === 'refused' ? null : verdict.exception });
    }
    return out;
  }

  /**
   * `exception.loaded` the first time an exception (or a changed version of it) is honoured;
   * `exception.refused` / `exception.capped` once per version that breaks the maximum;
   * `exception.expired` once when it ends.
   */
  async #exceptionEvents(judged: readonly Judged[], now: string): Promise<AuditEventInput[]> {
    const out: AuditEventInput[] = [];
    for (const { original: ex, hash, history, verdict, effective } of judged) {
      const base = { subjectKind: 'exception' as const, subjectId: ex.id, actor: this.#actor, at: now };
      const last = (type: string) => [...history].reverse().find((e) => e.type === type);
      const what = { hash, policies: ex.policies, selector: ex.selector, requestedBy: ex.requestedBy, approvedBy: ex.approvedBy, expiresAt: ex.expiresAt, file: ex.source.file };
      if (verdict.kind === 'refused') {
        if (last('exception.refused')?.data['hash'] !== hash) out.push({ ...base, type: 'exception.refused', data: { ...what, reason: verdict.reason, maxDuration: this.deps.maxExceptionMs } });
        continue;
      }
      const lastLoad = last('exception.loaded');
      const loadedNow = lastLoad?.data['hash'] !== hash;
      if (loadedNow) out.push({ ...base, type: 'exception.loaded', data: { ...what, justification: ex.justification } });
      if (verdict.kind === 'capped' && last('exception.capped')?.data['hash'] !== hash) {
        out.push({ ...base, type: 'exception.capped', data: { hash, requestedExpiresAt: verdict.requestedExpiresAt, expiresAt: verdict.exception.expiresAt, countedFrom: verdict.start, maxDuration: this.deps.maxExceptionMs } });
      }
      const expiredAfterLoad = !loadedNow && history.slice(history.indexOf(lastLoad!) + 1).some((e) => e.type === 'exception.expired');
      if (effective && !isActive(effective, now) && !expiredAfterLoad) out.push({ ...base, type: 'exception.expired', data: { expiresAt: effective.expiresAt, ...(verdict.kind === 'capped' ? { requestedExpiresAt: verdict.requestedExpiresAt } : {}) } });
    }
    return out;
  }

  async #stepAll(tx: ManagerPorts, violations: Violation[], active: readonly PolicyException[], now: string, report: Counts): Promise<void> {
    const tags = active.some((e) => e.selector.tags) ? await this.#tagsOf(tx, violations) : null;
    const waiting = violations.filter((v) => v.state === 'awaiting-approval');
    const approvals = waiting.length ? await tx.approvals.latest(waiting.map((v) => v.id), new Map(waiting.map((v) => [v.id, v.stateChangedAt]))) : new Map();
    const updates: Violation[] = [];
    const events: AuditEventInput[] = [];
    const reminders: DueReminder[] = [];
    const messages: EnforcementMessage[] = [];
    for (const v of violations) {
      const policy = this.deps.policies.get(v.policyId);
      if (!policy) {
        // The policy was removed or disabled: nothing to chase it with. Stop scheduling it, say so.
        if (v.nextActionAt !== null) {
          updates.push({ ...v, nextActionAt: null, version: v.version + 1 });
          events.push({ type: 'violation.unscheduled', subjectKind: 'violation', subjectId: v.id, actor: this.#actor, at: now, data: { reason: 'policy not loaded' } });
        }
        continue;
      }
      const ou = this.deps.accountOus.get(v.accountId) ?? null;
      const ladder = this.#ladder(policy, ou);
      const exception = this.#exceptionFor(v, active, ou, tags);
      const a = approvals.get(v.id);
      const out = stepViolation(v, { now, ladder, exception, approval: a ? { decision: a.decision, by: a.by, at: a.at, reason: a.reason } : null, actor: this.#actor });
      if (!out) continue;
      report.stepped++;
      updates.push(out.violation);
      events.push(...out.events);
      this.#count(out, report);
      if (out.notice) {
        const item = this.#item(out, v, policy, ladder);
        reminders.push({ owner: out.notice.owner, item });
        if (out.notice.reason === 'awaiting-approval' && this.deps.securityTeam && this.deps.securityTeam !== out.notice.owner) {
          reminders.push({ owner: this.deps.securityTeam, item: { ...item, dedupeKey: `${item.dedupeKey}/security` } });
        }
      }
      if (out.enforcement) {
        messages.push({
          idempotencyKey: out.enforcement.key,
          action: out.enforcement.action,
          // The policy's params are for its own action (an override naming another action gets that action's defaults).
          params: out.enforcement.action === policy.remediation.enforce ? structuredClone(policy.remediation.params ?? {}) : {},
          violationId: v.id,
          ladderStep: out.enforcement.step,
          resource: { arn: v.resourceArn, type: v.resourceType, accountId: v.accountId, region: v.region },
          policy: { id: policy.id, version: policy.version },
          approval: out.enforcement.approval,
          traceId: randomUUID().replaceAll('-', ''),
          requestedAt: now,
        });
      }
    }
    if (updates.length) await tx.escalation.advance(updates);
    if (events.length) await tx.audit.append(events);
    const digests = buildDigest({ runAt: now, reminders });
    if (digests.length) report.digests += (await tx.outbox.enqueue(digests.map((payload) => ({ kind: 'notification' as const, topic: payload.recipient, payload })), now)).ids.length;
    if (messages.length) await this.deps.requests.request(tx, messages, now);
  }

  #count(out: StepOutcome, r: Counts): void {
    if (out.enforcement) r.enforcementRequested++;
    if (out.events.some((e) => e.type === 'violation.excepted')) r.excepted++;
    switch (out.notice?.reason) {
      case 'reminder':
      case 'exception-expired':
        r.reminded++;
        break;
      case 'awaiting-approval':
        r.awaitingApproval++;
        break;
      case 'escalated':
        r.escalated++;
        break;
      case 'overdue':
        r.overdue++;
        break;
      case 'rejected':
        r.rejected++;
        break;
      default:
    }
  }

  #ladder(policy: ManagedPolicy, ou: string | null): Ladder {
    const key = `${policy.id}\u0000${ou ?? ''}`;
    let l = this.#ladders.get(key);
    if (!l) this.#ladders.set(key, (l = ladderFor(policy, this.deps.settings, ou)));
    return l;
  }

  #exceptionFor(v: Violation, active: readonly PolicyException[], ou: string | null, tags: Map<string, Record<string, string>> | null): ActiveException | null {
    if (active.length === 0) return null;
    const subject = { policyId: v.policyId, resourceArn: v.resourceArn, accountId: v.accountId, ou, tags: tags?.get(v.resourceArn) ?? null };
    // The exception a violation is already under keeps it (a renewal moves only the date).
    const current = v.resolution?.startsWith('exception:') ? v.resolution.slice('exception:'.length) : null;
    const covering = active.filter((e) => exceptionCovers(e, subject));
    const ex = covering.find((e) => e.id === current) ?? covering.sort((a, b) => (a.expiresAt < b.expiresAt ? 1 : -1))[0];
    return ex ? { id: ex.id, expiresAt: ex.expiresAt } : null;
  }

  async #tagsOf(tx: ManagerPorts, violations: Violation[]): Promise<Map<string, Record<string, string>>> {
    const arns = [...new Set(violations.map((v) => v.resourceArn))];
    const out = new Map<string, Record<string, string>>();
    for (let i = 0; i < arns.length; i += 1_000) for (const r of await tx.inventory.list({ arns: arns.slice(i, i + 1_000), includeDeleted: true })) out.set(r.arn, r.tags);
    return out;
  }

  #item(out: StepOutcome, before: Violation, policy: ManagedPolicy, ladder: Ladder): NotificationItem {
    const v = out.violation;
    const notice = out.notice!;
    const name = resourceName(v.resourceArn);
    let nextAction: NextAction;
    switch (notice.reason) {
      case 'enforcing':
        nextAction = { kind: 'enforce', action: out.enforcement!.action, description: `Enforcement requested now: \`${out.enforcement!.action}\` on \`${name}\`` };
        break;
      case 'awaiting-approval':
        nextAction = { kind: 'approval', action: ladder.end.kind === 'enforce' ? ladder.end.action : 'none', description: `Waiting for a security team member to approve enforcement on \`${name}\`` };
        break;
      case 'escalated':
        nextAction = { kind: 'escalate', team: notice.owner, description: `Escalated to team ${notice.owner} from ${before.owner ?? 'nobody'} after ${before.remindersSent} reminders` };
        break;
      case 'overdue':
        nextAction = { kind: 'none', description: `\`${name}\` is overdue: the reminders ran out` };
        break;
      case 'rejected':
        nextAction = { kind: 'none', description: `Enforcement on \`${name}\` was rejected by the security team; it stays reported until fixed` };
        break;
      default:
        nextAction = endAction(ladder, v.resourceArn);
        if (notice.reason === 'exception-expired') nextAction = { ...nextAction, description: `Its exception ended, so the reminders start again. ${nextAction.description}` };
    }
    return {
      violationId: v.id,
      ladderStep: notice.step,
      dedupeKey: notice.key,
      policyId: policy.id,
      title: policy.title,
      severity: v.severity,
      resource: { arn: v.resourceArn, type: v.resourceType, accountId: v.accountId, region: v.region },
      evidence: v.evidence,
      guidance: policy.remediation.guidance,
      deadline: notice.deadline,
      nextAction,
      exceptionHowTo: this.deps.exceptionHowTo(v),
    };
  }
}
