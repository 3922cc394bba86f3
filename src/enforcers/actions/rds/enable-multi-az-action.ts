import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';
import { describeDbInstance, modifyDbInstance, DB_INSTANCE_MODIFY } from './db-instance.js';

const Params = Type.Object(
  { applyImmediately: Type.Boolean({ default: false, description: 'Convert now instead of in the next maintenance window (performance dips while the standby syncs).' }) },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
/** pending: the conversion is scheduled for the maintenance window (PendingModifiedValues.MultiAZ). */
type State = { multiAZ: boolean; pending: boolean; engine: string };

/**
 * Converts a DB instance to Multi-AZ, by default in the next maintenance window: a scheduled
 * conversion counts as done (verify sees it pending). Aurora instances are refused (their
 * availability comes from the cluster's replicas). Undo converts back to Single-AZ if it was.
 */
export const rdsEnableMultiAz: EnforcementAction<P, State> = {
  name: 'rds.enable-multi-az',
  description: 'Converts the DB instance to Multi-AZ (in the maintenance window unless applyImmediately); not for Aurora.',
  schema: Params,
  ...DB_INSTANCE_MODIFY,
  risk: 'disruptive',
  async read(ctx) {
    const db = await describeDbInstance(ctx);
    return { multiAZ: db.MultiAZ === true, pending: db.PendingModifiedValues?.MultiAZ === true, engine: db.Engine ?? '' };
  },
  compliant: (s) => s.multiAZ || s.pending,
  guard: (s) => (s.engine.startsWith('aurora') ? `${s.engine} instances are made highly available by the cluster's replicas, not by Multi-AZ` : null),
  apply: (ctx) => modifyDbInstance(ctx, { MultiAZ: true, ApplyImmediately: ctx.params.applyImmediately }),
  async undo(ctx, before) {
    if (!before.multiAZ) await modifyDbInstance(ctx, { MultiAZ: false, ApplyImmediately: ctx.params.applyImmediately });
  },
};
