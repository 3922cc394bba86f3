import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';
import { describeDbInstance, modifyDbInstance, DB_INSTANCE_MODIFY } from './db-instance.js';

const Params = Type.Object(
  {
    minimumDays: Type.Integer({ minimum: 1, maximum: 35, default: 7, description: 'Backup retention the instance must keep at least (RDS allows 1–35 days).' }),
    applyImmediately: Type.Boolean({ default: false, description: 'Apply now instead of in the maintenance window (from 0 days this restarts the instance).' }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
/** pending: a retention already scheduled for the maintenance window. */
type State = { retentionDays: number; pending: number | null };

/**
 * Raises a DB instance's automated backup retention to at least minimumDays; it never lowers one.
 * By default in the maintenance window (from 0 days, turning backups on restarts the instance). Undo
 * lowers it back, but never to 0: that would turn automated backups off and delete them, which is for
 * a person to do.
 */
export const rdsModifyBackupRetention: EnforcementAction<P, State> = {
  name: 'rds.modify-backup-retention',
  description: 'Raises the DB instance\'s backup retention to at least minimumDays (never lowers it; maintenance window unless applyImmediately).',
  schema: Params,
  ...DB_INSTANCE_MODIFY,
  risk: 'disruptive',
  async read(ctx) {
    const db = await describeDbInstance(ctx);
    return { retentionDays: db.BackupRetentionPeriod ?? 0, pending: db.PendingModifiedValues?.BackupRetentionPeriod ?? null };
  },
  compliant: (s, p) => Math.max(s.retentionDays, s.pending ?? 0) >= p.minimumDays,
  async apply(ctx, before) {
    // Re-checked here, not only in `compliant`: this action must never shorten a retention.
    if (Math.max(before.retentionDays, before.pending ?? 0) >= ctx.params.minimumDays) return;
    await modifyDbInstance(ctx, { BackupRetentionPeriod: ctx.params.minimumDays, ApplyImmediately: ctx.params.applyImmediately });
  },
  async undo(ctx, before) {
    if (before.retentionDays === 0) throw new Error('not restored: setting the retention back to 0 turns automated backups off and deletes them; a person must decide that');
    await modifyDbInstance(ctx, { BackupRetentionPeriod: before.retentionDays, ApplyImmediately: ctx.params.applyImmediately });
  },
};
