import { DescribeClustersCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { redshiftClusterType } from '../../../inventory/resource-types/data/redshift-cluster-type.js';
import type { ServiceCollector } from '../service-collector.js';
import { listing, withClient } from './collector-kit.js';

/**
 * Redshift in one account and Region: provisioned clusters as DescribeClusters returns them.
 *
 * @example
 * for await (const page of redshiftCollector.collect(ctx)) store(page.resources);
 */
export const redshiftCollector: ServiceCollector = {
  service: 'redshift',
  types: ['aws.redshift.cluster'],
  commands: ['DescribeClustersCommand'],
  permissions: ['redshift:DescribeClusters'],
  collect: (ctx) =>
    withClient(new RedshiftClient({ ...ctx.clientConfig }), async function* (rs) {
      yield* listing(ctx, redshiftClusterType, 'redshift:DescribeClusters', (Marker) => rs.send(new DescribeClustersCommand({ Marker, MaxRecords: 100 })), (p) => p.Marker, (p) => p.Clusters);
    }),
};
