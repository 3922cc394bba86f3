import { DescribeListenersCommand, DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client, type Listener } from '@aws-sdk/client-elastic-load-balancing-v2';
import { elbv2ListenerType } from '../../../inventory/resource-types/data/elbv2-listener-type.js';
import type { ServiceCollector } from '../service-collector.js';
import { pages, plain, toResource, withClient } from './collector-kit.js';

/**
 * Elastic Load Balancing v2 in one account and Region: every listener of every Application, Network
 * and Gateway load balancer, as DescribeListeners returns it.
 *
 * @example
 * for await (const page of elbv2Collector.collect(ctx)) store(page.resources);
 */
export const elbv2Collector: ServiceCollector = {
  service: 'elasticloadbalancing',
  types: ['aws.elbv2.listener'],
  commands: ['DescribeLoadBalancersCommand', 'DescribeListenersCommand'],
  permissions: ['elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeListeners'],
  collect: (ctx) =>
    withClient(new ElasticLoadBalancingV2Client({ ...ctx.clientConfig }), async function* (elb) {
      for await (const page of pages(ctx, 'elasticloadbalancing:DescribeLoadBalancers', (Marker) => elb.send(new DescribeLoadBalancersCommand({ Marker, PageSize: 400 })), (p) => p.NextMarker)) {
        // The load balancers of a page are read side by side (the limiter bounds them). A listing failure
        // for one of them means the Region's listeners are incomplete: it throws.
        const perBalancer = await Promise.all(
          (page.LoadBalancers ?? []).map(async ({ LoadBalancerArn }) => {
            const listeners: Listener[] = [];
            for await (const lp of pages(ctx, 'elasticloadbalancing:DescribeListeners', (Marker) => elb.send(new DescribeListenersCommand({ LoadBalancerArn, Marker, PageSize: 400 })), (p) => p.NextMarker)) {
              listeners.push(...(lp.Listeners ?? []));
            }
            return listeners;
          }),
        );
        yield { resources: perBalancer.flat().map((l) => toResource(elbv2ListenerType, ctx, plain(l))) };
      }
    }),
};
