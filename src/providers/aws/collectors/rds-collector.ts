import { DescribeDBInstancesCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { rdsDbInstanceType } from '../../../inventory/resource-types/data/rds-db-instance-type.js';
import { rdsDbSnapshotType } from '../../../inventory/resource-types/data/rds-db-snapshot-type.js';
import type { ServiceCollector } from '../service-collector.js';
import { pages, plain, sendOptions, toResource } from './collector-kit.js';

/**
 * RDS in one account and Region: DB instances and manual/automated DB snapshots as the Describe calls
 * return them (tags included as `TagList`). Aurora clusters have no resource type yet, so none is read.
 *
 * @example
 * for await (const page of rdsCollector.collect(ctx)) store(page.resources);
 */
export const rdsCollector: ServiceCollector = {
  service: 'rds',
  types: ['aws.rds.db-instance', 'aws.rds.db-snapshot'],
  commands: ['DescribeDBInstancesCommand', 'DescribeDBSnapshotsCommand'],
  permissions: ['rds:DescribeDBInstances', 'rds:DescribeDBSnapshots'],
  async *collect(ctx) {
    const rds = new RDSClient({ ...ctx.clientConfig });
    const opts = sendOptions(ctx);
    try {
      for await (const page of pages(ctx, 'rds:DescribeDBInstances', (Marker) => rds.send(new DescribeDBInstancesCommand({ Marker, MaxRecords: 100 }), opts), (p) => p.Marker)) {
        yield { resources: (page.DBInstances ?? []).map((i) => toResource(rdsDbInstanceType, ctx, plain(i))) };
      }
      for await (const page of pages(ctx, 'rds:DescribeDBSnapshots', (Marker) => rds.send(new DescribeDBSnapshotsCommand({ Marker, MaxRecords: 100 }), opts), (p) => p.Marker)) {
        yield { resources: (page.DBSnapshots ?? []).map((s) => toResource(rdsDbSnapshotType, ctx, plain(s))) };
      }
    } finally {
      rds.destroy();
    }
  },
};
