import { GetTrailCommand, UpdateTrailCommand } from '@aws-sdk/client-cloudtrail';
import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';

type State = { validation: boolean };

/** Turns on log file integrity validation (digest files) for a trail. */
export const cloudtrailEnableLogFileValidation: EnforcementAction<Record<string, never>, State> = {
  name: 'cloudtrail.enable-log-file-validation',
  description: 'Turns on log file integrity validation for the trail.',
  schema: NoParams,
  resourceTypes: ['aws.cloudtrail.trail'],
  risk: 'safe',
  reversible: true,
  permissions: ['cloudtrail:GetTrail', 'cloudtrail:UpdateTrail'],
  commands: ['cloudtrail:GetTrail', 'cloudtrail:UpdateTrail'],
  read: async (ctx) => ({ validation: (await ctx.aws.cloudtrail().send(new GetTrailCommand({ Name: ctx.resource.arn }))).Trail?.LogFileValidationEnabled === true }),
  compliant: (s) => s.validation,
  async apply(ctx) {
    await ctx.aws.cloudtrail().send(new UpdateTrailCommand({ Name: ctx.resource.arn, EnableLogFileValidation: true }));
  },
  async undo(ctx, before) {
    if (!before.validation) await ctx.aws.cloudtrail().send(new UpdateTrailCommand({ Name: ctx.resource.arn, EnableLogFileValidation: false }));
  },
};
