import type { DemoGenerator } from '../../demo-generator.js';
import { TEAMS, isoDaysAgo } from './demo-vocabulary.js';

/**
 * EKS managed node groups: Bottlerocket for most (seed 000), some Amazon Linux 2023 and a few
 * custom launch templates that Vigil cannot prove hardened.
 *
 * @example
 * eksNodegroupDemoGenerator.generate(ctx).config.amiType; // 'BOTTLEROCKET_x86_64'
 */
export const eksNodegroupDemoGenerator: DemoGenerator = {
  type: 'aws.eks.nodegroup',
  scope: 'regional',
  weight: 0.6,
  min: 2,
  generate: ({ rng, account, region, now, index }) => {
    const team = TEAMS[index % TEAMS.length] as string;
    const cluster = `${account.environment ?? 'main'}-${team}-${index % 3}`;
    const name = `${team}-ng-${index}`;
    const a = rng.next();
    const amiType = a < 0.75 ? rng.pick(['BOTTLEROCKET_x86_64', 'BOTTLEROCKET_ARM_64']) : a < 0.95 ? rng.pick(['AL2023_x86_64_STANDARD', 'AL2_x86_64']) : 'CUSTOM';
    return {
      config: {
        nodegroupName: name,
        nodegroupArn: `arn:aws:eks:${region}:${account.id}:nodegroup/${cluster}/${name}/${rng.hex(8)}`,
        clusterName: cluster,
        version: '1.31',
        releaseVersion: amiType.startsWith('BOTTLEROCKET') ? '1.26.1-5f2a1b3c' : '1.31.2-20261101',
        createdAt: isoDaysAgo(now, rng.int(5, 400)),
        status: 'ACTIVE',
        capacityType: rng.chance(0.3) ? 'SPOT' : 'ON_DEMAND',
        amiType,
        instanceTypes: [rng.pick(['m6i.large', 'm7g.large', 'c6i.xlarge'])],
        scalingConfig: { minSize: 2, maxSize: 10, desiredSize: rng.int(2, 6) },
        nodeRole: `arn:aws:iam::${account.id}:role/eks-node`,
        tags: rng.chance(0.95) ? { owner: team } : {},
      },
    };
  },
};
