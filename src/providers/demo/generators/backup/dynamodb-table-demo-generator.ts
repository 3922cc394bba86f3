import type { DemoGenerator } from '../../demo-generator.js';
import { CLASSIFICATIONS, dataStoreTags, demoKeyArn, forcedExample, isProd, isoDaysAgo } from '../data/data-demo-vocabulary.js';
import { BACKUP_POLICIES, DEMO_TABLE_MIN, DEMO_TABLE_WEIGHT, demoTableArn, demoTableName, demoUuid } from './backup-demo-naming.js';

/**
 * DynamoDB tables. Production tables carry a `backup` policy tag (a few forget it or use an unknown
 * name); a few tables have point-in-time recovery off.
 *
 * @example
 * dynamodbTableDemoGenerator.generate(ctx).config.Table; // { TableName: 'payments-ledger-0', ... }
 */
export const dynamodbTableDemoGenerator: DemoGenerator = {
  type: 'aws.dynamodb.table',
  scope: 'regional',
  weight: DEMO_TABLE_WEIGHT,
  min: DEMO_TABLE_MIN,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const name = demoTableName(index);
    const arn = demoTableArn(account.id, region, index);
    const prod = isProd(account);
    let backup: string | undefined;
    if (prod) {
      const r = rng.roll(0.5);
      backup = forcedExample(ctx, 101) || r < 0.03 ? undefined : r < 0.045 ? 'weekly_7' : (BACKUP_POLICIES[rng.int(0, BACKUP_POLICIES.length - 1)] as string);
    }
    const tags = dataStoreTags(
      { owner: name.slice(0, name.indexOf('-')), classification: CLASSIFICATIONS[rng.int(1, CLASSIFICATIONS.length - 1)] as string, backup },
      prod ? 'prod' : 'nonprod',
    );
    const pitr = !(forcedExample(ctx, 102) || rng.chance(0.05));
    const created = rng.int(30, 1500);
    return {
      id: name,
      arn,
      name,
      tags: tags.map,
      config: {
        Table: {
          TableName: name,
          TableArn: arn,
          TableId: demoUuid('table', account.id, region, index),
          TableStatus: 'ACTIVE',
          CreationDateTime: isoDaysAgo(now, created),
          ItemCount: rng.int(1_000, 50_000_000),
          TableSizeBytes: rng.int(1, 400_000) * 65_536,
          BillingModeSummary: { BillingMode: rng.chance(0.7) ? 'PAY_PER_REQUEST' : 'PROVISIONED' },
          SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: demoKeyArn(account.id, region, index % 3) },
          DeletionProtectionEnabled: prod,
        },
        ContinuousBackupsDescription: {
          ContinuousBackupsStatus: 'ENABLED',
          PointInTimeRecoveryDescription: pitr
            ? { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35, EarliestRestorableDateTime: isoDaysAgo(now, Math.min(35, created)), LatestRestorableDateTime: isoDaysAgo(now, 0.004) }
            : { PointInTimeRecoveryStatus: 'DISABLED' },
        },
        Tags: tags.list,
      },
    };
  },
};
