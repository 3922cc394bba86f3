import { randomUUID } from 'node:crypto';
import type { Clock } from '../common/clock.js';
import type { StorePorts } from '../store/store.js';
import type { ReportKind } from './auditor-report.js';
import type { ProducedReport, ReportFormat } from './report-producer.js';
import type { ReportSchedule } from './report-schedule.js';

/** A report plan from config, resolved: framework id, schedule, e-mail addresses (teams expanded). */
export interface ReportPlan {
  name: string;
  frameworkId: string;
  kind: ReportKind;
  format: ReportFormat;
  schedule: ReportSchedule;
  /** `every` plans run at start when they never ran; cron plans wait for their next time. */
  runAtStart: boolean;
  accounts?: readonly string[];
  organisation: string;
  pseudonymise: boolean;
  dir?: string;
  /** An S3 prefix the file is put under (server-side encrypted: SSE-KMS with the key, else SSE-S3). */
  s3?: S3ReportTarget;
  email: readonly string[];
  /** Chat channels told where the file is (webhooks carry no files). */
  chat?: readonly ChatTarget[];
}

/** `s3://bucket/prefix/` resolved. */
export interface S3ReportTarget {
  bucket: string;
  /** Empty or ending in `/`. */
  prefix: string;
  kmsKeyId?: string;
}

/** A team's Slack or Teams webhook (the URL, or the variable that holds it). */
export interface ChatTarget {
  kind: 'slack' | 'teams';
  team: string;
  hook: { url?: string | undefined; urlEnv?: string | undefined };
}

/** A report file on its way out. */
export interface ReportFile {
  plan: ReportPlan;
  fileName: string;
  produced: ProducedReport;
}

/** Where the scheduler sends files; the root builds them (a directory writer, an SMTP mailer). */
export interface ReportDeliveries {
  /** Writes the file into the directory; resolves with the path written. */
  toDir(dir: string, file: ReportFile): Promise<string>;
  /** E-mails the file as an attachment to the addresses. */
  toEmail(to: readonly string[], file: ReportFile): Promise<void>;
  /** Puts the file under the S3 prefix; resolves with its `s3://` URI. */
  toS3(target: S3ReportTarget, file: ReportFile): Promise<string>;
  /** Posts a message about the file (title, period, score, SHA-256, where it is) to a chat webhook. */
  toChat(target: ChatTarget, file: ReportFile, locations: readonly string[]): Promise<void>;
}

export interface ReportSchedulerDeps {
  plans: readonly ReportPlan[];
  /**
   * With `transaction` (every real Store has it), `report.delivered` and the claim's completion commit
   * together: no crash can leave a delivered run on the trail with its slot still claimable.
   */
  store: Pick<StorePorts, 'audit' | 'reportClaims'> & { transaction?<T>(fn: (tx: Pick<StorePorts, 'audit' | 'reportClaims'>) => Promise<T>): Promise<T> };
  clock: Clock;
  produce(plan: ReportPlan, period: { from?: string; to: string }): Promise<ProducedReport>;
  deliveries: ReportDeliveries;
  /** After a failed run, the plan is tried again this much later (ms), not on every tick. */
  retryMs?: number;
  actor?: string;
  /**
   * How long a claimed run is this manager's (ms, default 10 minutes): a manager that crashed holding
   * a slot gives it up to the others when this runs out.
   */
  leaseMs?: number;
  /** Names this manager on its claims (default: a random id per scheduler). */
  owner?: string;
}

export interface ReportRunReport {
  delivered: { plan: string; sha256: string; scheduledFor: string }[];
  failed: { plan: string; reason: string }[];
}

/** What the trail says about a plan's last successful run. */
interface LastRun {
  scheduledFor: Date;
  to: string;
}

/** Some destinations failed: what did go out (digest, destinations) is recorded with the failure. */
class PartialDelivery extends Error {
  constructor(message: string, readonly data: Record<string, unknown>) {
    super(message);
  }
}

/** The latest time of the schedule at or before `now`, starting from `due` (at most 10,000 steps). */
const latestPassed = (schedule: ReportSchedule, due: Date, now: Date): Date => {
  let at = due;
  for (let i = 0, n = schedule.next(at); n <= now && i < 10_000; i++, n = schedule.next(n)) at = n;
  return at;
};

const EXT: Record<ReportFormat, string> = { pdf: 'pdf', html: 'html', csv: 'csv', json: 'json' };

/**
 * Runs report plans when they are due and delivers them (a directory, e-mail). Each run is an audit
 * event: `report.delivered` with the file's SHA-256, name, period and where it went (how many e-mail
 * recipients, never their addresses), or `report.failed` with the reason. An auditor who receives the
 * file hashes it and finds that digest in a verified audit export. When a plan last ran is read from
 * the trail, so a restart neither repeats a run nor forgets one (a missed time is caught up once).
 *
 * @example
 * const scheduler = new ReportScheduler({ plans, store, clock, produce, deliveries });
 * await scheduler.runDue(); // { delivered: [{ plan: 'weekly-dora', sha256: '9f…', scheduledFor: '2026-12-07T06:00:00.000Z' }], failed: [] }
 */
export class ReportScheduler {
  readonly #d: ReportSchedulerDeps;
  #last: Map<string, LastRun> | undefined;
  #startedAt: Date | undefined;
  readonly #retryAt = new Map<string, number>();
  readonly #owner: string;

  constructor(deps: ReportSchedulerDeps) {
    this.#d = deps;
    this.#owner = deps.owner ?? `manager:${randomUUID().slice(0, 8)}`;
  }

  /** When each plan runs next (ISO-8601 UTC): for `vigil start` to print and for tests. */
  async nextRuns(): Promise<Record<string, string>> {
    const last = await this.#lastRuns();
    return Object.fromEntries(this.#d.plans.map((p) => [p.name, this.#dueAt(p, last.get(p.name)).toISOString()]));
  }

  /** Runs every plan that is due now, one after the other; a failing plan does not stop the others. */
  async runDue(): Promise<ReportRunReport> {
    const out: ReportRunReport = { delivered: [], failed: [] };
    let last = await this.#lastRuns();
    for (const plan of this.#d.plans) {
      const now = this.#d.clock.now();
      const due = this.#dueAt(plan, last.get(plan.name));
      if (due > now || (this.#retryAt.get(plan.name) ?? 0) > now.getTime()) continue;
      const { scheduledFor, slot } = this.#slotOf(plan, last.get(plan.name), now);
      const to = now.toISOString();
      const claim = await this.#d.store.reportClaims.claim(plan.name, slot, this.#owner, to, new Date(now.getTime() + (this.#d.leaseMs ?? 10 * 60_000)).toISOString());
      if (claim === 'held') continue;
      if (claim === 'done') {
        // Another manager delivered it (its report.delivered is in the trail before its claim is done).
        last = await this.#lastRuns(true);
        continue;
      }
      // Claimed, perhaps taken over from a manager that died after recording the delivery but before
      // completing the claim (a store without transactions, or a trail written before they were one
      // step): if the trail now says this slot went out, the slot due at this same moment moved on.
      last = await this.#lastRuns(true);
      if (this.#slotOf(plan, last.get(plan.name), now).slot !== slot) {
        await this.#d.store.reportClaims.complete(plan.name, slot, this.#owner, this.#d.clock.now().toISOString());
        continue;
      }
      const from = last.get(plan.name)?.to;
      try {
        const result = await this.#runPlan(plan, { ...(from ? { from } : {}), to }, scheduledFor, slot);
        last.set(plan.name, { scheduledFor, to });
        this.#retryAt.delete(plan.name);
        out.delivered.push({ plan: plan.name, sha256: result, scheduledFor: scheduledFor.toISOString() });
      } catch (e) {
        const reason = (e as Error).message;
        this.#retryAt.set(plan.name, now.getTime() + (this.#d.retryMs ?? 15 * 60_000));
        await this.#record('report.failed', plan, this.#d.clock.now(), { scheduledFor: scheduledFor.toISOString(), ...(e instanceof PartialDelivery ? e.data : {}), reason });
        out.failed.push({ plan: plan.name, reason });
      }
    }
    return out;
  }

  /**
   * The run a plan is due for: when it is scheduled (an interval plan's run is now; a cron plan's the
   * latest time it names that has passed, so a long outage is caught up once) and its slot, which every
   * manager computes alike from the same trail and absolute cron times: claimed in the store, so one
   * manager of several produces and delivers it.
   */
  #slotOf(plan: ReportPlan, last: LastRun | undefined, now: Date): { scheduledFor: Date; slot: string } {
    const due = this.#dueAt(plan, last);
    const scheduledFor = plan.runAtStart ? now : latestPassed(plan.schedule, due, now);
    return { scheduledFor, slot: plan.runAtStart ? (last ? due.toISOString() : 'first') : scheduledFor.toISOString() };
  }

  async #runPlan(plan: ReportPlan, period: { from?: string; to: string }, scheduledFor: Date, slot: string): Promise<string> {
    const produced = await this.#d.produce(plan, period);
    const stamp = scheduledFor.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const file: ReportFile = { plan, fileName: `${plan.name}-${stamp}.${EXT[plan.format]}`, produced };
    const destinations: string[] = [];
    const errors: string[] = [];
    const locations: string[] = [];
    if (plan.dir !== undefined) {
      try {
        locations.push(await this.#d.deliveries.toDir(plan.dir, file));
        destinations.push(`dir:${plan.dir}`);
      } catch (e) {
        errors.push(`directory ${plan.dir}: ${(e as Error).message}`);
      }
    }
    if (plan.s3 !== undefined) {
      const where = `s3://${plan.s3.bucket}/${plan.s3.prefix}`;
      try {
        const uri = await this.#d.deliveries.toS3(plan.s3, file);
        locations.push(uri);
        destinations.push(`s3:${uri}`);
      } catch (e) {
        errors.push(`${where}: ${(e as Error).message}`);
      }
    }
    if (plan.email.length) {
      try {
        await this.#d.deliveries.toEmail(plan.email, file);
        destinations.push(`email:${plan.email.length} recipient(s)`);
      } catch (e) {
        errors.push(`e-mail to ${plan.email.length} recipient(s): ${(e as Error).message}`);
      }
    }
    // Last: the message says where the file went (webhooks carry no files).
    for (const chat of plan.chat ?? []) {
      try {
        await this.#d.deliveries.toChat(chat, file, locations);
        destinations.push(`${chat.kind}:${chat.team}`);
      } catch (e) {
        errors.push(`${chat.kind} (team ${chat.team}): ${(e as Error).message}`);
      }
    }
    const now = this.#d.clock.now();
    const data = {
      scheduledFor: scheduledFor.toISOString(), file: file.fileName, sha256: produced.sha256, bytes: produced.bytes.length,
      period: { from: period.from ?? null, to: period.to }, chainHeadSeq: produced.report.chain.headSeq, destinations,
    };
    if (errors.length) {
      // Partly delivered is a failure (it is retried), but where it did arrive is on record with its digest.
      throw new PartialDelivery(errors.join('; '), data);
    }
    const done = async (tx: Pick<StorePorts, 'audit' | 'reportClaims'>) => {
      await this.#record('report.delivered', plan, now, data, tx);
      await tx.reportClaims.complete(plan.name, slot, this.#owner, now.toISOString());
    };
    await (this.#d.store.transaction ? this.#d.store.transaction(done) : done(this.#d.store));
    return produced.sha256;
  }

  #record(type: 'report.delivered' | 'report.failed', plan: ReportPlan, at: Date, data: Record<string, unknown>, store: Pick<StorePorts, 'audit'> = this.#d.store): Promise<unknown> {
    return store.audit.append([
      {
        type,
        subjectKind: 'system',
        subjectId: `report-plan:${plan.name}`,
        actor: this.#d.actor ?? 'manager',
        at: at.toISOString(),
        data: { plan: plan.name, framework: plan.frameworkId, kind: plan.kind, format: plan.format, pseudonymised: plan.pseudonymise, ...data },
      },
    ]);
  }

  #dueAt(plan: ReportPlan, last: LastRun | undefined): Date {
    if (last) return plan.schedule.next(last.scheduledFor);
    const start = this.#startedAt ?? this.#d.clock.now();
    return plan.runAtStart ? start : plan.schedule.next(start);
  }

  /** Each plan's last delivered run, read from the trail once (then kept up to date in memory; `reread` after another manager ran one). */
  async #lastRuns(reread = false): Promise<Map<string, LastRun>> {
    if (this.#last && !reread) return this.#last;
    this.#startedAt ??= this.#d.clock.now();
    const last = new Map<string, LastRun>();
    for (let afterSeq = 0; ; ) {
      const page = await this.#d.store.audit.list({ types: ['report.delivered'], afterSeq, limit: 1_000 });
      for (const e of page) {
        const plan = typeof e.data['plan'] === 'string' ? e.data['plan'] : undefined;
        const at = typeof e.data['scheduledFor'] === 'string' ? e.data['scheduledFor'] : undefined;
        const period = e.data['period'] as { to?: unknown } | undefined;
        if (plan && at) last.set(plan, { scheduledFor: new Date(at), to: typeof period?.to === 'string' ? period.to : e.at });
      }
      if (page.length < 1_000) break;
      afterSeq = page[page.length - 1]!.seq;
    }
    this.#last = last;
    return last;
  }
}
