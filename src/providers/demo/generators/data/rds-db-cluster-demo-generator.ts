import type { DemoGenerator } from '../../demo-generator.js';
import { TEAMS, dataStoreTags, demoKeyArn, isProd, isoDaysAgo } from './data-demo-vocabulary.js';

/**
 * Aurora DB clusters, one per account in its first Region (weight 0: the demo estate's size and every
 * other type's count stay as they were). Encrypted and backed up, as seed 004 asks; about one in
 * five was created without deletion protection.
 *
 * @example
 * rdsDbClusterDemoGenerator.generate(ctx).config.Engine; // 'aurora-postgresql'
 */
export const rdsDbClusterDemoGenerator: DemoGenerator = {
  type: 'aws.rds.db-cluster',
  scope: 'home',
  weight: 0,
  min: 1,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const id = `${team}-aurora-cluster-${index}`;
    const arn = `arn:aws:rds:${region}:${account.id}:cluster:${id}`;
    const tags = dataStoreTags({ owner: team, classification: 'confidential', backup: 'db_30_365_2555' }, isProd(account) ? 'prod' : 'nonprod');
    const config: Record<string, unknown> = {
      DBClusterIdentifier: id,
      DBClusterArn: arn,
      Engine: 'aurora-postgresql',
      EngineVersion: '16.4',
      EngineMode: 'provisioned',
      Status: 'available',
      ClusterCreateTime: isoDaysAgo(now, rng.int(30, 900)),
      MultiAZ: true,
      AvailabilityZones: [`${region}a`, `${region}b`, `${region}c`],
      StorageEncrypted: true,
      KmsKeyId: demoKeyArn(account.id, region, index % 3),
      DeletionProtection: rng.chance(0.8),
      BackupRetentionPeriod: 30,
      DBClusterMembers: [
        { DBInstanceIdentifier: `${id}-1`, IsClusterWriter: true },
        { DBInstanceIdentifier: `${id}-2`, IsClusterWriter: false },
      ],
      TagList: tags.list,
    };
    return { config, id, arn, name: id };
  },
};
