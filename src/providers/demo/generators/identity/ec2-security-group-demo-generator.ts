import type { DemoGenerator } from '../../demo-generator.js';
import { TEAMS, ownerTags } from './demo-vocabulary.js';

type Perm = Record<string, unknown>;
const perm = (IpProtocol: string, from: number | undefined, to: number | undefined, v4: string[], v6: string[] = []): Perm => ({
  IpProtocol,
  ...(from === undefined ? {} : { FromPort: from, ToPort: to }),
  IpRanges: v4.map((CidrIp) => ({ CidrIp })),
  Ipv6Ranges: v6.map((CidrIpv6) => ({ CidrIpv6 })),
  UserIdGroupPairs: [],
  PrefixListIds: [],
});

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
    const perms: Perm[] = [rng.chance(0.4) ? perm('tcp', 443, 443, ['0.0.0.0/0'], ['::/0']) : perm('tcp', 443, 443, ['10.0.0.0/8'])];
    perms.push(perm('tcp', 8080, 8080, ['10.0.0.0/16']));
    const r = rng.next();
    if (r < 0.03) perms.push(perm('tcp', 22, 22, ['0.0.0.0/0']));
    else if (r < 0.045) perms.push(perm('tcp', 3389, 3389, ['0.0.0.0/0']));
    else if (r < 0.055) perms.push(perm('tcp', 22, 22, [], ['::/0']));
    else if (r < 0.062) perms.push(perm('tcp', 0, 1024, ['0.0.0.0/0']));
    else if (r < 0.067) perms.push(perm('-1', undefined, undefined, ['0.0.0.0/0']));
    else if (r < 0.2) perms.push(perm('tcp', 22, 22, ['10.20.0.0/16']));
    const id = `sg-0${rng.hex(16)}`;
    return {
      config: {
        GroupId: id,
        GroupName: `${team}-sg-${index}`,
        Description: `${team} application traffic`,
        VpcId: `vpc-0${account.id.slice(-7)}`,
        OwnerId: account.id,
        IpPermissions: perms,
        IpPermissionsEgress: [perm('-1', undefined, undefined, ['0.0.0.0/0'])],
        Tags: ownerTags(rng.chance(0.95) ? team : undefined),
      },
    };
  },
};
