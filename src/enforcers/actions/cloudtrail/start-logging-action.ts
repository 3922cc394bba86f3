import { GetTrailStatusCommand, StartLoggingCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';

type State = { isLogging: boolean };

/** Starts a trail that stopped logging; undo stops it again if it was stopped. */
export const cloudtrailStartLogging: EnforcementAction<Record<string, never>, State> = {
  name: 'cloudtrail.start-logging',
  description: 'Starts logging on the trail.',
  schema: NoParams,
  resourceTypes: ['aws.cloudtrail.trail'],
  risk: 'safe',
  reversible: true,
  permissions: ['cloudtrail:GetTrailStatus', 'cloudtrail:StartLogging', 'cloudtrail:StopLogging'],
  commands: ['cloudtrail:GetTrailStatus', 'cloudtrail:StartLogging', 'cloudtrail:StopLogging'],
  read: async (ctx) => ({ isLogging: (await ctx.aws.cloudtrail().send(new GetTrailStatusCommand({ Name: ctx.resource.arn }))).IsLogging === true }),
  compliant: (s) => s.isLogging,
  async apply(ctx) {
    await ctx.aws.cloudtrail().send(new StartLoggingCommand({ Name: ctx.resource.arn }));
  },
  async undo(ctx, before) {
    if (!before.isLogging) await ctx.aws.cloudtrail().send(new StopLoggingCommand({ Name: ctx.resource.arn }));
  },
};
