import type { ConfigItemMapper } from '../config-item-mapper.js';

const listener: ConfigItemMapper = {
  configType: 'AWS::ElasticLoadBalancingV2::Listener',
  type: 'aws.elbv2.listener',
  // Config keeps DescribeListeners' own field names (ListenerArn, Protocol, SslPolicy…).
  toConfig: (item) => ({ ...item.configuration, ListenerArn: item.configuration.ListenerArn ?? item.arn ?? item.resourceId }),
};

/** Elastic Load Balancing v2: listeners. */
export const elbv2ConfigItemMappers: ConfigItemMapper[] = [listener];
