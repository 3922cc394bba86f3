import type { ResourceTypeDefinition } from '../../resource-type.js';
import { tagMap } from '../../resource-type.js';

/**
 * An EC2 instance: DescribeInstances' Instance (InstanceId, ImageId, LaunchTime, State,
 * MetadataOptions.HttpTokens, PublicIpAddress, PlatformDetails, IamInstanceProfile, Tags…), plus two
 * keys Vigil adds so patching can be judged from the instance alone, both in the AWS APIs' own shapes:
 * - `Image`: DescribeImages' Image for ImageId (CreationDate, Name, DeprecationTime), absent when the
 *   AMI is no longer visible;
 * - `PatchCompliance`: SSM ListResourceComplianceSummaries' item for ComplianceType `Patch`
 *   (Status COMPLIANT | NON_COMPLIANT, ExecutionSummary.ExecutionTime, NonCompliantSummary…), absent
 *   when the instance is not managed by Systems Manager.
 *
 * @example
 * ec2InstanceResourceType.identity({ InstanceId: 'i-0abc' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc'
 */
export const ec2InstanceResourceType: ResourceTypeDefinition = {
  type: 'aws.ec2.instance',
  provider: 'aws',
  service: 'ec2',
  title: 'EC2 instance',
  scope: 'regional',
  sources: ['DescribeInstances', 'DescribeImages', 'ssm:ListResourceComplianceSummaries'],
  identity: (c, { accountId, region }) => {
    const id = String(c.InstanceId);
    const nameTag = tagMap(c.Tags).Name;
    return { id, name: nameTag || id, arn: `arn:aws:ec2:${region}:${accountId}:instance/${id}` };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    InstanceId: 'i-0a1b2c3d4e5f60718',
    InstanceType: 'm6i.large',
    ImageId: 'ami-0123456789abcdef0',
    LaunchTime: '2026-11-01T10:00:00Z',
    State: { Code: 16, Name: 'running' },
    PlatformDetails: 'Linux/UNIX',
    PrivateIpAddress: '10.0.1.15',
    VpcId: 'vpc-0a1b2c3d',
    SubnetId: 'subnet-0a1b2c3d',
    MetadataOptions: { State: 'applied', HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled' },
    IamInstanceProfile: { Arn: 'arn:aws:iam::111122223333:instance-profile/payments-api', Id: 'AIPAEXAMPLE0000000001' },
    SecurityGroups: [{ GroupId: 'sg-0a1b2c3d', GroupName: 'payments-api' }],
    Tags: [{ Key: 'Name', Value: 'payments-api-1' }, { Key: 'owner', Value: 'payments' }],
    Image: { ImageId: 'ami-0123456789abcdef0', Name: 'al2023-ami-2023.6.20261020.0-x86_64', CreationDate: '2026-10-20T00:00:00.000Z' },
    PatchCompliance: {
      ComplianceType: 'Patch', ResourceType: 'ManagedInstance', ResourceId: 'i-0a1b2c3d4e5f60718', Status: 'COMPLIANT', OverallSeverity: 'UNSPECIFIED',
      ExecutionSummary: { ExecutionTime: '2026-11-20T03:00:00Z', ExecutionType: 'Command' },
      CompliantSummary: { CompliantCount: 412 }, NonCompliantSummary: { NonCompliantCount: 0 },
    },
  },
};
