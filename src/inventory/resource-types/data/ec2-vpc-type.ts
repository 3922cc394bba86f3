import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * A VPC as DescribeVpcs returns it, with `FlowLogs`: the DescribeFlowLogs entries whose `ResourceId` is
 * this VPC (`FlowLogStatus`, `TrafficType`, `LogDestinationType`, `DeliverLogsStatus`…). An empty list
 * means no flow log at all.
 *
 * @example
 * ec2VpcType.identity({ VpcId: 'vpc-0abc' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-0abc'
 */
export const ec2VpcType: ResourceTypeDefinition = {
  type: 'aws.ec2.vpc',
  provider: 'aws',
  service: 'ec2',
  title: 'VPC',
  scope: 'regional',
  sources: ['DescribeVpcs', 'DescribeFlowLogs'],
  identity: (c, { accountId, region }) => {
    const id = configText(c, 'VpcId');
    return { id, arn: `arn:aws:ec2:${region}:${accountId}:vpc/${id}`, name: tagMap(c.Tags).Name ?? id };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    VpcId: 'vpc-0a1b2c3d4e5f60718',
    CidrBlock: '10.20.0.0/16',
    State: 'available',
    OwnerId: '111122223333',
    IsDefault: false,
    Tags: [{ Key: 'Name', Value: 'payments-prod' }, { Key: 'owner', Value: 'payments' }],
    FlowLogs: [
      {
        FlowLogId: 'fl-0123456789abcdef0',
        ResourceId: 'vpc-0a1b2c3d4e5f60718',
        FlowLogStatus: 'ACTIVE',
        DeliverLogsStatus: 'SUCCESS',
        TrafficType: 'REJECT',
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: '/vpc/flow-logs/payments-prod',
      },
    ],
  },
};
