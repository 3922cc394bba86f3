import { DescribeDBClustersCommand, ModifyDBClusterCommand, type DBCluster, type ModifyDBClusterMessage } from '@aws-sdk/client-rds';
import type { ActionContext } from '../../enforcement-action.js';

/** The permissions and commands of an action that reads and modifies a DB cluster. */
export const RDS_CLUSTER_MODIFY = ['rds:DescribeDBClusters', 'rds:ModifyDBCluster'];

/** What every DB-cluster action declares alike: its type, reversibility and the two calls it makes. */
export const DB_CLUSTER_MODIFY = { resourceTypes: ['aws.rds.db-cluster'], reversible: true, permissions: RDS_CLUSTER_MODIFY, commands: RDS_CLUSTER_MODIFY } as const;

/** The DB cluster of the message, read fresh. */
export const describeDbCluster = async (ctx: ActionContext<any>): Promise<DBCluster> => {
  const out = await ctx.aws.rds().send(new DescribeDBClustersCommand({ DBClusterIdentifier: ctx.resourceId }));
  const cluster = out.DBClusters?.[0];
  if (!cluster) throw Object.assign(new Error(`DB cluster ${ctx.resourceId} not found`), { name: 'DBClusterNotFoundFault' });
  return cluster;
};

/** Modifies the message's DB cluster. */
export const modifyDbCluster = async (ctx: ActionContext<any>, change: Omit<ModifyDBClusterMessage, 'DBClusterIdentifier'>): Promise<void> => {
  await ctx.aws.rds().send(new ModifyDBClusterCommand({ DBClusterIdentifier: ctx.resourceId, ...change }));
};
