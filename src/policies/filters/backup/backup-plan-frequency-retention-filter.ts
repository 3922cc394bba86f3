import { Type } from '@sinclair/typebox';
import { arr, obj } from '../../../inventory/resource-types/backup/backup-arns.js';
import type { NamedFilterDefinition } from '../named-filter.js';
import { cronMaxIntervalHours } from './backup-plan-schedule.js';

export interface PlanFrequencyRetentionParams {
  /** Longest allowed gap between backups, in days (0.25 = every 6 hours). */
  maxIntervalDays: number;
  /** Shortest allowed retention of the rule's recovery points, in days. */
  minRetentionDays: number;
}

/**
 * Matches a backup plan in which no rule both runs at least every `maxIntervalDays` and keeps its
 * recovery points at least `minRetentionDays` (Backup Audit Manager's
 * BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK). A rule without `Lifecycle.DeleteAfterDays`
 * keeps recovery points forever, which satisfies any minimum.
 *
 * @example
 * where: { filter: backup-plan-frequency-retention-unmet, maxIntervalDays: 1, minRetentionDays: 35 }
 */
export const backupPlanFrequencyRetentionFilter: NamedFilterDefinition<PlanFrequencyRetentionParams> = {
  name: 'backup-plan-frequency-retention-unmet',
  description: 'No rule of the backup plan runs often enough AND keeps recovery points long enough.',
  params: Type.Object({ maxIntervalDays: Type.Number({ exclusiveMinimum: 0 }), minRetentionDays: Type.Number({ minimum: 0 }) }),
  appliesTo: ['aws.backup.plan'],
  compile: ({ maxIntervalDays, minRetentionDays }) => (r) => {
    const rules = arr(obj(r.config.BackupPlan)?.Rules);
    const seen: string[] = [];
    for (const raw of rules) {
      const rule = obj(raw) ?? {};
      const hours = cronMaxIntervalHours(rule.ScheduleExpression);
      const keep = obj(rule.Lifecycle)?.DeleteAfterDays;
      const keepDays = typeof keep === 'number' ? keep : Number.POSITIVE_INFINITY;
      if (hours !== undefined && hours <= maxIntervalDays * 24 && keepDays >= minRetentionDays) return null;
      seen.push(`${String(rule.RuleName ?? '?')}: ${hours === undefined ? `unreadable schedule ${String(rule.ScheduleExpression)}` : `every ${hours}h`}, keeps ${Number.isFinite(keepDays) ? `${keepDays}d` : 'forever'}`);
    }
    const evidence = {
      path: 'BackupPlan.Rules',
      expected: `a rule running at least every ${maxIntervalDays * 24}h that keeps backups ≥ ${minRetentionDays} days`,
      actual: seen,
    };
    return [rules.length ? evidence : { ...evidence, note: 'the plan has no rules' }];
  },
  example: { filter: 'backup-plan-frequency-retention-unmet', maxIntervalDays: 1, minRetentionDays: 35 },
};
