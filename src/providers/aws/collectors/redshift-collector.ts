import { DescribeClustersCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { redshiftClusterType } from '../../../inventory/resource-types/data/redshift-cluster-type.js';
import type { ServiceCollector } from '../service-collector.js';
import { pages, plain, sendOptions, toResource } from './collector-kit.js';

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
  async *collect(ctx) {
    const rs = new RedshiftClient({ ...ctx.clientConfig });
    try {
      for await (const page of pages(ctx, 'redshift:DescribeClusters', (Marker) => rs.send(new DescribeClustersCommand({ Marker, MaxRecords: 100 }), sendOptions(ctx)), (p) => p.Marker)) {
        yield { resources: (page.Clusters ?? []).map((c) => toResource(redshiftClusterType, ctx, plain(c))) };
      }
    } finally {
      rs.destroy();
    }
  },
};
