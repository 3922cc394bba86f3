import { WireError, type AwsWireEndpoint, type WireRequest } from './aws-wire-endpoint.js';

/** Epoch seconds, as the JSON protocols send timestamps. */
const T0 = 1_764_547_200; // 2025-12-01T00:00:00Z
const DAY = 86_400;

/** Log groups, DynamoDB tables and CloudTrail trails of one account/region, as their JSON APIs return them. */
export interface JsonEstate {
  logGroups: Record<string, unknown>[];
  tables: { describe: Record<string, unknown>; pitr: boolean }[];
  trails: Record<string, unknown>[];
}

export const jsonEstateOf = (accountId: string, region: string, sizes: { logGroups: number; tables: number }): JsonEstate => ({
  logGroups: Array.from({ length: sizes.logGroups }, (_, i) => {
    const logGroupName = `/aws/lambda/orders-${i}`;
    const logGroupArn = `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}`;
    return {
      logGroupName, creationTime: (T0 - 100 * DAY) * 1000, metricFilterCount: 0, arn: `${logGroupArn}:*`, logGroupArn, storedBytes: 1_048_576 * (i + 1),
      logGroupClass: 'STANDARD', dataProtectionStatus: 'DISABLED',
      // Every other group keeps logs forever: the 3-month retention control has something to say.
      ...(i % 2 ? {} : { retentionInDays: 90 }),
    };
  }),
  tables: Array.from({ length: sizes.tables }, (_, i) => {
    const TableName = `orders-${i}`;
    return {
      pitr: i % 2 === 0,
      describe: {
        TableName, TableArn: `arn:aws:dynamodb:${region}:${accountId}:table/${TableName}`, TableId: `0000-${accountId}-${i}`, TableStatus: 'ACTIVE',
        CreationDateTime: T0 - 300 * DAY, ItemCount: 1000 * i, TableSizeBytes: 100_000 * i, DeletionProtectionEnabled: i === 0,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
        ...(i % 2 ? {} : { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: `arn:aws:kms:${region}:${accountId}:key/wire` } }),
      },
    };
  }),
  // One organisation-style multi-region trail, homed in us-east-1 (other regions see only its shadow).
  trails:
    region === 'us-east-1'
      ? [{
          Name: 'org-trail', S3BucketName: `cloudtrail-${accountId}`, IncludeGlobalServiceEvents: true, IsMultiRegionTrail: true, HomeRegion: region,
          TrailARN: `arn:aws:cloudtrail:${region}:${accountId}:trail/org-trail`, LogFileValidationEnabled: true, HasCustomEventSelectors: false,
          HasInsightSelectors: false, IsOrganizationTrail: false, CloudWatchLogsLogGroupArn: `arn:aws:logs:${region}:${accountId}:log-group:cloudtrail:*`,
        }]
      : [],
});

/** Answers CloudWatch Logs, DynamoDB and CloudTrail JSON calls, or undefined for another service. */
export const serveJson = (aws: AwsWireEndpoint, { operation, params }: WireRequest, estate: JsonEstate): unknown => {
  const [service, action] = operation.split(':') as [string, string];
  if (service === 'logs') {
    if (action === 'DescribeLogGroups') {
      const p = aws.page(estate.logGroups, params.nextToken, params.limit);
      return { logGroups: p.items, ...(p.next ? { nextToken: p.next } : {}) };
    }
    if (action === 'ListTagsForResource') return { tags: { owner: 'platform' } };
  }
  if (service === 'dynamodb') {
    const table = () => {
      const t = estate.tables.find((x) => x.describe.TableName === params.TableName || x.describe.TableArn === params.ResourceArn);
      if (!t) throw new WireError('ResourceNotFoundException', `Requested resource not found: Table: ${String(params.TableName)} not found`);
      return t;
    };
    if (action === 'ListTables') {
      const names = estate.tables.map((t) => t.describe.TableName as string);
      const from = typeof params.ExclusiveStartTableName === 'string' ? names.indexOf(params.ExclusiveStartTableName) + 1 : 0;
      const size = Math.min(aws.pageSize, Number(params.Limit) || 100);
      const items = names.slice(from, from + size);
      return { TableNames: items, ...(from + size < names.length ? { LastEvaluatedTableName: items.at(-1) } : {}) };
    }
    if (action === 'DescribeTable') return { Table: table().describe };
    if (action === 'DescribeContinuousBackups') {
      const pitr = table().pitr;
      return {
        ContinuousBackupsDescription: {
          ContinuousBackupsStatus: 'ENABLED',
          PointInTimeRecoveryDescription: pitr
            ? { PointInTimeRecoveryStatus: 'ENABLED', RecoveryPeriodInDays: 35, EarliestRestorableDateTime: T0 - 35 * DAY, LatestRestorableDateTime: T0 }
            : { PointInTimeRecoveryStatus: 'DISABLED' },
        },
      };
    }
    if (action === 'ListTagsOfResource') return { Tags: [{ Key: 'owner', Value: 'orders' }] };
  }
  if (service === 'cloudtrail') {
    const trail = () => {
      const t = estate.trails.find((x) => x.Name === params.Name || x.TrailARN === params.Name || x.Name === params.TrailName || x.TrailARN === params.TrailName);
      if (!t) throw new WireError('TrailNotFoundException', 'Unknown trail');
      return t;
    };
    if (action === 'DescribeTrails') return { trailList: estate.trails };
    if (action === 'GetTrailStatus') return (trail(), { IsLogging: true, LatestDeliveryTime: T0 - 300, StartLoggingTime: T0 - 400 * DAY, LatestDigestDeliveryTime: T0 - 3_600 });
    if (action === 'GetEventSelectors') {
      return { TrailARN: trail().TrailARN, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] };
    }
    if (action === 'ListTags') {
      const ids = (params.ResourceIdList as string[] | undefined) ?? [];
      return { ResourceTagList: ids.map((ResourceId) => ({ ResourceId, TagsList: [{ Key: 'owner', Value: 'security' }] })) };
    }
  }
  return undefined;
};
