import { WireError, type AwsWireEndpoint, type WireRequest } from './aws-wire-endpoint.js';

/**
 * RDS over the query protocol (form-encoded request, XML answer): DB instances, Aurora DB clusters
 * and DB snapshots, paged with `Marker`/`MaxRecords`, shaped as the RDS API reference documents them.
 * RDS names its list members (`<DBInstance>`, `<Tag>`, `<DBClusterMember>`), not `<member>` as IAM does.
 */

const T0 = Date.parse('2025-12-01T00:00:00Z');
const DAY_MS = 86_400_000;
const at = (days: number) => new Date(T0 - days * DAY_MS).toISOString().replace('.000Z', 'Z');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The member element of each RDS list the endpoint serves. */
const MEMBER: Record<string, string> = {
  DBInstances: 'DBInstance', DBClusters: 'DBCluster', DBSnapshots: 'DBSnapshot', TagList: 'Tag', DBClusterMembers: 'DBClusterMember', AvailabilityZones: 'AvailabilityZone',
};

const rdsXml = (value: unknown, name: string): string => {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `<${name}>${value.map((v) => rdsXml(v, MEMBER[name] ?? 'member')).join('')}</${name}>`;
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => rdsXml(v, k)).join('')}</${name}>`;
  return `<${name}>${esc(String(value))}</${name}>`;
};

export interface RdsEstate {
  instances: Record<string, unknown>[];
  clusters: Record<string, unknown>[];
  snapshots: Record<string, unknown>[];
}

/** Per account and Region: a PostgreSQL instance, an Aurora cluster with its two instances, and an automated snapshot. */
export const rdsEstateOf = (accountId: string, region: string): RdsEstate => {
  const arn = (kind: string, id: string) => `arn:aws:rds:${region}:${accountId}:${kind}:${id}`;
  const key = `arn:aws:kms:${region}:${accountId}:key/wire`;
  const tags = [{ Key: 'owner', Value: 'ledger' }, { Key: 'backup', Value: 'none' }];
  const instance = (id: string, engine: string, cluster?: string) => ({
    DBInstanceIdentifier: id, DBInstanceArn: arn('db', id), DBInstanceClass: 'db.r6g.large', Engine: engine, DBInstanceStatus: 'available',
    InstanceCreateTime: at(300), StorageEncrypted: true, KmsKeyId: key, MultiAZ: !cluster, PubliclyAccessible: false, DeletionProtection: true,
    BackupRetentionPeriod: 30, ...(cluster ? { DBClusterIdentifier: cluster } : { AllocatedStorage: 100 }), TagList: tags,
  });
  return {
    instances: [instance('ledger', 'postgres'), instance('orders-aurora-1', 'aurora-postgresql', 'orders-aurora'), instance('orders-aurora-2', 'aurora-postgresql', 'orders-aurora')],
    clusters: [{
      DBClusterIdentifier: 'orders-aurora', DBClusterArn: arn('cluster', 'orders-aurora'), Engine: 'aurora-postgresql', EngineVersion: '16.4', EngineMode: 'provisioned', Status: 'available',
      ClusterCreateTime: at(300), MultiAZ: true, AvailabilityZones: [`${region}a`, `${region}b`], StorageEncrypted: true, KmsKeyId: key, DeletionProtection: true, BackupRetentionPeriod: 30,
      DBClusterMembers: [{ DBInstanceIdentifier: 'orders-aurora-1', IsClusterWriter: true }, { DBInstanceIdentifier: 'orders-aurora-2', IsClusterWriter: false }], TagList: tags,
    }],
    snapshots: [{
      DBSnapshotIdentifier: 'rds:ledger-2025-11-30-03-00', DBSnapshotArn: arn('snapshot', 'rds:ledger-2025-11-30-03-00'), DBInstanceIdentifier: 'ledger', SnapshotCreateTime: at(1),
      Engine: 'postgres', AllocatedStorage: 100, Status: 'available', SnapshotType: 'automated', Encrypted: true, KmsKeyId: key, TagList: [],
    }],
  };
};

/** The XML body of one RDS Describe call. */
export const serveRds = (aws: AwsWireEndpoint, { operation, params }: WireRequest, estate: RdsEstate): string => {
  const action = operation.slice('rds:'.length);
  const lists: Record<string, [string, Record<string, unknown>[]]> = {
    DescribeDBInstances: ['DBInstances', estate.instances],
    DescribeDBClusters: ['DBClusters', estate.clusters],
    DescribeDBSnapshots: ['DBSnapshots', estate.snapshots],
  };
  const hit = lists[action];
  if (!hit) throw new WireError('InvalidAction', `the wire endpoint does not serve ${operation}`);
  const [key, items] = hit;
  const p = aws.page(items, params.Marker, params.MaxRecords);
  const result = `<${action}Result>${rdsXml(p.items, key)}${p.next ? `<Marker>${p.next}</Marker>` : ''}</${action}Result>`;
  return `<${action}Response xmlns="http://rds.amazonaws.com/doc/2014-10-31/">${result}<ResponseMetadata><RequestId>wire-${aws.calls}</RequestId></ResponseMetadata></${action}Response>`;
};
