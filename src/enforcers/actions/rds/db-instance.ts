import { DescribeDBInstancesCommand, ModifyDBInstanceCommand, type DBInstance, type ModifyDBInstanceMessage } from '@aws-sdk/client-rds';
import type { ActionContext } from '../../enforcement-action.js';

/** The permissions and commands of an action that reads and modifies a DB instance. */
export const RDS_MODIFY = ['rds:DescribeDBInstances', 'rds:ModifyDBInstance'];

/** What every DB-instance action declares alike: its type, reversibility and the two calls it makes. */
export const DB_INSTANCE_MODIFY = { resourceTypes: ['aws.rds.db-instance'], reversible: true, permissions: RDS_MODIFY, commands: RDS_MODIFY } as const;

/** The DB instance of the message, read fresh. */
export const describeDbInstance = async (ctx: ActionContext<any>): Promise<DBInstance> => {
  const out = await ctx.aws.rds().send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: ctx.resourceId }));
  const db = out.DBInstances?.[0];
  if (!db) throw Object.assign(new Error(`DB instance ${ctx.resourceId} not found`), { name: 'DBInstanceNotFound' });
  return db;
};

/**
 * Modifies the message's DB instance. `ApplyImmediately` false leaves the change for the maintenance
 * window (it shows in PendingModifiedValues until then).
 */
export const modifyDbInstance = async (ctx: ActionContext<any>, change: Omit<ModifyDBInstanceMessage, 'DBInstanceIdentifier'>): Promise<void> => {
  await ctx.aws.rds().send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: ctx.resourceId, ...change }));
};
