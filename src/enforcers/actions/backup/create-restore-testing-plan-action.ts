import {
  CreateRestoreTestingPlanCommand,
  CreateRestoreTestingSelectionCommand,
  DeleteRestoreTestingPlanCommand,
  DeleteRestoreTestingSelectionCommand,
  DescribeRestoreJobCommand,
  ListRestoreTestingPlansCommand,
  type RestoreTestingPlanForList,
} from '@aws-sdk/client-backup';
import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';
import { arnName } from '../action-helpers.js';

const Params = Type.Object(
  {
    planName: Type.String({ pattern: '^[a-zA-Z0-9_]{1,50}$', default: 'vigil_weekly_restore_test', description: 'Name of the restore testing plan.' }),
    schedule: Type.String({ pattern: '^cron\\(', default: 'cron(0 5 ? * SUN *)', description: 'When the restore test runs (weekly by default).' }),
    iamRoleArn: Type.Optional(Type.String({ pattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/', description: 'The role restores run as (default: the account\'s AWSBackupDefaultServiceRole).' })),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
/** resourceType: the protected resource type of the slow restore (what the plan tests). */
type State = { plans: string[]; resourceType: string };

const SELECTION = 'vigil_latest_recovery_point';

/**
 * Creates a weekly restore testing plan with a selection for the resource type of the slow restore
 * (latest recovery point of the week, any vault), so restore time is measured every week instead of
 * discovered during an incident. It makes the restore measured, not faster: the violation resolves
 * when a restore meets the target. Undo deletes the selection and the plan it created.
 */
export const backupCreateRestoreTestingPlan: EnforcementAction<P, State> = {
  name: 'backup.create-restore-testing-plan',
  description: 'Creates a weekly restore testing plan for the slow restore\'s resource type (it measures restores; it does not speed them up).',
  schema: Params,
  resourceTypes: ['aws.backup.restore-job'],
  risk: 'safe',
  reversible: true,
  // The selection passes the restore role to AWS Backup.
  permissions: [
    'backup:DescribeRestoreJob', 'backup:ListRestoreTestingPlans', 'backup:CreateRestoreTestingPlan', 'backup:CreateRestoreTestingSelection',
    'backup:DeleteRestoreTestingSelection', 'backup:DeleteRestoreTestingPlan', 'iam:PassRole',
  ],
  commands: [
    'backup:DescribeRestoreJob', 'backup:ListRestoreTestingPlans', 'backup:CreateRestoreTestingPlan', 'backup:CreateRestoreTestingSelection',
    'backup:DeleteRestoreTestingSelection', 'backup:DeleteRestoreTestingPlan',
  ],
  async read(ctx) {
    const backup = ctx.aws.backup();
    const job = await backup.send(new DescribeRestoreJobCommand({ RestoreJobId: arnName(ctx.resource.arn) }));
    const plans = ((await backup.send(new ListRestoreTestingPlansCommand({}))).RestoreTestingPlans ?? []).map((p: RestoreTestingPlanForList) => p.RestoreTestingPlanName ?? '');
    return { plans, resourceType: job.ResourceType ?? '' };
  },
  compliant: (s, p) => s.plans.includes(p.planName),
  guard: (s) => (s.resourceType ? null : 'the restore job does not say which resource type it restored'),
  async apply(ctx, before) {
    const backup = ctx.aws.backup();
    const p = ctx.params;
    await backup.send(
      new CreateRestoreTestingPlanCommand({
        RestoreTestingPlan: {
          RestoreTestingPlanName: p.planName,
          ScheduleExpression: p.schedule,
          StartWindowHours: 8,
          RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', IncludeVaults: ['*'], RecoveryPointTypes: ['SNAPSHOT', 'CONTINUOUS'], SelectionWindowDays: 7 },
        },
        Tags: { 'created-by': 'vigil' },
      }),
    );
    await backup.send(
      new CreateRestoreTestingSelectionCommand({
        RestoreTestingPlanName: p.planName,
        RestoreTestingSelection: {
          RestoreTestingSelectionName: SELECTION,
          ProtectedResourceType: before.resourceType,
          ProtectedResourceArns: ['*'],
          IamRoleArn: p.iamRoleArn ?? `arn:aws:iam::${ctx.resource.accountId}:role/service-role/AWSBackupDefaultServiceRole`,
          ValidationWindowHours: 1,
        },
      }),
    );
  },
  async undo(ctx, before) {
    if (before.plans.includes(ctx.params.planName)) return;
    await ctx.aws.backup().send(new DeleteRestoreTestingSelectionCommand({ RestoreTestingPlanName: ctx.params.planName, RestoreTestingSelectionName: SELECTION }));
    await ctx.aws.backup().send(new DeleteRestoreTestingPlanCommand({ RestoreTestingPlanName: ctx.params.planName }));
  },
};
