import type { DemoGenerator } from '../../demo-generator.js';
import { TEAMS, demoKeyArn, forcedExample, isoDaysAgo } from './data-demo-vocabulary.js';

/**
 * EBS snapshots owned by the account: nightly and pre-change copies, a few of them unencrypted
 * (taken from an unencrypted volume, so encryption at rest fails there too).
 *
 * @example
 * ec2SnapshotDemoGenerator.generate(ctx).config.State; // 'completed'
 */
export const ec2SnapshotDemoGenerator: DemoGenerator = {
  type: 'aws.ec2.snapshot',
  scope: 'regional',
  weight: 6,
  min: 2,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const id = `snap-0${rng.hex(16)}`;
    const encrypted = !(forcedExample(ctx, 23) || rng.chance(0.04));
    const config: Record<string, unknown> = {
      SnapshotId: id,
      VolumeId: `vol-0${rng.hex(16)}`,
      VolumeSize: rng.pick([8, 20, 50, 100, 200]),
      State: 'completed',
      Progress: '100%',
      StartTime: isoDaysAgo(now, rng.int(0, 400)),
      OwnerId: account.id,
      Description: index % 4 === 0 ? 'pre-change' : 'nightly',
      Encrypted: encrypted,
      StorageTier: 'standard',
      Tags: [{ Key: 'owner', Value: TEAMS[rng.int(0, TEAMS.length - 1)] as string }],
    };
    if (encrypted) config.KmsKeyId = demoKeyArn(account.id, region, index % 3);
    return { config, id, arn: `arn:aws:ec2:${region}::snapshot/${id}` };
  },
};
