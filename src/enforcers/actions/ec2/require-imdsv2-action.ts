import { ModifyInstanceMetadataOptionsCommand, type HttpTokensState } from '@aws-sdk/client-ec2';
import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';
import { describeInstance } from './stop-instance-action.js';

type State = { httpTokens: string };

/** Requires session tokens (IMDSv2) for the instance metadata service; undo makes them optional again. */
export const ec2RequireImdsv2: EnforcementAction<Record<string, never>, State> = {
  name: 'ec2.require-imdsv2',
  description: 'Sets HttpTokens=required on the instance metadata service (IMDSv2 only).',
  schema: NoParams,
  resourceTypes: ['aws.ec2.instance'],
  risk: 'disruptive',
  reversible: true,
  permissions: ['ec2:DescribeInstances', 'ec2:ModifyInstanceMetadataOptions'],
  commands: ['ec2:DescribeInstances', 'ec2:ModifyInstanceMetadataOptions'],
  read: async (ctx) => ({ httpTokens: (await describeInstance(ctx)).MetadataOptions?.HttpTokens ?? 'optional' }),
  compliant: (s) => s.httpTokens === 'required',
  async apply(ctx) {
    await ctx.aws.ec2().send(new ModifyInstanceMetadataOptionsCommand({ InstanceId: ctx.resourceId, HttpTokens: 'required', HttpEndpoint: 'enabled' }));
  },
  async undo(ctx, before) {
    await ctx.aws.ec2().send(new ModifyInstanceMetadataOptionsCommand({ InstanceId: ctx.resourceId, HttpTokens: before.httpTokens as HttpTokensState }));
  },
};
