import { asList, defined, isRecord, type ConfigItemMapper } from '../config-item-mapper.js';

/** Config: Logging.ClusterLogging.EnabledTypes[{Type}]; DescribeCluster: logging.clusterLogging[{types, enabled}]. */
const logging = (l: unknown): Record<string, unknown> => {
  const cl = isRecord(l) ? l.ClusterLogging : undefined;
  const entries = asList(cl).filter(isRecord);
  const enabled = entries.flatMap((e) => asList(e.EnabledTypes).map((t) => (isRecord(t) ? t.Type : t))).filter((t): t is string => typeof t === 'string');
  return { clusterLogging: enabled.length ? [{ types: enabled, enabled: true }] : [] };
};

const cluster: ConfigItemMapper = {
  configType: 'AWS::EKS::Cluster',
  type: 'aws.eks.cluster',
  // The EKS API is camelCase while Config records the CloudFormation-style PascalCase properties.
  toConfig: (item) => {
    const c = item.configuration;
    const vpc = isRecord(c.ResourcesVpcConfig) ? c.ResourcesVpcConfig : {};
    return defined({
      name: c.Name ?? item.resourceName ?? item.resourceId,
      arn: c.Arn ?? item.arn,
      version: c.Version,
      status: c.ClusterStatus,
      roleArn: c.RoleArn,
      endpoint: c.Endpoint,
      resourcesVpcConfig: defined({
        subnetIds: asList(vpc.SubnetIds),
        securityGroupIds: asList(vpc.SecurityGroupIds),
        endpointPublicAccess: vpc.EndpointPublicAccess,
        endpointPrivateAccess: vpc.EndpointPrivateAccess,
        publicAccessCidrs: asList(vpc.PublicAccessCidrs),
      }),
      logging: logging(c.Logging),
      tags: item.tags,
    });
  },
};

/** EKS: clusters (endpoint access and control-plane logging). */
export const eksConfigItemMappers: ConfigItemMapper[] = [cluster];
