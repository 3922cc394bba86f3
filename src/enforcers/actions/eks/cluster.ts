import { DescribeClusterCommand, DescribeUpdateCommand, ListUpdatesCommand, UpdateClusterConfigCommand, type Cluster, type UpdateClusterConfigRequest, type UpdateParam } from '@aws-sdk/client-eks';
import type { ActionContext } from '../../enforcement-action.js';

/** Permissions and commands of an action that reads a cluster and updates its configuration. */
export const EKS_UPDATE = ['eks:DescribeCluster', 'eks:ListUpdates', 'eks:DescribeUpdate', 'eks:UpdateClusterConfig'];

/** The message's cluster. */
export const describeCluster = async (ctx: ActionContext<any>): Promise<Cluster> => {
  const c = (await ctx.aws.eks().send(new DescribeClusterCommand({ name: ctx.resourceId }))).cluster;
  if (!c) throw Object.assign(new Error(`cluster ${ctx.resourceId} not found`), { name: 'ResourceNotFoundException' });
  return c;
};

/**
 * The parameters of the cluster's in-progress updates of one type (`EndpointAccessUpdate`,
 * `LoggingUpdate`): EKS applies a configuration change over minutes, during which DescribeCluster
 * still shows the old value and a second update is refused.
 */
export const pendingUpdates = async (ctx: ActionContext<any>, type: string): Promise<Record<string, string>[]> => {
  const eks = ctx.aws.eks();
  const out: Record<string, string>[] = [];
  for (const updateId of (await eks.send(new ListUpdatesCommand({ name: ctx.resourceId }))).updateIds ?? []) {
    const u = (await eks.send(new DescribeUpdateCommand({ name: ctx.resourceId, updateId }))).update;
    if (u?.type === type && u.status === 'InProgress') out.push(Object.fromEntries((u.params ?? []).map((p: UpdateParam) => [p.type ?? '', p.value ?? ''])));
  }
  return out;
};

/** Starts a configuration update of the message's cluster. */
export const updateCluster = async (ctx: ActionContext<any>, change: Omit<UpdateClusterConfigRequest, 'name'>): Promise<void> => {
  await ctx.aws.eks().send(new UpdateClusterConfigCommand({ name: ctx.resourceId, ...change }));
};
