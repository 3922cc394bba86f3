import type { DemoGenerator } from '../../demo-generator.js';
import { TEAMS, demoKeyArn, forcedExample, isoDaysAgo } from './data-demo-vocabulary.js';

/**
 * RDS DB snapshots: automated daily ones (`rds:<db>-<date>`) and manual pre-upgrade copies; a few are
 * unencrypted copies of unencrypted databases.
 *
 * @example
 * rdsDbSnapshotDemoGenerator.generate(ctx).config.SnapshotType; // 'automated'
 */
export const rdsDbSnapshotDemoGenerator: DemoGenerator = {
  type: 'aws.rds.db-snapshot',
  scope: 'regional',
  weight: 3,
  min: 1,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const db = `${team}-postgres-${index % 5}`;
    const days = rng.int(0, 60);
    const automated = rng.chance(0.7);
    const created = isoDaysAgo(now, days);
    const id = automated ? `rds:${db}-${created.slice(0, 10)}-${index}` : `${db}-pre-upgrade-${index}`;
    const arn = `arn:aws:rds:${region}:${account.id}:snapshot:${id}`;
    const encrypted = !(forcedExample(ctx, 37) || rng.chance(0.04));
    const config: Record<string, unknown> = {
      DBSnapshotIdentifier: id,
      DBSnapshotArn: arn,
      DBInstanceIdentifier: db,
      SnapshotCreateTime: created,
      Engine: 'postgres',
      AllocatedStorage: rng.pick([20, 100, 200]),
      Status: 'available',
      SnapshotType: automated ? 'automated' : 'manual',
      Encrypted: encrypted,
      TagList: [{ Key: 'owner', Value: team }],
    };
    if (encrypted) config.KmsKeyId = demoKeyArn(account.id, region, index % 3);
    return { config, id, arn, name: id };
  },
};
