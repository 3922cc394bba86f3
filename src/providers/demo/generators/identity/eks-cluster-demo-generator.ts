import type { DemoGenerator } from '../../demo-generator.js';
import { forcedExample } from '../data/data-demo-vocabulary.js';
import { TEAMS, isoDaysAgo } from './demo-vocabulary.js';

const ALL_LOGS = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/**
 * EKS clusters: private endpoints and audit logging for most; a few with a public endpoint, audit
 * logs off (at least one in every estate), or logging never configured.
 *
 * @example
 * eksClusterDemoGenerator.generate(ctx).config.logging; // { clusterLogging: [{ types: [...], enabled: true }] }
 */
export const eksClusterDemoGenerator: DemoGenerator = {
  type: 'aws.eks.cluster',
  scope: 'regional',
  weight: 0.15,
  min: 1,
  generate: (ctx) => {
    const { rng, account, region, now, index } = ctx;
    const team = TEAMS[index % TEAMS.length] as string;
    const name = `${account.environment ?? 'main'}-${team}-${index}`;
    const publicEndpoint = rng.chance(0.12);
    // Six clusters in a small demo may all draw audit logs on: one forced example has them off (drawn
    // first all the same, so the cluster's other draws stay as they were; an enforced cluster is typical).
    const rolled = rng.roll(0.5);
    const l = forcedExample(ctx, 152) ? 0.1 : rolled;
    const logging =
      l < 0.08
        ? { clusterLogging: [{ types: ALL_LOGS, enabled: false }] }
        : l < 0.12
          ? { clusterLogging: [{ types: ['api', 'authenticator'], enabled: true }, { types: ['audit', 'controllerManager', 'scheduler'], enabled: false }] }
          : { clusterLogging: [{ types: ['api', 'audit', 'authenticator'], enabled: true }, { types: ['controllerManager', 'scheduler'], enabled: false }] };
    return {
      config: {
        name,
        arn: `arn:aws:eks:${region}:${account.id}:cluster/${name}`,
        createdAt: isoDaysAgo(now, rng.int(30, 900)),
        version: rng.pick(['1.29', '1.30', '1.31']),
        status: 'ACTIVE',
        platformVersion: `eks.${rng.int(5, 15)}`,
        roleArn: `arn:aws:iam::${account.id}:role/eks-cluster`,
        resourcesVpcConfig: {
          vpcId: `vpc-0${account.id.slice(-7)}`,
          subnetIds: [`subnet-0${rng.hex(8)}`, `subnet-0${rng.hex(8)}`],
          securityGroupIds: [],
          endpointPublicAccess: publicEndpoint,
          endpointPrivateAccess: true,
          publicAccessCidrs: publicEndpoint ? ['0.0.0.0/0'] : [],
        },
        logging,
        tags: rng.chance(0.95) ? { owner: team } : {},
      },
    };
  },
};
