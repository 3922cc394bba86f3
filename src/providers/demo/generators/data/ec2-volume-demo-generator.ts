import type { DemoGenerator } from '../../demo-generator.js';
import { TEAMS, demoKeyArn, forcedExample, isoDaysAgo } from './data-demo-vocabulary.js';

const TYPES = ['gp3', 'gp3', 'gp3', 'gp2', 'io2', 'st1'] as const;

/**
 * EBS volumes, mostly attached and encrypted with the account's keys; a few old unencrypted ones
 * (created before encryption by default was switched on).
 *
 * @example
 * ec2VolumeDemoGenerator.generate(ctx).config.Encrypted; // true
 */
export const ec2VolumeDemoGenerator: DemoGenerator = {
  type: 'aws.ec2.volume',
  scope: 'regional',
  weight: 8,
  min: 2,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const id = `vol-0${rng.hex(16)}`;
    const encrypted = !(forcedExample(ctx, 22) || rng.chance(0.04));
    const attached = rng.chance(0.85);
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const az = `${region}${'abc'[index % 3] as string}`;
    const config: Record<string, unknown> = {
      VolumeId: id,
      Size: rng.pick([8, 20, 50, 100, 200, 500]),
      VolumeType: TYPES[index % TYPES.length],
      State: attached ? 'in-use' : 'available',
      AvailabilityZone: az,
      CreateTime: isoDaysAgo(now, rng.int(1, 1500)),
      Encrypted: encrypted,
      MultiAttachEnabled: false,
      Attachments: attached ? [{ InstanceId: `i-0${rng.hex(16)}`, Device: '/dev/xvda', State: 'attached', DeleteOnTermination: true, VolumeId: id }] : [],
      Tags: rng.chance(0.95) ? [{ Key: 'owner', Value: team }] : [],
    };
    if (encrypted) config.KmsKeyId = demoKeyArn(account.id, region, index % 3);
    return { config, id, arn: `arn:aws:ec2:${region}:${account.id}:volume/${id}` };
  },
};
