import { DescribeClusterCommand, DescribeNodegroupCommand, EKSClient, ListClustersCommand, ListNodegroupsCommand } from '@aws-sdk/client-eks';
import type { Resource } from '../../../inventory/resource.js';
import { eksClusterResourceType } from '../../../inventory/resource-types/identity/eks-cluster-resource-type.js';
import { eksNodegroupResourceType } from '../../../inventory/resource-types/identity/eks-nodegroup-resource-type.js';
import type { ServiceCollector } from '../service-collector.js';
import { essential, pages, plain, toResource, withClient } from './collector-kit.js';

/**
 * EKS in one account and Region: every cluster (DescribeCluster's `cluster`) and every managed node
 * group (DescribeNodegroup's `nodegroup`), in EKS's own camelCase.
 *
 * @example
 * for await (const page of eksCollector.collect(ctx)) store(page.resources);
 */
export const eksCollector: ServiceCollector = {
  service: 'eks',
  types: ['aws.eks.cluster', 'aws.eks.nodegroup'],
  commands: ['ListClustersCommand', 'DescribeClusterCommand', 'ListNodegroupsCommand', 'DescribeNodegroupCommand'],
  permissions: ['eks:ListClusters', 'eks:DescribeCluster', 'eks:ListNodegroups', 'eks:DescribeNodegroup'],
  collect: (ctx) =>
    withClient(new EKSClient({ ...ctx.clientConfig }), async function* (eks) {
      for await (const page of pages(ctx, 'eks:ListClusters', (nextToken) => eks.send(new ListClustersCommand({ nextToken, maxResults: 100 })), (p) => p.nextToken)) {
        for (const name of page.clusters ?? []) {
          const cluster = await essential(ctx, 'eks:DescribeCluster', () => eks.send(new DescribeClusterCommand({ name })));
          const resources: Resource[] = cluster?.cluster ? [toResource(eksClusterResourceType, ctx, plain(cluster.cluster))] : [];
          const groups = pages(ctx, 'eks:ListNodegroups', (nextToken) => eks.send(new ListNodegroupsCommand({ clusterName: name, nextToken, maxResults: 100 })), (p) => p.nextToken);
          for await (const gp of groups) {
            const described = await Promise.all(
              (gp.nodegroups ?? []).map((nodegroupName) =>
                essential(ctx, 'eks:DescribeNodegroup', () => eks.send(new DescribeNodegroupCommand({ clusterName: name, nodegroupName }))),
              ),
            );
            for (const d of described) if (d?.nodegroup) resources.push(toResource(eksNodegroupResourceType, ctx, plain(d.nodegroup)));
          }
          yield { resources };
        }
      }
    }),
};
