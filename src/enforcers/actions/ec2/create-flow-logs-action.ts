import { CreateFlowLogsCommand, DeleteFlowLogsCommand, DescribeFlowLogsCommand, type FlowLog as Ec2FlowLog, type LogDestinationType } from '@aws-sdk/client-ec2';
import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';

const Params = Type.Object(
  {
    destinationArn: Type.String({
      pattern: '^arn:aws[a-z-]*:(s3|logs|firehose):',
      description: 'Where the flow log goes: an S3 bucket (or prefix) ARN, a CloudWatch Logs log group ARN, or a Firehose stream ARN. No default: every estate has its own.',
    }),
    deliverLogsPermissionArn: Type.Optional(Type.String({ pattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/', description: 'The role flow logs assume to write to CloudWatch Logs (required for a log group).' })),
    trafficType: Type.Union([Type.Literal('REJECT'), Type.Literal('ALL'), Type.Literal('ACCEPT')], { default: 'REJECT', description: 'What to log.' }),
    acceptedTrafficTypes: Type.Array(Type.String(), { default: ['REJECT', 'ALL'], description: 'An active flow log of one of these types already satisfies the control.' }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
type FlowLog = { id: string; status: string; trafficType: string; destination: string };
type State = { flowLogs: FlowLog[] };

const DESTINATION_TYPES: Record<string, LogDestinationType> = { s3: 's3', logs: 'cloud-watch-logs', firehose: 'kinesis-data-firehose' };
const destinationType = (arn: string): LogDestinationType => DESTINATION_TYPES[arn.split(':')[2] ?? ''] ?? 's3';

/**
 * Creates a flow log for a VPC (refused traffic by default) to the given destination. Undo deletes
 * the flow logs that were not there before and go to that destination (none that someone else made).
 */
export const ec2CreateFlowLogs: EnforcementAction<P, State> = {
  name: 'ec2.create-flow-logs',
  description: 'Creates a VPC flow log (REJECT by default) delivered to the given S3 bucket, log group or Firehose stream.',
  schema: Params,
  resourceTypes: ['aws.ec2.vpc'],
  risk: 'safe',
  reversible: true,
  // Delivering to S3 or Firehose needs the log-delivery permissions, to CloudWatch Logs passing the
  // role; tagging the new flow log on creation needs ec2:CreateTags.
  permissions: ['ec2:DescribeFlowLogs', 'ec2:CreateFlowLogs', 'ec2:DeleteFlowLogs', 'ec2:CreateTags', 'logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'iam:PassRole'],
  commands: ['ec2:DescribeFlowLogs', 'ec2:CreateFlowLogs', 'ec2:DeleteFlowLogs'],
  async read(ctx) {
    const out = await ctx.aws.ec2().send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [ctx.resourceId] }] }));
    return {
      flowLogs: (out.FlowLogs ?? []).map((f: Ec2FlowLog) => ({ id: f.FlowLogId ?? '', status: f.FlowLogStatus ?? '', trafficType: f.TrafficType ?? '', destination: f.LogDestination ?? f.LogGroupName ?? '' })),
    };
  },
  compliant: (s, p) => s.flowLogs.some((f) => f.status === 'ACTIVE' && p.acceptedTrafficTypes.includes(f.trafficType)),
  async apply(ctx) {
    const p = ctx.params;
    const out = await ctx.aws.ec2().send(
      new CreateFlowLogsCommand({
        ResourceType: 'VPC',
        ResourceIds: [ctx.resourceId],
        TrafficType: p.trafficType,
        LogDestinationType: destinationType(p.destinationArn),
        LogDestination: p.destinationArn,
        ...(p.deliverLogsPermissionArn ? { DeliverLogsPermissionArn: p.deliverLogsPermissionArn } : {}),
        TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'created-by', Value: 'vigil' }] }],
      }),
    );
    // EC2 answers 200 with the failure in Unsuccessful (a missing bucket, a role it cannot assume).
    const failed = out.Unsuccessful?.[0]?.Error;
    if (failed) throw Object.assign(new Error(`CreateFlowLogs refused: ${failed.Code ?? ''} ${failed.Message ?? ''}`.trim()), { name: failed.Code ?? 'CreateFlowLogsFailed' });
  },
  async undo(ctx, before) {
    const had = new Set(before.flowLogs.map((f) => f.id));
    const mine = (await this.read(ctx)).flowLogs.filter((f) => !had.has(f.id) && f.destination.startsWith(ctx.params.destinationArn.replace(/\/$/, '')));
    if (mine.length) await ctx.aws.ec2().send(new DeleteFlowLogsCommand({ FlowLogIds: mine.map((f) => f.id) }));
  },
};
