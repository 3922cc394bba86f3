import { DescribeDBInstancesCommand, ModifyDBInstanceCommand } from '@aws-sdk/client-rds';
import type { EnforcementAction } from '../../enforcement-action.js';
import { arnName, NoParams } from '../action-helpers.js';

type State = { deletionProtection: boolean };

/** Turns on deletion protection of a DB instance (applied immediately: it causes no downtime). */
export const rdsEnableDeletionProtection: EnforcementAction<Record<string, never>, State> = {
  name: 'rds.enable-deletion-protection',
  description: 'Turns on deletion protection of the DB instance.',
  schema: NoParams,
  resourceTypes: ['aws.rds.db-instance'],
  risk: 'safe',
  reversible: true,
  permissions: ['rds:DescribeDBInstances', 'rds:ModifyDBInstance'],
  commands: ['rds:DescribeDBInstances', 'rds:ModifyDBInstance'],
  async read(ctx) {
    const out = await ctx.aws.rds().send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: arnName(ctx.resource.arn) }));
    return { deletionProtection: out.DBInstances?.[0]?.DeletionProtection === true };
  },
  compliant: (s) => s.deletionProtection,
  async apply(ctx) {
    await ctx.aws.rds().send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: ctx.resourceId, DeletionProtection: true, ApplyImmediately: true }));
  },
  async undo(ctx, before) {
    if (!before.deletionProtection) await ctx.aws.rds().send(new ModifyDBInstanceCommand({ DBInstanceIdentifier: ctx.resourceId, DeletionProtection: false, ApplyImmediately: true }));
  },
};
