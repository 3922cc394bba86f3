import { DisableKeyRotationCommand, EnableKeyRotationCommand, GetKeyRotationStatusCommand } from '@aws-sdk/client-kms';
import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';

type State = { enabled: boolean };

/** Turns on automatic rotation of a customer managed key; undo turns it off if it was off. */
export const kmsEnableKeyRotation: EnforcementAction<Record<string, never>, State> = {
  name: 'kms.enable-key-rotation',
  description: 'Turns on automatic yearly rotation of the customer managed KMS key.',
  schema: NoParams,
  resourceTypes: ['aws.kms.key'],
  risk: 'safe',
  reversible: true,
  permissions: ['kms:GetKeyRotationStatus', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation'],
  commands: ['kms:GetKeyRotationStatus', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation'],
  read: async (ctx) => ({ enabled: (await ctx.aws.kms().send(new GetKeyRotationStatusCommand({ KeyId: ctx.resourceId }))).KeyRotationEnabled === true }),
  compliant: (s) => s.enabled,
  async apply(ctx) {
    await ctx.aws.kms().send(new EnableKeyRotationCommand({ KeyId: ctx.resourceId }));
  },
  async undo(ctx, before) {
    if (!before.enabled) await ctx.aws.kms().send(new DisableKeyRotationCommand({ KeyId: ctx.resourceId }));
  },
};
