import type { ResourceTypeDefinition } from '../../resource-type.js';
import { tagMap } from '../../resource-type.js';

/**
 * An EKS managed node group: DescribeNodegroup's `nodegroup` in camelCase (nodegroupName,
 * nodegroupArn, clusterName, amiType such as `BOTTLEROCKET_x86_64` or `AL2023_x86_64_STANDARD`,
 * releaseVersion, instanceTypes, scalingConfig, tags as a map).
 *
 * @example
 * eksNodegroupResourceType.identity({ clusterName: 'prod', nodegroupName: 'ng-1' }, where).id; // 'prod/ng-1'
 */
export const eksNodegroupResourceType: ResourceTypeDefinition = {
  type: 'aws.eks.nodegroup',
  provider: 'aws',
  service: 'eks',
  title: 'EKS managed node group',
  scope: 'regional',
  sources: ['ListNodegroups', 'DescribeNodegroup'],
  identity: (c, { accountId, region }) => {
    const cluster = String(c.clusterName);
    const name = String(c.nodegroupName);
    const arn = typeof c.nodegroupArn === 'string' ? c.nodegroupArn : `arn:aws:eks:${region}:${accountId}:nodegroup/${cluster}/${name}`;
    return { id: `${cluster}/${name}`, name, arn };
  },
  tags: (c) => tagMap(c.tags),
  example: {
    nodegroupName: 'general',
    nodegroupArn: 'arn:aws:eks:eu-west-1:111122223333:nodegroup/payments-prod/general/6ec9a1b2',
    clusterName: 'payments-prod',
    version: '1.31',
    releaseVersion: '1.26.1-5f2a1b3c',
    status: 'ACTIVE',
    capacityType: 'ON_DEMAND',
    amiType: 'BOTTLEROCKET_x86_64',
    instanceTypes: ['m6i.large'],
    scalingConfig: { minSize: 2, maxSize: 6, desiredSize: 3 },
    nodeRole: 'arn:aws:iam::111122223333:role/eks-node',
    tags: { owner: 'platform' },
  },
};
