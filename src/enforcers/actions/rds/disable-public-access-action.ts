import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';
import { describeDbInstance, modifyDbInstance, DB_INSTANCE_MODIFY } from './db-instance.js';

type State = { publiclyAccessible: boolean };

/**
 * Turns off public accessibility of a DB instance, immediately: clients outside the VPC lose access
 * (risk disruptive). Undo makes it publicly accessible again if it was.
 */
export const rdsDisablePublicAccess: EnforcementAction<Record<string, never>, State> = {
  name: 'rds.disable-public-access',
  description: 'Turns off public accessibility of the DB instance (applied immediately; clients outside the VPC lose access).',
  schema: NoParams,
  ...DB_INSTANCE_MODIFY,
  risk: 'disruptive',
  read: async (ctx) => ({ publiclyAccessible: (await describeDbInstance(ctx)).PubliclyAccessible === true }),
  compliant: (s) => !s.publiclyAccessible,
  apply: (ctx) => modifyDbInstance(ctx, { PubliclyAccessible: false, ApplyImmediately: true }),
  async undo(ctx, before) {
    if (before.publiclyAccessible) await modifyDbInstance(ctx, { PubliclyAccessible: true, ApplyImmediately: true });
  },
};
