import type { BackupRuleInput } from '@aws-sdk/client-backup';
import { Type, type Static } from '@sinclair/typebox';
import { cronMaxIntervalHours } from '../../../policies/filters/backup/backup-plan-schedule.js';
import type { EnforcementAction } from '../../enforcement-action.js';
import { PLAN_UPDATE, readPlan, writePlan, type PlanState } from './backup-plan.js';

const Params = Type.Object(
  {
    maxIntervalDays: Type.Number({ exclusiveMinimum: 0, default: 1, description: 'Longest allowed time between two backups, in days.' }),
    minRetentionDays: Type.Integer({ minimum: 1, default: 35, description: 'Shortest allowed retention of recovery points, in days.' }),
    schedule: Type.String({ pattern: '^cron\\(', default: 'cron(0 3 ? * * *)', description: 'Schedule of a rule the action adds when no rule is frequent enough.' }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;

const frequent = (r: BackupRuleInput, p: P) => (cronMaxIntervalHours(r.ScheduleExpression ?? 'cron(0 5 ? * * *)') ?? Number.POSITIVE_INFINITY) <= p.maxIntervalDays * 24;
const keeps = (r: BackupRuleInput, p: P) => r.Lifecycle?.DeleteAfterDays === undefined || r.Lifecycle.DeleteAfterDays >= p.minRetentionDays;

/**
 * Makes a backup plan run at least every maxIntervalDays and keep recovery points at least
 * minRetentionDays. It never loosens a rule: the frequent rules' retention is raised (never lowered);
 * when no rule is frequent enough, a rule `vigil-daily` is added beside the others (same vault as
 * the first rule). Undo writes the plan's previous rules back (AWS keeps every version).
 */
export const backupUpdatePlan: EnforcementAction<P, PlanState> = {
  name: 'backup.update-plan',
  description: 'Raises the retention of the plan\'s frequent rules, or adds a daily rule, so it runs often enough and keeps long enough (never loosens).',
  schema: Params,
  resourceTypes: ['aws.backup.plan'],
  risk: 'safe',
  reversible: true,
  permissions: PLAN_UPDATE,
  commands: PLAN_UPDATE,
  read: (ctx) => readPlan(ctx),
  compliant: (s, p) => (s.plan.Rules ?? []).some((r) => frequent(r, p) && keeps(r, p)),
  guard: (s) => ((s.plan.Rules ?? []).length === 0 ? 'the plan has no rule to take a target vault from' : null),
  async apply(ctx, before) {
    const p = ctx.params;
    const rules = before.plan.Rules ?? [];
    const raise = (r: BackupRuleInput): BackupRuleInput => (keeps(r, p) ? r : { ...r, Lifecycle: { ...r.Lifecycle, DeleteAfterDays: p.minRetentionDays } });
    const next = rules.some((r) => frequent(r, p))
      ? rules.map((r) => (frequent(r, p) ? raise(r) : r))
      : [...rules, { RuleName: 'vigil-daily', TargetBackupVaultName: rules[0]?.TargetBackupVaultName ?? 'Default', ScheduleExpression: p.schedule, Lifecycle: { DeleteAfterDays: p.minRetentionDays } }];
    await writePlan(ctx, { ...before.plan, Rules: next });
  },
  undo: (ctx, before) => writePlan(ctx, before.plan),
};
