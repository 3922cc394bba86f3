import { randomUUID } from 'node:crypto';
import { iso, type Clock } from '../common/clock.js';
import type { Registry } from '../common/registry.js';
import { VigilError } from '../common/vigil-error.js';
import type { EnforcementActionRecord } from '../store/ports/enforcement-action-store.js';
import type { Store } from '../store/store.js';
import { arnName } from './actions/action-helpers.js';
import { AwsApi, type AwsClientFactory } from './aws-api.js';
import type { ActionContext, EnforcementAction } from './enforcement-action.js';
import { describeError } from './enforcement-errors.js';

/**
 * `vigil rollback <action-id>`: undoes a reversible action from the before-state recorded when it ran,
 * and records the rollback (its own action record and audit event) whether it works or not.
 *
 * @example
 * const rb = await new RollbackService({ store, actions, aws, clock, actor: 'user:alice@example.com' }).rollback('act-3f…');
 * rb.status; // 'succeeded'
 */
export class RollbackService {
  constructor(
    private readonly deps: { store: Store; actions: Registry<EnforcementAction>; aws: AwsClientFactory; clock: Clock; actor: string },
  ) {}

  async rollback(actionId: string): Promise<EnforcementActionRecord> {
    const { store, clock } = this.deps;
    const rec = await store.enforcementActions.get(actionId);
    if (!rec) throw new VigilError('rollback.not-found', `no enforcement action ${actionId}`, { status: 404 });
    const action = this.deps.actions.get(rec.action);
    const refuse = (why: string) => new VigilError('rollback.refused', `cannot roll back ${actionId} (${rec.action}): ${why}`, { status: 409 });
    if (!action.reversible || !action.undo) throw refuse('the action is not reversible');
    if (rec.status !== 'succeeded' || rec.dryRun) throw refuse(`it did not change anything (status ${rec.status}${rec.dryRun ? ', dry-run' : ''})`);
    if (rec.rolledBackBy) throw refuse(`it was rolled back already by ${rec.rolledBackBy}`);

    const id = `rb-${randomUUID()}`;
    const resource = { arn: rec.resourceArn, type: rec.resourceType, accountId: rec.accountId, region: rec.region };
    const { record } = await store.enforcementActions.begin({
      id,
      idempotencyKey: `rollback:${rec.id}`,
      action: rec.action,
      family: rec.family,
      violationId: rec.violationId,
      resourceArn: rec.resourceArn,
      resourceType: rec.resourceType,
      accountId: rec.accountId,
      region: rec.region,
      params: rec.params,
      dryRun: false,
      before: rec.after,
      traceId: rec.traceId,
      startedAt: iso(clock.now()),
    });
    if (record.id !== id) throw refuse(`a rollback (${record.id}) was already attempted`);
    const aws = new AwsApi(this.deps.aws, resource, action.commands, action.name);
    const message = {
      idempotencyKey: `rollback:${rec.id}`, action: rec.action, params: rec.params, violationId: rec.violationId, ladderStep: 0, resource,
      policy: { id: '', version: '' }, approval: null, traceId: rec.traceId, requestedAt: iso(clock.now()),
    };
    const ctx: ActionContext = { message, params: rec.params, resource, resourceId: arnName(rec.resourceArn), now: clock.now(), aws };
    let status: 'succeeded' | 'failed' = 'succeeded';
    let error: string | null = null;
    let after: unknown = null;
    try {
      await action.undo(ctx, rec.before);
      after = await action.read(ctx);
    } catch (err) {
      status = 'failed';
      error = describeError(err);
    }
    const at = iso(clock.now());
    await store.transaction(async (tx) => {
      await tx.enforcementActions.finish(id, { status, reason: `rollback of ${rec.id}`, before: rec.after, after, error, finishedAt: at });
      if (status === 'succeeded') await tx.enforcementActions.markRolledBack(rec.id, id);
      await tx.audit.append([
        {
          type: status === 'succeeded' ? 'enforcement.rolled-back' : 'enforcement.rollback-failed',
          subjectKind: 'enforcement',
          subjectId: rec.id,
          actor: this.deps.actor,
          at,
          data: { rollbackId: id, action: rec.action, resource, restored: rec.before, after, error, traceId: rec.traceId },
        },
      ]);
    });
    const done = await store.enforcementActions.get(id);
    if (status === 'failed') throw new VigilError('rollback.failed', `rollback of ${rec.id} failed: ${error}`, { status: 502, details: { rollbackId: id } });
    return done as EnforcementActionRecord;
  }
}
