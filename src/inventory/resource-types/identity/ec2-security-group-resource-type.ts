import type { ResourceTypeDefinition } from '../../resource-type.js';
import { tagMap } from '../../resource-type.js';

/**
 * A VPC security group: DescribeSecurityGroups' SecurityGroup (GroupId, GroupName, VpcId, OwnerId,
 * IpPermissions with IpProtocol, FromPort, ToPort, IpRanges[].CidrIp, Ipv6Ranges[].CidrIpv6,
 * UserIdGroupPairs, PrefixListIds; IpPermissionsEgress; Tags). IpProtocol `-1` means every protocol
 * and port (FromPort/ToPort are then absent or -1).
 *
 * @example
 * ec2SecurityGroupResourceType.identity({ GroupId: 'sg-1', GroupName: 'web' }, where).name; // 'web'
 */
export const ec2SecurityGroupResourceType: ResourceTypeDefinition = {
  type: 'aws.ec2.security-group',
  provider: 'aws',
  service: 'ec2',
  title: 'EC2 security group',
  scope: 'regional',
  sources: ['DescribeSecurityGroups'],
  identity: (c, { accountId, region }) => {
    const id = String(c.GroupId);
    return { id, name: typeof c.GroupName === 'string' ? c.GroupName : id, arn: `arn:aws:ec2:${region}:${accountId}:security-group/${id}` };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    GroupId: 'sg-0a1b2c3d4e5f60718',
    GroupName: 'payments-api',
    Description: 'payments API behind the load balancer',
    VpcId: 'vpc-0a1b2c3d',
    OwnerId: '111122223333',
    IpPermissions: [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }], Ipv6Ranges: [], UserIdGroupPairs: [], PrefixListIds: [] },
    ],
    IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], UserIdGroupPairs: [], PrefixListIds: [] }],
    Tags: [{ Key: 'owner', Value: 'payments' }],
  },
};
