import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Value } from '@sinclair/typebox/value';
import type { AuditEventInput } from '../audit/audit-event.js';
import type { BusDelivery } from '../bus/bus.js';
import { actionFamily, type EnforcementMessage } from '../violations/enforcement-message.js';
import { iso, type Clock } from '../common/clock.js';
import type { Registry } from '../common/registry.js';
import type { EnforcementActionRecord, EnforcementActionStatus } from '../store/ports/enforcement-action-store.js';
import type { Store, StorePorts } from '../store/store.js';
import { isLive, type Violation } from '../violations/violation.js';
import { arnName } from './actions/action-helpers.js';
import { AwsApi, type AwsClientFactory } from './aws-api.js';
import type { ActionContext, EnforcementAction } from './enforcement-action.js';
import { describeError, isTransient } from './enforcement-errors.js';
import { isDryRun, type EnforcementSettings } from './enforcement-settings.js';
import { GroupCommit } from './group-commit.js';
import { ReadCoalescer } from './read-coalescer.js';

/** What handling one delivery came to. `duplicate`: a redelivery of a message already settled in effect. */
export type DeliveryOutcome =
  | { kind: 'succeeded' | 'skipped' | 'failed'; actionId: string; reason: string | null }
  | { kind: 'duplicate'; actionId: string; reason: null }
  | { kind: 'retrying' | 'deferred'; actionId: string; reason: string; delayMs: number }
  | { kind: 'dead-lettered'; actionId: string | null; reason: string };

export interface EnforcementServiceDeps {
  readonly store: Store;
  readonly actions: Registry<EnforcementAction>;
  readonly aws: AwsClientFactory;
  readonly settings: EnforcementSettings;
  readonly clock: Clock;
  /** Who acts, in the audit trail: `enforcer:s3`. */
  readonly actor: string;
  /** Deliveries the bus allows (the last one dead-letters instead of retrying). */
  readonly maxDeliver: number;
}

class Skip {
  constructor(
    readonly reason: string,
    readonly before: unknown = null,
    readonly event = 'enforcement.skipped',
  ) {}
}
class Defer {
  constructor(
    readonly reason: string,
    readonly delayMs: number,
  ) {}
}

/**
 * Handles one enforcement message end to end, the same for every action: record the attempt (one
 * record per idempotency key: a redelivery never acts twice) → re-check preconditions on fresh data
 * (violation still live, approval where the risk needs it, resource still failing, guards, dry-run,
 * rate limits, circuit breaker) → act → verify by re-reading → record the outcome, its audit events
 * and the violation's new state in one transaction → settle the delivery.
 *
 * @example
 * const service = new EnforcementService({ store, actions, aws, settings, clock, actor: 'enforcer:s3', maxDeliver: bus.maxDeliver });
 * for (const d of await bus.fetch('s3', { max: 10, waitMs: 1_000 })) await service.handle(d);
 */
export class EnforcementService {
  /** The writes of deliveries handled at once share transactions (and audit appends). */
  readonly #group: GroupCommit;
  /** The violations those deliveries re-check, read fresh in one query per macrotask. */
  readonly #violations: ReadCoalescer<Violation>;
  /** Their accounts' actions in the last hour (the per-account limit), counted in one query per macrotask. */
  readonly #accountCounts: ReadCoalescer<{ accountId: string; n: number }>;

  constructor(private readonly deps: EnforcementServiceDeps) {
    this.#group = new GroupCommit(deps.store);
    this.#violations = new ReadCoalescer((ids) => deps.store.violations.list({ ids, limit: ids.length }), (v) => v.id);
    this.#accountCounts = new ReadCoalescer(async (accountIds) => {
      // The window ends when the counts are read, after every asker recorded its own attempt.
      const since = iso(new Date(deps.clock.now().getTime() - 3_600_000));
      const limit = deps.settings.maxPerAccountPerHour;
      const counts = await deps.store.enforcementActions.countPerAccount(accountIds, { statuses: ACTED, since, dryRun: false }, limit + 1);
      return [...counts].map(([accountId, n]) => ({ accountId, n }));
    }, (c) => c.accountId);
  }

  async handle(d: BusDelivery): Promise<DeliveryOutcome> {
    const { store, clock } = this.deps;
    const m = d.message;
    const action = this.deps.actions.find(m.action);
    const invalid = action ? this.#invalid(action, m) : this.#unknown(m.action);
    if (invalid || !action) return this.#reject(d, invalid ?? 'unknown action');
    const params = Value.Default(action.schema, structuredClone(m.params ?? {})) as Record<string, unknown>;

    const dryRun = isDryRun(this.deps.settings, action.name);
    const { record, created } = await this.#group.run((tx) => tx.enforcementActions.begin({
      id: `act-${randomUUID()}`,
      idempotencyKey: m.idempotencyKey,
      action: action.name,
      family: actionFamily(action.name),
      violationId: m.violationId,
      resourceArn: m.resource.arn,
      resourceType: m.resource.type,
      accountId: m.resource.accountId,
      region: m.resource.region,
      params,
      dryRun,
      before: null,
      traceId: m.traceId,
      startedAt: iso(clock.now()),
    }));
    if (!created) {
      if (record.status === 'succeeded' || record.status === 'skipped') {
        await d.ack();
        return { kind: 'duplicate', actionId: record.id, reason: null };
      }
      // started (a worker died mid-way) or failed (a transient error): try again; the fresh read
      // below finds an action that did land and records it without acting a second time.
      await store.enforcementActions.restart(record.id, iso(clock.now()));
    }

    const aws = new AwsApi(this.deps.aws, m.resource, action.commands, action.name);
    const ctx: ActionContext = { message: m, params, resource: m.resource, resourceId: arnName(m.resource.arn), now: clock.now(), aws };
    let before: unknown = null;
    try {
      const checked = await this.#preconditions(action, ctx, dryRun);
      before = checked.before;
      await action.apply(ctx, before);
      const after = await this.#verify(action, ctx);
      await this.#finish(record, 'succeeded', { reason: action.changes === false ? 'notify-only: nothing changed' : null, before, after, error: null, dryRun }, 'enforcement.succeeded', checked.violation, 'enforced', d, true);
      return { kind: 'succeeded', actionId: record.id, reason: null };
    } catch (err) {
      if (err instanceof Skip) {
        await this.#finish(record, 'skipped', { reason: err.reason, before: err.before, after: null, error: null, dryRun }, err.event, undefined, undefined, d, true);
        return { kind: 'skipped', actionId: record.id, reason: err.reason };
      }
      if (err instanceof Defer) {
        await this.#finish(record, 'failed', { reason: err.reason, before, after: null, error: null, dryRun }, 'enforcement.deferred', undefined, undefined, d);
        // Not an attempt: the action was not tried, so waiting for the limit never dead-letters the message.
        await d.defer(err.delayMs, err.reason);
        return { kind: 'deferred', actionId: record.id, reason: err.reason, delayMs: err.delayMs };
      }
      return this.#failed(d, record, err, before, dryRun, sent(aws));
    }
  }

  /** The registry's own message, with its "did you mean". */
  #unknown(name: string): string {
    try {
      this.deps.actions.get(name);
    } catch (err) {
      return (err as Error).message;
    }
    return `unknown action "${name}"`;
  }

  #invalid(action: EnforcementAction, m: EnforcementMessage): string | null {
    if (!action.resourceTypes.includes('*') && !action.resourceTypes.includes(m.resource.type)) {
      return `action ${action.name} does not apply to ${m.resource.type} (it applies to ${action.resourceTypes.join(', ')})`;
    }
    const params = Value.Default(action.schema, structuredClone(m.params ?? {}));
    if (!Value.Check(action.schema, params)) {
      const e = [...Value.Errors(action.schema, params)][0];
      return `params of ${action.name} are invalid at ${e?.path || '/'}: ${e?.message ?? 'does not match the schema'}`;
    }
    return null;
  }

  async #preconditions(action: EnforcementAction, ctx: ActionContext, dryRun: boolean): Promise<{ before: unknown; violation: Violation | undefined }> {
    const { store, settings } = this.deps;
    const m = ctx.message;
    if (settings.actions[action.name]?.enabled === false) throw new Skip('action-disabled');
    const violation = await this.#violations.get(m.violationId);
    if (!violation) throw new Skip('violation-not-found');
    if (violation.state === 'excepted') throw new Skip('exception-active');
    if (!isLive(violation.state)) throw new Skip(`violation-${violation.state}`);
    if (settings.approvalFor.includes(action.risk) && !m.approval) throw new Skip(`approval-required: ${action.risk} action without an approval`);
    const before = await action.read(ctx);
    if (action.changes !== false && action.compliant(before, ctx.params, ctx.now)) throw new Skip('already-compliant', before);
    const refused = action.guard?.(before, ctx);
    if (refused) throw new Skip(`guard: ${refused}`, before);
    if (dryRun) throw new Skip('dry-run', before, 'enforcement.dry-run');
    await this.#limits(action, ctx, before);
    return { before, violation };
  }

  async #limits(action: EnforcementAction, ctx: ActionContext, before: unknown): Promise<void> {
    const { store, settings, clock } = this.deps;
    const now = clock.now().getTime();
    const hourAgo = iso(new Date(now - 3_600_000));
    const acted = ACTED;
    const accountId = ctx.resource.accountId;
    // This message's own record is `started`: every count below includes it. Each count stops one past
    // its limit (and reads the last hour through an index ending in started_at), so a check costs the
    // same in an account's first hour as after a year of actions. The per-account count of all the
    // deliveries in hand is one query (one capped count per account): each still includes its own
    // record and every other one begun before it, so more at once is never more acted.
    const perAction = settings.actions[action.name]?.maxPerHour;
    if (perAction !== undefined && (await store.enforcementActions.count({ action: action.name, statuses: acted, since: hourAgo, dryRun: false }, perAction + 1)) > perAction) {
      throw new Defer(`rate-limited: more than ${perAction} ${action.name} per hour`, 60_000);
    }
    if (((await this.#accountCounts.get(accountId))?.n ?? 0) > settings.maxPerAccountPerHour) {
      throw new Defer(`rate-limited: more than ${settings.maxPerAccountPerHour} actions per hour in account ${accountId}`, 60_000);
    }
    if (action.changes === false) return;
    const cb = settings.circuitBreaker;
    const total = await store.inventory.count({ accountId, type: ctx.resource.type });
    // No inventory of that type (not scanned yet) gives no basis for a share: minResources decides.
    if (total === 0 || total < cb.minResources) return;
    const since = iso(new Date(now - cb.windowHours * 3_600_000));
    const touched = await store.enforcementActions.count({ accountId, action: action.name, resourceType: ctx.resource.type, statuses: acted, since, dryRun: false });
    if ((touched / total) * 100 > cb.maxPercent) {
      throw new Skip(
        `circuit-open: ${touched} of ${total} ${ctx.resource.type} in account ${accountId} would have had ${action.name} within ${cb.windowHours} h (limit ${cb.maxPercent}%)`,
        before,
        'enforcement.circuit-open',
      );
    }
  }

  async #verify(action: EnforcementAction, ctx: ActionContext): Promise<unknown> {
    if (action.changes === false) return null;
    const { attempts, delayMs } = this.deps.settings.verify;
    let after: unknown = null;
    for (let i = 0; i < attempts; i++) {
      after = await action.read(ctx);
      if (action.compliant(after, ctx.params, ctx.now)) return after;
      if (i < attempts - 1) await sleep(delayMs * 2 ** i);
    }
    throw Object.assign(new Error(`verification failed: ${action.name} applied but the resource still does not comply after ${attempts} reads`), {
      name: 'VerificationFailed',
      transient: true,
      after,
    });
  }

  async #failed(d: BusDelivery, record: EnforcementActionRecord, err: unknown, before: unknown, dryRun: boolean, commands: string[]): Promise<DeliveryOutcome> {
    const error = describeError(err);
    const after = (err as { after?: unknown } | null)?.after ?? null;
    if (isTransient(err) && d.attempt < this.deps.maxDeliver) {
      const { baseMs, maxMs } = this.deps.settings.retry;
      const delayMs = Math.min(maxMs, baseMs * 2 ** (d.attempt - 1));
      await this.#finish(record, 'failed', { reason: 'retrying', before, after, error, dryRun, extra: { attempt: d.attempt, delayMs, commands } }, 'enforcement.retrying', undefined, undefined, d);
      const r = await d.nak(delayMs, error);
      if (r === 'retry') return { kind: 'retrying', actionId: record.id, reason: error, delayMs };
    } else {
      const violation = await this.deps.store.violations.get(record.violationId);
      await this.#finish(record, 'failed', { reason: 'dead-lettered', before, after, error, dryRun, extra: { attempt: d.attempt, commands } }, 'enforcement.dead-lettered', violation, 'failed', d);
      await d.deadLetter(error);
    }
    return { kind: 'dead-lettered', actionId: record.id, reason: error };
  }

  /** A message no attempt can fix (unknown action, bad params): recorded, then dead-lettered at once. */
  async #reject(d: BusDelivery, reason: string): Promise<DeliveryOutcome> {
    const m = d.message;
    await this.deps.store.audit.append([this.#event('enforcement.rejected', m.idempotencyKey, m, { reason, attempt: d.attempt })]);
    await d.deadLetter(reason);
    return { kind: 'dead-lettered', actionId: null, reason };
  }

  async #finish(
    record: EnforcementActionRecord,
    status: EnforcementActionStatus,
    o: { reason: string | null; before: unknown; after: unknown; error: string | null; dryRun: boolean; extra?: Record<string, unknown> },
    eventType: string,
    violation: Violation | undefined,
    violationState: 'enforced' | 'failed' | undefined,
    d: BusDelivery,
    ack = false,
  ): Promise<void> {
    const at = iso(this.deps.clock.now());
    const m = d.message;
    const changes = (v: Violation | undefined): Violation | null =>
      v && violationState && isLive(v.state) && v.state !== violationState
        ? { ...v, state: violationState, stateChangedAt: at, nextActionAt: null, resolution: violationState === 'enforced' ? `enforced:${m.action}` : v.resolution, version: v.version + 1 }
        : null;
    const events = (v: Violation | undefined): AuditEventInput[] => {
      const out = [this.#event(eventType, record.id, m, { reason: o.reason, error: o.error, before: o.before, after: o.after, dryRun: o.dryRun, attempt: d.attempt, ...o.extra })];
      if (v && changes(v)) {
        out.push({ type: `violation.${violationState === 'enforced' ? 'enforced' : 'enforcement-failed'}`, subjectKind: 'violation', subjectId: v.id, actor: this.deps.actor, at, data: { actionId: record.id, action: m.action, traceId: m.traceId, from: v.state } });
      }
      return out;
    };
    const write = async (tx: StorePorts, v: Violation | undefined) => {
      await tx.enforcementActions.finish(record.id, { status, reason: o.reason, before: o.before, after: o.after, error: o.error, finishedAt: at, dryRun: o.dryRun });
      const updated = changes(v);
      // Only the ladder columns (state, resolution, version…): the resource's indexed columns stay untouched.
      if (updated) await tx.escalation.advance([updated]);
      // The embedded bus acks in the same transaction as the outcome; another bus acks once it is committed.
      if (ack && d.ackWithin) await d.ackWithin(tx);
    };
    try {
      // The outcome's audit events commit with it (appended once for the whole group).
      await this.#group.run((tx) => write(tx, violation), events(violation));
    } catch (err) {
      // Someone (a scan, the manager) changed the violation meanwhile: record against the fresh copy.
      if ((err as { code?: string }).code !== 'store.conflict' || !violation) throw err;
      const fresh = await this.deps.store.violations.get(violation.id);
      await this.#group.run((tx) => write(tx, fresh), events(fresh));
    }
    if (ack && !d.ackWithin) await d.ack();
  }

  #event(type: string, subjectId: string, m: EnforcementMessage, data: Record<string, unknown>): AuditEventInput {
    return {
      type,
      subjectKind: 'enforcement',
      subjectId,
      actor: this.deps.actor,
      at: iso(this.deps.clock.now()),
      data: { idempotencyKey: m.idempotencyKey, action: m.action, violationId: m.violationId, resource: m.resource, policy: m.policy, approval: m.approval, traceId: m.traceId, ...data },
    };
  }
}

const sent = (aws: AwsApi): string[] => [...aws.sent];

/** The statuses that count against rate limits and the circuit breaker: tried, or being tried. */
const ACTED: EnforcementActionStatus[] = ['started', 'succeeded'];
