import type { DemoGenerator } from '../../demo-generator.js';
import { TEAMS, forcedExample, isoDaysAgo } from './data-demo-vocabulary.js';

/**
 * VPCs with their flow logs (seed 001, CIS 3.7): most log rejected or all traffic to CloudWatch Logs or
 * S3; a few have none, and a few only log accepted traffic.
 *
 * @example
 * ec2VpcDemoGenerator.generate(ctx).config.FlowLogs; // [{ TrafficType: 'REJECT', ... }]
 */
export const ec2VpcDemoGenerator: DemoGenerator = {
  type: 'aws.ec2.vpc',
  scope: 'regional',
  weight: 0.5,
  min: 2,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const id = `vpc-0${rng.hex(16)}`;
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const isDefault = index === 0;
    const none = forcedExample(ctx, 71) || rng.chance(isDefault ? 0.1 : 0.04);
    const acceptOnly = !none && (forcedExample(ctx, 72, 1) || rng.chance(0.02));
    const toS3 = rng.chance(0.3);
    const flowLogs = none
      ? []
      : [
          {
            FlowLogId: `fl-0${rng.hex(16)}`,
            ResourceId: id,
            CreationTime: isoDaysAgo(now, rng.int(10, 900)),
            FlowLogStatus: 'ACTIVE',
            DeliverLogsStatus: 'SUCCESS',
            TrafficType: acceptOnly ? 'ACCEPT' : rng.chance(0.6) ? 'REJECT' : 'ALL',
            LogDestinationType: toS3 ? 's3' : 'cloud-watch-logs',
            LogDestination: toS3 ? `arn:aws:s3:::${account.name}-${region}-flow-logs` : `arn:aws:logs:${region}:${account.id}:log-group:/vpc/flow-logs/${id}`,
            MaxAggregationInterval: 600,
          },
        ];
    return {
      config: {
        VpcId: id,
        CidrBlock: isDefault ? '172.31.0.0/16' : `10.${index % 250}.0.0/16`,
        State: 'available',
        OwnerId: account.id,
        IsDefault: isDefault,
        InstanceTenancy: 'default',
        Tags: isDefault ? [] : [{ Key: 'Name', Value: `${team}-${index}` }, { Key: 'owner', Value: team }],
        FlowLogs: flowLogs,
      },
      id,
      arn: `arn:aws:ec2:${region}:${account.id}:vpc/${id}`,
    };
  },
};
