import type { DemoGenerator } from '../../demo-generator.js';
import { forcedExample, isoDaysAgo } from '../data/data-demo-vocabulary.js';
import { AIR_GAPPED_VAULT, BACKUP_POLICIES, CENTRAL_VAULT, demoPlanId, demoUuid, otherRegion, sharedBackupAccount } from './backup-demo-naming.js';
import { retentionsOf } from '../../../../inventory/resource-types/backup/backup-policy-retentions.js';

const DAILY = 'cron(0 3 ? * * *)';
const MONTHLY = 'cron(0 4 1 * ? *)';
const YEARLY = 'cron(0 5 1 1 ? *)';

/**
 * Backup plans: the first three of every account and Region implement the tag-driven policies
 * (`db_30_365_2555`, `db_30_365_3652`, `daily_35`); more are team plans. Daily rules keep 35 days and
 * copy to the other Region, to the shared backup account's `central` vault and to the logically
 * air-gapped vault. A few plans miss the cross-Region or cross-account copy, keep daily backups too
 * briefly, or only run weekly.
 *
 * @example
 * backupPlanDemoGenerator.generate(ctx).config.BackupPlan; // { BackupPlanName: 'db_30_365_2555', Rules: [...] }
 */
export const backupPlanDemoGenerator: DemoGenerator = {
  type: 'aws.backup.plan',
  scope: 'regional',
  weight: 0.4,
  min: BACKUP_POLICIES.length,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const id = demoPlanId(account.id, region, index);
    const arn = `arn:aws:backup:${region}:${account.id}:backup-plan:${id}`;
    const name = index < BACKUP_POLICIES.length ? (BACKUP_POLICIES[index] as string) : `team-plan-${index}`;
    const [daily = 35, ...longer] = index < BACKUP_POLICIES.length ? retentionsOf(name) : [35];
    const shared = sharedBackupAccount(ctx.accounts);
    const copies: Record<string, unknown>[] = [];
    const keep = { DeleteAfterDays: Math.max(daily, 35) };
    if (!(forcedExample(ctx, 121) || rng.chance(0.04))) {
      copies.push({ DestinationBackupVaultArn: `arn:aws:backup:${otherRegion(ctx)}:${account.id}:backup-vault:daily`, Lifecycle: keep });
    }
    // The forced example of a missing cross-account copy is in a workload account (forcedExample over
    // all accounts chose the shared one in a three-account demo, which copies elsewhere anyway).
    if (shared && shared.id !== account.id && !(forcedExample({ ...ctx, accounts: ctx.accounts.filter((a) => a.id !== shared.id) }, 122) || rng.chance(0.04))) {
      copies.push({ DestinationBackupVaultArn: `arn:aws:backup:${region}:${shared.id}:backup-vault:${CENTRAL_VAULT}`, Lifecycle: keep });
    } else if (shared?.id === account.id) {
      // The shared backup account cannot copy to itself: its own plans copy to the first workload account.
      const first = ctx.accounts.find((a) => a.id !== account.id);
      if (first) copies.push({ DestinationBackupVaultArn: `arn:aws:backup:${region}:${first.id}:backup-vault:daily`, Lifecycle: keep });
    }
    copies.push({ DestinationBackupVaultArn: `arn:aws:backup:${region}:${account.id}:backup-vault:${AIR_GAPPED_VAULT}`, Lifecycle: { DeleteAfterDays: 35 } });
    const shortRetention = forcedExample(ctx, 123) || rng.chance(0.03);
    const weekly = !shortRetention && (forcedExample(ctx, 124, 1) || rng.chance(0.02));
    const rules: Record<string, unknown>[] = [
      {
        RuleName: 'daily',
        RuleId: demoUuid('rule-daily', account.id, region, index),
        TargetBackupVaultName: 'daily',
        ScheduleExpression: weekly ? 'cron(0 3 ? * SUN *)' : DAILY,
        ScheduleExpressionTimezone: 'Etc/UTC',
        StartWindowMinutes: 60,
        CompletionWindowMinutes: 480,
        Lifecycle: { DeleteAfterDays: shortRetention ? 14 : Math.max(daily, 35) },
        CopyActions: copies,
        EnableContinuousBackup: false,
      },
    ];
    if (longer[0] !== undefined) {
      rules.push({ RuleName: 'monthly', RuleId: demoUuid('rule-monthly', account.id, region, index), TargetBackupVaultName: 'monthly', ScheduleExpression: MONTHLY, StartWindowMinutes: 60, CompletionWindowMinutes: 720, Lifecycle: { DeleteAfterDays: longer[0] }, CopyActions: [] });
    }
    if (longer[1] !== undefined) {
      rules.push({ RuleName: 'yearly', RuleId: demoUuid('rule-yearly', account.id, region, index), TargetBackupVaultName: 'yearly', ScheduleExpression: YEARLY, StartWindowMinutes: 60, CompletionWindowMinutes: 720, Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: longer[1] }, CopyActions: [] });
    }
    return {
      id,
      arn,
      name,
      tags: { owner: 'platform-backup' },
      config: {
        BackupPlanId: id,
        BackupPlanArn: arn,
        VersionId: demoUuid('version', account.id, region, index).replace(/-/g, '').slice(0, 24),
        CreationDate: isoDaysAgo(now, rng.int(30, 700)),
        LastExecutionDate: isoDaysAgo(now, rng.next()),
        BackupPlan: { BackupPlanName: name, Rules: rules },
        Tags: { owner: 'platform-backup' },
      },
    };
  },
};
