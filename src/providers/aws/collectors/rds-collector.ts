import { DescribeDBClustersCommand, DescribeDBInstancesCommand, DescribeDBSnapshotsCommand, RDSClient } from '@aws-sdk/client-rds';
import { rdsDbClusterType } from '../../../inventory/resource-types/data/rds-db-cluster-type.js';
import { rdsDbInstanceType } from '../../../inventory/resource-types/data/rds-db-instance-type.js';
import { rdsDbSnapshotType } from '../../../inventory/resource-types/data/rds-db-snapshot-type.js';
import type { ServiceCollector } from '../service-collector.js';
import { listing, withClient } from './collector-kit.js';

/**
 * RDS in one account and Region: DB instances, DB clusters (Aurora and Multi-AZ clusters) and
 * manual/automated DB snapshots as the Describe calls return them (tags included as `TagList`). Each
 * listing is sent only in the scan pass that asks for its type, so a scan lists each once.
 *
 * @example
 * for await (const page of rdsCollector.collect(ctx)) store(page.resources);
 */
export const rdsCollector: ServiceCollector = {
  service: 'rds',
  types: ['aws.rds.db-instance', 'aws.rds.db-cluster', 'aws.rds.db-snapshot'],
  commands: ['DescribeDBInstancesCommand', 'DescribeDBClustersCommand', 'DescribeDBSnapshotsCommand'],
  permissions: ['rds:DescribeDBInstances', 'rds:DescribeDBClusters', 'rds:DescribeDBSnapshots'],
  collect: (ctx) =>
    withClient(new RDSClient({ ...ctx.clientConfig }), async function* (rds) {
      const marker = (p: { Marker?: string }) => p.Marker;
      yield* listing(ctx, rdsDbInstanceType, 'rds:DescribeDBInstances', (Marker) => rds.send(new DescribeDBInstancesCommand({ Marker, MaxRecords: 100 })), marker, (p) => p.DBInstances);
      yield* listing(ctx, rdsDbClusterType, 'rds:DescribeDBClusters', (Marker) => rds.send(new DescribeDBClustersCommand({ Marker, MaxRecords: 100 })), marker, (p) => p.DBClusters);
      yield* listing(ctx, rdsDbSnapshotType, 'rds:DescribeDBSnapshots', (Marker) => rds.send(new DescribeDBSnapshotsCommand({ Marker, MaxRecords: 100 })), marker, (p) => p.DBSnapshots);
    }),
};
