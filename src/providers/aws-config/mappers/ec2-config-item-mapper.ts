import { asList, defined, isRecord, pascalDeep, tagList, type ConfigItemMapper } from '../config-item-mapper.js';

const KEEP_TAGS = new Set(['tags']);

/**
 * One security group rule as DescribeSecurityGroups returns it. Config gives IPv4 sources twice:
 * `ipv4Ranges` [{cidrIp}] and `ipRanges` ["0.0.0.0/0"]; the first keeps the descriptions.
 */
const permission = (p: unknown): Record<string, unknown> => {
  const r = isRecord(p) ? p : {};
  const v4 = asList(r.ipv4Ranges).length ? asList(r.ipv4Ranges).map((x) => pascalDeep(x)) : asList(r.ipRanges).map((cidr) => ({ CidrIp: cidr }));
  return defined({
    IpProtocol: r.ipProtocol,
    FromPort: r.fromPort,
    ToPort: r.toPort,
    IpRanges: v4,
    Ipv6Ranges: asList(r.ipv6Ranges).map((x) => pascalDeep(x)),
    UserIdGroupPairs: asList(r.userIdGroupPairs).map((x) => pascalDeep(x)),
    PrefixListIds: asList(r.prefixListIds).map((x) => pascalDeep(x)),
  });
};

const securityGroup: ConfigItemMapper = {
  configType: 'AWS::EC2::SecurityGroup',
  type: 'aws.ec2.security-group',
  toConfig: (item) => {
    const c = item.configuration;
    return defined({
      GroupId: c.groupId ?? item.resourceId,
      GroupName: c.groupName,
      Description: c.description,
      VpcId: c.vpcId,
      OwnerId: c.ownerId,
      IpPermissions: asList(c.ipPermissions).map(permission),
      IpPermissionsEgress: asList(c.ipPermissionsEgress).map(permission),
      Tags: tagList(item.tags),
    });
  },
};

const volume: ConfigItemMapper = {
  configType: 'AWS::EC2::Volume',
  type: 'aws.ec2.volume',
  toConfig: (item) => {
    const out = pascalDeep(item.configuration, KEEP_TAGS) as Record<string, unknown>;
    // Config wraps the volume state as {value: "in-use"}; the API returns the bare string.
    const state = out.State;
    if (isRecord(state)) out.State = state.Value;
    out.VolumeId ??= item.resourceId;
    out.Tags = tagList(item.tags);
    return out;
  },
};

const instance: ConfigItemMapper = {
  configType: 'AWS::EC2::Instance',
  type: 'aws.ec2.instance',
  // DescribeInstances' shape in camelCase; Config has no SSM patch compliance or AMI creation date, so
  // ec2-patch-compliance finds nothing to judge on these instances rather than guessing.
  toConfig: (item) => {
    const out = pascalDeep(item.configuration, KEEP_TAGS) as Record<string, unknown>;
    out.InstanceId ??= item.resourceId;
    out.Tags = tagList(item.tags);
    return out;
  },
};

/** EC2: security groups, EBS volumes and instances. */
export const ec2ConfigItemMappers: ConfigItemMapper[] = [securityGroup, volume, instance];
