import { DescribeInstancesCommand, StartInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';
import { arnName, NoParams } from '../action-helpers.js';

type State = { state: string };

export const describeInstance = async (ctx: ActionContext<any>) => {
  const out = await ctx.aws.ec2().send(new DescribeInstancesCommand({ InstanceIds: [arnName(ctx.resource.arn)] }));
  const instance = out.Reservations?.[0]?.Instances?.[0];
  if (!instance) throw Object.assign(new Error(`instance ${arnName(ctx.resource.arn)} not found`), { name: 'InvalidInstanceID.NotFound' });
  return instance;
};

/** Stops (never terminates) an instance; undo starts it again if it was running. */
export const ec2StopInstance: EnforcementAction<Record<string, never>, State> = {
  name: 'ec2.stop-instance',
  description: 'Stops the instance (never terminates it); its volumes and data stay.',
  schema: NoParams,
  resourceTypes: ['aws.ec2.instance'],
  risk: 'disruptive',
  reversible: true,
  permissions: ['ec2:DescribeInstances', 'ec2:StopInstances', 'ec2:StartInstances'],
  commands: ['ec2:DescribeInstances', 'ec2:StopInstances', 'ec2:StartInstances'],
  read: async (ctx) => ({ state: (await describeInstance(ctx)).State?.Name ?? 'unknown' }),
  compliant: (s) => ['stopping', 'stopped', 'shutting-down', 'terminated'].includes(s.state),
  async apply(ctx) {
    await ctx.aws.ec2().send(new StopInstancesCommand({ InstanceIds: [ctx.resourceId] }));
  },
  async undo(ctx, before) {
    if (before.state === 'running' || before.state === 'pending') await ctx.aws.ec2().send(new StartInstancesCommand({ InstanceIds: [ctx.resourceId] }));
  },
};
