import { DisableEbsEncryptionByDefaultCommand, EnableEbsEncryptionByDefaultCommand, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';

type State = { enabled: boolean };

/**
 * Turns on EBS encryption by default in the message's account and Region: new volumes are
 * encrypted (with the Region's default EBS key); existing volumes are not changed. Undo turns it off if it was off.
 */
export const ec2EnableEbsEncryptionByDefault: EnforcementAction<Record<string, never>, State> = {
  name: 'ec2.enable-ebs-encryption-by-default',
  description: 'Turns on EBS encryption by default in the Region (new volumes only; existing ones are unchanged).',
  schema: NoParams,
  resourceTypes: ['aws.ec2.region-settings'],
  risk: 'safe',
  reversible: true,
  permissions: ['ec2:GetEbsEncryptionByDefault', 'ec2:EnableEbsEncryptionByDefault', 'ec2:DisableEbsEncryptionByDefault'],
  commands: ['ec2:GetEbsEncryptionByDefault', 'ec2:EnableEbsEncryptionByDefault', 'ec2:DisableEbsEncryptionByDefault'],
  read: async (ctx) => ({ enabled: (await ctx.aws.ec2().send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault === true }),
  compliant: (s) => s.enabled,
  async apply(ctx) {
    await ctx.aws.ec2().send(new EnableEbsEncryptionByDefaultCommand({}));
  },
  async undo(ctx, before) {
    if (!before.enabled) await ctx.aws.ec2().send(new DisableEbsEncryptionByDefaultCommand({}));
  },
};
