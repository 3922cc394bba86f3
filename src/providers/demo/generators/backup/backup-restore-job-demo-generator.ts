import type { DemoGenerator } from '../../demo-generator.js';
import { isoAt } from '../demo-time.js';
import { forcedExample } from '../data/data-demo-vocabulary.js';
import { DEMO_BACKUP_ROLE, demoTableArn, demoTableName, demoUuid } from './backup-demo-naming.js';
import { demoRestoreTestingPlanArn } from './backup-restore-testing-plan-demo-generator.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Restore jobs from weekly restore testing plans: restore job i tests table i of its account and
 * Region. Most finish in minutes to a few hours; a few exceed the 12-hour target, fail, or still run.
 *
 * @example
 * backupRestoreJobDemoGenerator.generate(ctx).config.Status; // 'COMPLETED'
 */
export const backupRestoreJobDemoGenerator: DemoGenerator = {
  type: 'aws.backup.restore-job',
  scope: 'regional',
  weight: 0.5,
  min: 2,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const id = demoUuid('restore-job', account.id, region, index);
    const created = now - rng.int(1, 7) * DAY_MS - rng.int(0, 1439) * MINUTE_MS;
    const slow = forcedExample(ctx, 141) || rng.chance(0.04);
    const minutes = slow ? rng.int(760, 1600) : rng.int(8, 300);
    const roll = rng.roll(0.5);
    const status = slow ? 'COMPLETED' : roll < 0.03 ? 'FAILED' : roll < 0.05 ? 'RUNNING' : 'COMPLETED';
    const rpId = demoUuid('rp', account.id, region, index * 3);
    const config: Record<string, unknown> = {
      AccountId: account.id,
      RestoreJobId: id,
      RecoveryPointArn: `arn:aws:backup:${region}:${account.id}:recovery-point:${rpId}`,
      SourceResourceArn: demoTableArn(account.id, region, index),
      BackupVaultArn: `arn:aws:backup:${region}:${account.id}:backup-vault:daily`,
      CreationDate: isoAt(created),
      Status: status,
      PercentDone: status === 'RUNNING' ? `${rng.int(5, 95)}.00%` : '100.00%',
      BackupSizeInBytes: rng.int(1, 200_000) * 65_536,
      IamRoleArn: DEMO_BACKUP_ROLE(account.id),
      ExpectedCompletionTimeMinutes: rng.int(10, 240),
      ResourceType: 'DynamoDB',
      RecoveryPointCreationDate: isoAt(created - rng.int(1, 20) * 3_600_000),
      CreatedBy: { RestoreTestingPlanArn: demoRestoreTestingPlanArn(account.id, region) },
    };
    if (status === 'COMPLETED') {
      config.CompletionDate = isoAt(created + minutes * MINUTE_MS);
      config.CreatedResourceArn = `arn:aws:dynamodb:${region}:${account.id}:table/${demoTableName(index)}-restore-${id.slice(0, 8)}`;
      config.ValidationStatus = 'SUCCESSFUL';
    }
    if (status === 'FAILED') config.StatusMessage = 'Access denied to KMS key';
    return { id, arn: `arn:aws:backup:${region}:${account.id}:restore-job:${id}`, name: id, tags: {}, config };
  },
};
