import type { DemoGenerator } from '../../demo-generator.js';
import { isoAt } from '../demo-time.js';
import { DEMO_BACKUP_ROLE, demoUuid } from './backup-demo-naming.js';

const DAY_MS = 86_400_000;

/** The demo's weekly restore testing plan of an account and Region: the plan the restore jobs name in `CreatedBy`. */
export const demoRestoreTestingPlanArn = (accountId: string, region: string): string =>
  `arn:aws:backup:${region}:${accountId}:restore-testing-plan:weekly_restore_test-${demoUuid('rtp', accountId, region, 0).slice(0, 6)}`;

/**
 * One weekly restore testing plan per account and Region (weight 0: other types' counts stay as they
 * were), testing the latest DynamoDB recovery point of the week; the restore jobs it starts are
 * `aws.backup.restore-job` records.
 *
 * @example
 * backupRestoreTestingPlanDemoGenerator.generate(ctx).config.ScheduleExpression; // 'cron(0 1 ? * SUN *)'
 */
export const backupRestoreTestingPlanDemoGenerator: DemoGenerator = {
  type: 'aws.backup.restore-testing-plan',
  scope: 'regional',
  weight: 0,
  min: 1,
  generate: (ctx) => {
    const { account, region, now, rng } = ctx;
    const ranThisWeek = rng.chance(0.8);
    const name = 'weekly_restore_test';
    const arn = demoRestoreTestingPlanArn(account.id, region);
    const config: Record<string, unknown> = {
      RestoreTestingPlanName: name,
      RestoreTestingPlanArn: arn,
      CreationTime: isoAt(now - 200 * DAY_MS),
      LastExecutionTime: isoAt(now - (ranThisWeek ? 3 : 21) * DAY_MS),
      ScheduleExpression: 'cron(0 1 ? * SUN *)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      StartWindowHours: 24,
      RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', IncludeVaults: ['*'], RecoveryPointTypes: ['SNAPSHOT'], SelectionWindowDays: 7 },
      RestoreTestingSelections: [
        { RestoreTestingSelectionName: 'dynamodb_tables', RestoreTestingPlanName: name, ProtectedResourceType: 'DynamoDB', IamRoleArn: DEMO_BACKUP_ROLE(account.id), ValidationWindowHours: 4, CreationTime: isoAt(now - 200 * DAY_MS) },
      ],
      Tags: { owner: 'platform-backup' },
    };
    return { id: name, arn, name, config };
  },
};
