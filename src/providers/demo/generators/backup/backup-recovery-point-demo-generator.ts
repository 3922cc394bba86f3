import type { DemoContext, DemoGenerator } from '../../demo-generator.js';
import { isoAt } from '../demo-time.js';
import { Rng } from '../../rng.js';
import { demoKeyArn, forcedExample, isProd } from '../data/data-demo-vocabulary.js';
import { rdsDbInstanceArn, rdsDbInstanceBasics, rdsDbInstanceDemoGenerator } from '../data/rds-db-instance-demo-generator.js';
import {
  AIR_GAPPED_VAULT,
  BACKUP_POLICIES,
  DEMO_BACKUP_ROLE,
  DEMO_RDS_MIN,
  DEMO_RDS_WEIGHT,
  DEMO_RECOVERY_POINT_WEIGHT,
  DEMO_TABLE_MIN,
  DEMO_TABLE_WEIGHT,
  RECOVERY_POINTS_PER_RESOURCE,
  demoPlanId,
  demoTableArn,
  demoTableName,
  demoUuid,
  estimatedCount,
} from './backup-demo-naming.js';

interface Protected {
  arn: string;
  name: string;
  resourceType: 'DynamoDB' | 'RDS';
}

/**
 * The resource protected by recovery-point slot `slot`: the account/Region's tables first, then its RDS
 * instances. RDS instances are the data area's: their ARN is re-derived from the first draws of its
 * generator with the same seed, so it is only possible when the provider passes the seed; otherwise the slot protects
 * a table.
 */
const protectedAt = (ctx: DemoContext, slot: number): Protected => {
  const tables = estimatedCount(ctx, DEMO_RECOVERY_POINT_WEIGHT, DEMO_TABLE_WEIGHT, DEMO_TABLE_MIN);
  const rds = slot - tables;
  if (rds >= 0 && ctx.seed !== undefined && rds < estimatedCount(ctx, DEMO_RECOVERY_POINT_WEIGHT, DEMO_RDS_WEIGHT, DEMO_RDS_MIN)) {
    // The instance's own Rng, and only the draws that name it: same ARN as the data area's generator.
    const { id } = rdsDbInstanceBasics(new Rng(`${ctx.seed}/${rdsDbInstanceDemoGenerator.type}/${ctx.account.id}/${ctx.region}/${rds}`), rds);
    return { arn: rdsDbInstanceArn(ctx.region, ctx.account.id, id), name: id, resourceType: 'RDS' };
  }
  const t = rds >= 0 ? slot % tables : slot;
  return { arn: demoTableArn(ctx.account.id, ctx.region, t), name: demoTableName(t), resourceType: 'DynamoDB' };
};

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Age in ms of the k-th recovery point of a table; a few are stale so the age controls fail somewhere. */
const ageOf = (ctx: DemoContext, k: number, home: boolean): number => {
  const { rng } = ctx;
  if (k === 0) return forcedExample(ctx, 131, 0) || rng.chance(0.03) ? rng.int(2, 5) * DAY_MS : rng.int(2, 20) * HOUR_MS;
  if (k === 1) {
    // A few older dailies fall in the production legal hold's window (31–39 days ago, home Region).
    return home && isProd(ctx.account) && rng.chance(0.05) ? rng.int(32, 38) * DAY_MS : rng.int(1, 28) * DAY_MS + rng.int(0, 23) * HOUR_MS;
  }
  return forcedExample(ctx, 132, 2) || rng.chance(0.04) ? rng.int(8, 20) * DAY_MS : rng.int(0, 6) * DAY_MS + rng.int(1, 23) * HOUR_MS;
};

/**
 * Recovery points: three per DynamoDB table (and RDS instance, when the seed is known) of the account and Region (a recent daily, an older daily,
 * a copy in the logically air-gapped vault), so the protected tables have real backup history. A few
 * are stale, unencrypted, kept only 7 days, or sit inside an active legal hold close to their deletion.
 *
 * @example
 * backupRecoveryPointDemoGenerator.generate(ctx).config.ResourceArn; // 'arn:aws:dynamodb:…:table/payments-ledger-0'
 */
export const backupRecoveryPointDemoGenerator: DemoGenerator = {
  type: 'aws.backup.recovery-point',
  scope: 'regional',
  weight: DEMO_RECOVERY_POINT_WEIGHT,
  min: DEMO_TABLE_MIN * RECOVERY_POINTS_PER_RESOURCE,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const target = protectedAt(ctx, Math.floor(index / RECOVERY_POINTS_PER_RESOURCE));
    const k = index % RECOVERY_POINTS_PER_RESOURCE;
    const vault = k === 2 ? AIR_GAPPED_VAULT : 'daily';
    const created = now - ageOf(ctx, k, region === ctx.regions[0]);
    const keepDays = k !== 2 && (forcedExample(ctx, 133, 0) || rng.chance(0.03)) ? 7 : 35;
    const rpId = demoUuid('rp', account.id, region, index);
    const rpArn = `arn:aws:backup:${region}:${account.id}:recovery-point:${rpId}`;
    const planIndex = rng.int(0, BACKUP_POLICIES.length - 1);
    const planId = demoPlanId(account.id, region, planIndex);
    const encrypted = !(forcedExample(ctx, 134, 1) || rng.chance(0.02));
    const config: Record<string, unknown> = {
      RecoveryPointArn: rpArn,
      BackupVaultName: vault,
      BackupVaultArn: `arn:aws:backup:${region}:${account.id}:backup-vault:${vault}`,
      ResourceArn: target.arn,
      ResourceType: target.resourceType,
      ResourceName: target.name,
      CreatedBy: {
        BackupPlanId: planId,
        BackupPlanArn: `arn:aws:backup:${region}:${account.id}:backup-plan:${planId}`,
        BackupPlanName: BACKUP_POLICIES[planIndex],
        BackupRuleId: demoUuid('rule-daily', account.id, region, planIndex),
      },
      IamRoleArn: DEMO_BACKUP_ROLE(account.id),
      Status: 'COMPLETED',
      CreationDate: isoAt(created),
      CompletionDate: isoAt(created + rng.int(2, 90) * 60_000),
      BackupSizeInBytes: rng.int(1, 200_000) * 65_536,
      Lifecycle: { DeleteAfterDays: keepDays },
      CalculatedLifecycle: { DeleteAt: isoAt(created + keepDays * DAY_MS) },
      IsEncrypted: encrypted,
      VaultType: k === 2 ? 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' : 'BACKUP_VAULT',
    };
    if (encrypted) config.EncryptionKeyArn = demoKeyArn(account.id, region, index % 3);
    if (k === 2) config.SourceBackupVaultArn = `arn:aws:backup:${region}:${account.id}:backup-vault:daily`;
    return { id: rpId, arn: rpArn, name: rpId, tags: {}, config };
  },
};
