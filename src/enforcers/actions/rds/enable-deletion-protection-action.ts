import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';
import { describeDbInstance, modifyDbInstance, DB_INSTANCE_MODIFY } from './db-instance.js';

type State = { deletionProtection: boolean };

/** Turns on deletion protection of a DB instance (applied immediately: it causes no downtime). */
export const rdsEnableDeletionProtection: EnforcementAction<Record<string, never>, State> = {
  name: 'rds.enable-deletion-protection',
  description: 'Turns on deletion protection of the DB instance.',
  schema: NoParams,
  ...DB_INSTANCE_MODIFY,
  risk: 'safe',
  read: async (ctx) => ({ deletionProtection: (await describeDbInstance(ctx)).DeletionProtection === true }),
  compliant: (s) => s.deletionProtection,
  apply: (ctx) => modifyDbInstance(ctx, { DeletionProtection: true, ApplyImmediately: true }),
  async undo(ctx, before) {
    if (!before.deletionProtection) await modifyDbInstance(ctx, { DeletionProtection: false, ApplyImmediately: true });
  },
};
