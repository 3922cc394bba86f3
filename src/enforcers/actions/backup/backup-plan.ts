import { GetBackupPlanCommand, UpdateBackupPlanCommand, type BackupPlanInput, type BackupRuleInput } from '@aws-sdk/client-backup';
import type { ActionContext } from '../../enforcement-action.js';

/** Permissions and commands of an action that rewrites a backup plan. */
export const PLAN_UPDATE = ['backup:GetBackupPlan', 'backup:UpdateBackupPlan'];

/** A plan as UpdateBackupPlan takes it back (rules without their ids), and its version. */
export type PlanState = { versionId: string | null; plan: BackupPlanInput };

/** The plan id of a plan ARN: `arn:aws:backup:r:a:backup-plan:<id>` → `<id>`. */
export const planIdOf = (arn: string): string => arn.slice(arn.lastIndexOf(':') + 1);

/** The message's plan (or `planId`), as UpdateBackupPlan would take it back. */
export const readPlan = async (ctx: ActionContext<any>, planId = planIdOf(ctx.resource.arn)): Promise<PlanState> => {
  const out = await ctx.aws.backup().send(new GetBackupPlanCommand({ BackupPlanId: planId }));
  const p = out.BackupPlan;
  const rules: BackupRuleInput[] = (p?.Rules ?? []).map(({ RuleId: _id, ...r }: { RuleId?: string } & BackupRuleInput) => r);
  return {
    versionId: out.VersionId ?? null,
    plan: { BackupPlanName: p?.BackupPlanName ?? '', Rules: rules, ...(p?.AdvancedBackupSettings?.length ? { AdvancedBackupSettings: p.AdvancedBackupSettings } : {}) },
  };
};

/** Writes the plan (a new version; the old one stays in AWS Backup's history). */
export const writePlan = async (ctx: ActionContext<any>, plan: BackupPlanInput, planId = planIdOf(ctx.resource.arn)): Promise<void> => {
  await ctx.aws.backup().send(new UpdateBackupPlanCommand({ BackupPlanId: planId, BackupPlan: plan }));
};
