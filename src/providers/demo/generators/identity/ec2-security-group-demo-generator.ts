import type { DemoGenerator } from '../../demo-generator.js';
import { TEAMS, ownerTags } from './demo-vocabulary.js';

type Perm = Readonly<Record<string, unknown>>;
/** A permission, frozen: every group shares the few that exist instead of a copy per group. */
const perm = (IpProtocol: string, from: number | undefined, to: number | undefined, v4: string[], v6: string[] = []): Perm => {
  const p: Record<string, unknown> = { IpProtocol };
  if (from !== undefined) Object.assign(p, { FromPort: from, ToPort: to });
  p.IpRanges = Object.freeze(v4.map((CidrIp) => Object.freeze({ CidrIp })));
  p.Ipv6Ranges = Object.freeze(v6.map((CidrIpv6) => Object.freeze({ CidrIpv6 })));
  p.UserIdGroupPairs = Object.freeze([]);
  p.PrefixListIds = Object.freeze([]);
  return Object.freeze(p);
};

const HTTPS_WORLD = perm('tcp', 443, 443, ['0.0.0.0/0'], ['::/0']);
const HTTPS_PRIVATE = perm('tcp', 443, 443, ['10.0.0.0/8']);
const APP_PORT = perm('tcp', 8080, 8080, ['10.0.0.0/16']);
const SSH_WORLD = perm('tcp', 22, 22, ['0.0.0.0/0']);
const RDP_WORLD = perm('tcp', 3389, 3389, ['0.0.0.0/0']);
const SSH_WORLD_V6 = perm('tcp', 22, 22, [], ['::/0']);
const LOW_PORTS_WORLD = perm('tcp', 0, 1024, ['0.0.0.0/0']);
const ALL_WORLD = perm('-1', undefined, undefined, ['0.0.0.0/0']);
const SSH_PRIVATE = perm('tcp', 22, 22, ['10.20.0.0/16']);
const EGRESS = Object.freeze([ALL_WORLD]);

/**
 * Security groups: HTTPS from the world or the VPC, app ports from private ranges; a few open SSH or
 * RDP to 0.0.0.0/0 or ::/0, open a wide range covering 22, or allow all traffic from anywhere.
 *
 * @example
 * ec2SecurityGroupDemoGenerator.generate(ctx).config.IpPermissions; // [{ IpProtocol: 'tcp', FromPort: 443, … }]
 */
export const ec2SecurityGroupDemoGenerator: DemoGenerator = {
  type: 'aws.ec2.security-group',
  scope: 'regional',
  weight: 4,
  min: 6,
  generate: ({ rng, account, index }) => {
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const perms: Perm[] = [rng.chance(0.4) ? HTTPS_WORLD : HTTPS_PRIVATE, APP_PORT];
    const r = rng.roll(0.5);
    if (r < 0.03) perms.push(SSH_WORLD);
    else if (r < 0.045) perms.push(RDP_WORLD);
    else if (r < 0.055) perms.push(SSH_WORLD_V6);
    else if (r < 0.062) perms.push(LOW_PORTS_WORLD);
    else if (r < 0.067) perms.push(ALL_WORLD);
    else if (r < 0.2) perms.push(SSH_PRIVATE);
    const id = `sg-0${rng.hex(16)}`;
    return {
      config: {
        GroupId: id,
        GroupName: `${team}-sg-${index}`,
        Description: `${team} application traffic`,
        VpcId: `vpc-0${account.id.slice(-7)}`,
        OwnerId: account.id,
        IpPermissions: perms,
        IpPermissionsEgress: EGRESS,
        Tags: ownerTags(rng.chance(0.95) ? team : undefined),
      },
    };
  },
};
