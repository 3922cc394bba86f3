import type { ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * An Application or Network Load Balancer listener as DescribeListeners returns it (`Protocol`, `Port`,
 * `SslPolicy`, `Certificates`, `DefaultActions`). Listeners carry no tags of their own; the owner comes
 * from the account map.
 *
 * @example
 * elbv2ListenerType.identity({ ListenerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/web/50dc/f2f7' },
 *   { accountId: '111122223333', region: 'eu-west-1' }).id; // 'app/web/50dc/f2f7'
 */
export const elbv2ListenerType: ResourceTypeDefinition = {
  type: 'aws.elbv2.listener',
  provider: 'aws',
  service: 'elasticloadbalancing',
  title: 'Load balancer listener',
  scope: 'regional',
  sources: ['DescribeLoadBalancers', 'DescribeListeners'],
  identity: (c) => {
    const arn = configText(c, 'ListenerArn');
    const id = arn.includes(':listener/') ? arn.slice(arn.indexOf(':listener/') + ':listener/'.length) : arn;
    const lbName = id.split('/')[1] ?? id;
    return { id, arn, name: `${lbName}:${configText(c, 'Port', '?')}` };
  },
  tags: () => ({}),
  example: {
    ListenerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2',
    LoadBalancerArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188',
    Port: 443,
    Protocol: 'HTTPS',
    SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    Certificates: [{ CertificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/3dcb0a41-bd72-4774-9ad9-756919c40557' }],
    DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/943f017f100becff' }],
  },
};
