import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';
import { describeDbInstance, modifyDbInstance, RDS_MODIFY } from './db-instance.js';

type State = { deletionProtection: boolean };

/** Turns on deletion protection of a DB instance (applied immediately: it causes no downtime). */
export const rdsEnableDeletionProtection: EnforcementAction<Record<string, never>, State> = {
  name: 'rds.enable-deletion-protection',
  description: 'Turns on deletion protection of the DB instance.',
  schema: NoParams,
  resourceTypes: ['aws.rds.db-instance'],
  risk: 'safe',
  reversible: true,
  permissions: RDS_MODIFY,
  commands: RDS_MODIFY,
  read: async (ctx) => ({ deletionProtection: (await describeDbInstance(ctx)).DeletionProtection === true }),
  compliant: (s) => s.deletionProtection,
  apply: (ctx) => modifyDbInstance(ctx, { DeletionProtection: true, ApplyImmediately: true }),
  async undo(ctx, before) {
    if (!before.deletionProtection) await modifyDbInstance(ctx, { DeletionProtection: false, ApplyImmediately: true });
  },
};
