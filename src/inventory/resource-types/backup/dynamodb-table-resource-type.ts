import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { obj, str } from './backup-arns.js';

/**
 * A DynamoDB table: `Table` from DescribeTable, `ContinuousBackupsDescription` from
 * DescribeContinuousBackups (point-in-time recovery) and `Tags` from ListTagsOfResource.
 *
 * @example
 * dynamodbTable.identity({ Table: { TableName: 'orders' } }, where).arn; // 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders'
 */
export const dynamodbTable: ResourceTypeDefinition = {
  type: 'aws.dynamodb.table',
  provider: 'aws',
  service: 'dynamodb',
  title: 'DynamoDB table',
  sources: ['DescribeTable', 'DescribeContinuousBackups', 'ListTagsOfResource'],
  scope: 'regional',
  identity: (c, where) => {
    const t = obj(c.Table) ?? {};
    const name = str(t.TableName) ?? 'unknown';
    return { id: name, arn: str(t.TableArn) ?? `arn:aws:dynamodb:${where.region}:${where.accountId}:table/${name}`, name };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    Table: {
      TableName: 'payments-ledger',
      TableArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/payments-ledger',
      TableId: '4f5e6d7c-0000-4000-8000-000000000006',
      TableStatus: 'ACTIVE',
      CreationDateTime: '2024-03-01T12:00:00.000Z',
      ItemCount: 1200000,
      TableSizeBytes: 734003200,
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      DeletionProtectionEnabled: true,
    },
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: {
        PointInTimeRecoveryStatus: 'ENABLED',
        RecoveryPeriodInDays: 35,
        EarliestRestorableDateTime: '2026-10-18T12:00:00.000Z',
        LatestRestorableDateTime: '2026-11-22T11:55:00.000Z',
      },
    },
    Tags: [
      { Key: 'owner', Value: 'payments' },
      { Key: 'environment', Value: 'prod' },
      { Key: 'backup', Value: 'db_30_365_2555' },
    ],
  },
};
