import type { ResourceTypeDefinition } from '../../resource-type.js';
import { tagMap } from '../../resource-type.js';

/**
 * An EKS cluster: DescribeCluster's `cluster`, in EKS's own camelCase (name, arn, version, status,
 * resourcesVpcConfig.endpointPublicAccess / endpointPrivateAccess / publicAccessCidrs,
 * logging.clusterLogging[].types / enabled, tags as a map).
 *
 * @example
 * eksClusterResourceType.identity({ name: 'prod', arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/prod' }, where).id; // 'prod'
 */
export const eksClusterResourceType: ResourceTypeDefinition = {
  type: 'aws.eks.cluster',
  provider: 'aws',
  service: 'eks',
  title: 'EKS cluster',
  scope: 'regional',
  sources: ['ListClusters', 'DescribeCluster'],
  identity: (c, { accountId, region }) => {
    const name = String(c.name);
    return { id: name, name, arn: typeof c.arn === 'string' ? c.arn : `arn:aws:eks:${region}:${accountId}:cluster/${name}` };
  },
  tags: (c) => tagMap(c.tags),
  example: {
    name: 'payments-prod',
    arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/payments-prod',
    createdAt: '2025-02-01T10:00:00Z',
    version: '1.31',
    status: 'ACTIVE',
    platformVersion: 'eks.12',
    roleArn: 'arn:aws:iam::111122223333:role/eks-cluster',
    resourcesVpcConfig: {
      vpcId: 'vpc-0a1b2c3d', subnetIds: ['subnet-0a1b2c3d', 'subnet-1a1b2c3d'], securityGroupIds: [],
      endpointPublicAccess: false, endpointPrivateAccess: true, publicAccessCidrs: [],
    },
    logging: {
      clusterLogging: [
        { types: ['api', 'audit', 'authenticator'], enabled: true },
        { types: ['controllerManager', 'scheduler'], enabled: false },
      ],
    },
    tags: { owner: 'platform' },
  },
};
