import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';
import { describeDbCluster, modifyDbCluster, DB_CLUSTER_MODIFY } from './db-cluster.js';

type State = { deletionProtection: boolean };

/** Turns on deletion protection of a DB cluster (Aurora or Multi-AZ; applied immediately, no downtime). */
export const rdsEnableClusterDeletionProtection: EnforcementAction<Record<string, never>, State> = {
  name: 'rds.enable-cluster-deletion-protection',
  description: 'Turns on deletion protection of the DB cluster.',
  schema: NoParams,
  ...DB_CLUSTER_MODIFY,
  risk: 'safe',
  read: async (ctx) => ({ deletionProtection: (await describeDbCluster(ctx)).DeletionProtection === true }),
  compliant: (s) => s.deletionProtection,
  apply: (ctx) => modifyDbCluster(ctx, { DeletionProtection: true, ApplyImmediately: true }),
  async undo(ctx, before) {
    if (!before.deletionProtection) await modifyDbCluster(ctx, { DeletionProtection: false, ApplyImmediately: true });
  },
};
