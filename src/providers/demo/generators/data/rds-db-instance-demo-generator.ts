import type { DemoGenerator } from '../../demo-generator.js';
import type { Rng } from '../../rng.js';
import { CLASSIFICATIONS, TEAMS, dataStoreTags, demoKeyArn, forcedExample, isProd, isoDaysAgo } from './data-demo-vocabulary.js';

const ENGINES = [
  ['postgres', '16.4'],
  ['postgres', '15.8'],
  ['mysql', '8.0.39'],
  ['aurora-postgresql', '16.4'],
  ['mariadb', '10.11.9'],
] as const;

/**
 * An instance's team, engine and identifier: its first draws, so the backup area's recovery points can
 * name the instance they protect without generating the whole instance.
 *
 * @example
 * rdsDbInstanceBasics(new Rng('42/aws.rds.db-instance/123456789012/eu-west-1/0'), 0).id; // 'platform-postgres-0'
 */
export const rdsDbInstanceBasics = (rng: Rng, index: number): { team: string; engine: string; version: string; id: string } => {
  const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
  const [engine, version] = ENGINES[rng.int(0, ENGINES.length - 1)] as readonly [string, string];
  return { team, engine, version, id: `${team}-${engine.startsWith('aurora') ? 'aurora' : engine}-${index}` };
};

export const rdsDbInstanceArn = (region: string, accountId: string, id: string): string => `arn:aws:rds:${region}:${accountId}:db:${id}`;

/**
 * RDS DB instances (seed 004: private subnets, Multi-AZ, encrypted, 30-day backups in prod). A few miss
 * each control: unencrypted, single-AZ, publicly accessible, no deletion protection, short or no
 * automated backups (read by the backup area's `rds-automated-backups`).
 *
 * @example
 * rdsDbInstanceDemoGenerator.generate(ctx).config.Engine; // 'postgres'
 */
export const rdsDbInstanceDemoGenerator: DemoGenerator = {
  type: 'aws.rds.db-instance',
  scope: 'regional',
  weight: 1.5,
  min: 1,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const { team, engine, version, id } = rdsDbInstanceBasics(rng, index);
    const prod = isProd(account);
    const arn = rdsDbInstanceArn(region, account.id, id);
    const encrypted = !(forcedExample(ctx, 31) || rng.chance(0.04));
    const aurora = engine.startsWith('aurora');
    const tags = dataStoreTags(
      {
        owner: rng.chance(0.97) ? team : undefined,
        classification: forcedExample(ctx, 32) || rng.chance(0.03) ? undefined : (CLASSIFICATIONS[rng.int(1, CLASSIFICATIONS.length - 1)] as string),
        backup: prod && rng.chance(0.96) ? 'db_30_365_2555' : undefined,
      },
      prod ? 'prod' : 'nonprod',
    );
    const config: Record<string, unknown> = {
      DBInstanceIdentifier: id,
      DBInstanceArn: arn,
      DBInstanceClass: rng.pick(['db.t4g.medium', 'db.r6g.large', 'db.r6g.xlarge', 'db.m7g.large']),
      Engine: engine,
      EngineVersion: version,
      DBInstanceStatus: 'available',
      AllocatedStorage: aurora ? 1 : rng.pick([20, 100, 200, 500]),
      InstanceCreateTime: isoDaysAgo(now, rng.int(5, 1800)),
      AvailabilityZone: `${region}a`,
      // Aurora replicates storage across AZs at the cluster; its instances report MultiAZ false.
      MultiAZ: !aurora && !(forcedExample(ctx, 33) || rng.chance(0.06)),
      PubliclyAccessible: forcedExample(ctx, 34) || rng.chance(0.025),
      DeletionProtection: !(forcedExample(ctx, 35) || rng.chance(0.06)),
      StorageEncrypted: encrypted,
      BackupRetentionPeriod: forcedExample(ctx, 36) || rng.chance(0.02) ? 0 : rng.chance(0.05) ? 3 : prod ? 30 : 7,
      AutoMinorVersionUpgrade: rng.chance(0.9),
      CopyTagsToSnapshot: true,
      DbiResourceId: `db-${rng.upper(26)}`,
      TagList: tags.list,
    };
    if (encrypted) config.KmsKeyId = demoKeyArn(account.id, region, index % 3);
    return { config, id, arn, name: id, tags: tags.map };
  },
};
