import { Type } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';

/**
 * Changes nothing: for controls where a person must act (a node replacement, a vault lock decision).
 * The worker records that enforcement came due and the owner was told, so the trail shows it.
 */
export const notifyOnly: EnforcementAction<{ note?: string }, Record<string, never>> = {
  name: 'notify-only',
  description: 'Records that enforcement came due without changing the resource; a person must act.',
  schema: Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
  resourceTypes: ['*'],
  risk: 'manual',
  reversible: false,
  permissions: [],
  commands: [],
  changes: false,
  read: async () => ({}),
  compliant: () => false,
  apply: async () => undefined,
};
