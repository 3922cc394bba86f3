import type { BackupRuleInput } from '@aws-sdk/client-backup';
import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';
import { PLAN_UPDATE, readPlan, writePlan, type PlanState } from './backup-plan.js';

const Params = Type.Object(
  {
    destinationVaultArn: Type.String({
      pattern: '^arn:aws[a-z-]*:backup:[a-z0-9-]+:\\d{12}:backup-vault:.+$',
      description: 'The vault copies go to (another Region, another account, or a logically air-gapped vault). No default: it is the estate\'s own.',
    }),
    backupPlanId: Type.Optional(Type.String({ minLength: 1, description: 'For a database resource: the plan whose rules get the copy (a plan resource is its own plan).' })),
    copyRetentionDays: Type.Optional(Type.Integer({ minimum: 1, description: 'Retention of the copies (default: the rule\'s own lifecycle).' })),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;

const copies = (r: BackupRuleInput, vault: string) => (r.CopyActions ?? []).some((c) => c.DestinationBackupVaultArn === vault);

/**
 * Adds a copy action to every rule of a backup plan that does not copy to the destination vault yet,
 * keeping the rules' other copy actions. Copies keep the rule's lifecycle unless copyRetentionDays.
 * For a database resource (the air-gapped control) the plan is a param: which plan covers a database
 * is the selection's business, and a wrong guess would copy the wrong data. Undo writes the plan's
 * previous rules back; copies already made stay (an air-gapped vault will not let them go early).
 */
export const backupAddCopyAction: EnforcementAction<P, PlanState> = {
  name: 'backup.add-copy-action',
  description: 'Adds a copy to the destination vault (cross-Region, cross-account or air-gapped) to every rule of the backup plan.',
  schema: Params,
  resourceTypes: ['aws.backup.plan', 'aws.rds.db-instance', 'aws.dynamodb.table'],
  risk: 'safe',
  reversible: true,
  demoUnresolved: Object.fromEntries(
    ['aws.rds.db-instance', 'aws.dynamodb.table'].map((t) => [t, 'the copy rule lands on the backup plan; the demo generates the recovery points the policy reads (copies in an air-gapped vault) independently of it']),
  ),
  permissions: PLAN_UPDATE,
  commands: PLAN_UPDATE,
  async read(ctx) {
    if (ctx.resource.type !== 'aws.backup.plan' && !ctx.params.backupPlanId) return { versionId: null, plan: { BackupPlanName: '', Rules: [] } };
    return readPlan(ctx, ctx.params.backupPlanId);
  },
  compliant: (s, p) => (s.plan.Rules ?? []).length > 0 && (s.plan.Rules ?? []).every((r) => copies(r, p.destinationVaultArn)),
  guard: (s, ctx) =>
    ctx.resource.type !== 'aws.backup.plan' && !ctx.params.backupPlanId
      ? `which backup plan covers ${ctx.resource.type} ${ctx.resourceId} is not known: give params.backupPlanId`
      : (s.plan.Rules ?? []).length === 0
        ? 'the plan has no rule to add a copy to'
        : null,
  async apply(ctx, before) {
    const vault = ctx.params.destinationVaultArn;
    const Rules = (before.plan.Rules ?? []).map((r) =>
      copies(r, vault)
        ? r
        : { ...r, CopyActions: [...(r.CopyActions ?? []), { DestinationBackupVaultArn: vault, ...(ctx.params.copyRetentionDays ? { Lifecycle: { DeleteAfterDays: ctx.params.copyRetentionDays } } : r.Lifecycle ? { Lifecycle: r.Lifecycle } : {}) }] },
    );
    await writePlan(ctx, { ...before.plan, Rules }, ctx.params.backupPlanId);
  },
  undo: (ctx, before) => writePlan(ctx, before.plan, ctx.params.backupPlanId),
};
