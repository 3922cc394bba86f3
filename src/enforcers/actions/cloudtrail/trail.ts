import { GetTrailCommand, UpdateTrailCommand, type Trail, type UpdateTrailRequest } from '@aws-sdk/client-cloudtrail';
import type { ActionContext } from '../../enforcement-action.js';

/** The message's trail (by ARN: UpdateTrail then works from any Region). Needs cloudtrail:GetTrail. */
export const getTrail = async (ctx: ActionContext<any>): Promise<Trail> => {
  const trail = (await ctx.aws.cloudtrail().send(new GetTrailCommand({ Name: ctx.resource.arn }))).Trail;
  if (!trail) throw Object.assign(new Error(`trail ${ctx.resource.arn} not found`), { name: 'TrailNotFoundException' });
  return trail;
};

/** Changes some settings of the message's trail. Needs cloudtrail:UpdateTrail. */
export const updateTrail = async (ctx: ActionContext<any>, change: Omit<UpdateTrailRequest, 'Name'>): Promise<void> => {
  await ctx.aws.cloudtrail().send(new UpdateTrailCommand({ Name: ctx.resource.arn, ...change }));
};
