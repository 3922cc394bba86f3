import { DescribeContinuousBackupsCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ListTagsOfResourceCommand } from '@aws-sdk/client-dynamodb';
import { dynamodbTable } from '../../../inventory/resource-types/backup/dynamodb-table-resource-type.js';
import { TAGS_FIELD } from '../../../inventory/unknown-fields.js';
import type { CollectContext, ServiceCollector } from '../service-collector.js';
import { detail, essential, pages, plain, toResource, unread, type Problem, withClient } from './collector-kit.js';

const readTable = async (ctx: CollectContext, ddb: DynamoDBClient, TableName: string, problems: Problem[]): Promise<Record<string, unknown> | undefined> => {
  const resourceArn = `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${TableName}`;
  const call = (operation: string, fields: string[]) => ({ operation: `dynamodb:${operation}`, resourceArn, fields });
  const [table, backups, tags] = await Promise.all([
    essential(ctx, 'dynamodb:DescribeTable', () => ddb.send(new DescribeTableCommand({ TableName }))),
    detail(ctx, problems, call('DescribeContinuousBackups', ['ContinuousBackupsDescription']), () => ddb.send(new DescribeContinuousBackupsCommand({ TableName }))),
    detail(ctx, problems, call('ListTagsOfResource', ['Tags', TAGS_FIELD]), () => ddb.send(new ListTagsOfResourceCommand({ ResourceArn: resourceArn }))),
  ]);
  if (!table?.Table) return undefined;
  const config: Record<string, unknown> = { Table: plain(table.Table) };
  if (backups?.ContinuousBackupsDescription) config.ContinuousBackupsDescription = plain(backups.ContinuousBackupsDescription);
  if (tags) config.Tags = plain({ t: tags.Tags ?? [] }).t;
  return unread(config, problems, resourceArn);
};

/**
 * DynamoDB in one account and Region: every table with DescribeTable under `Table`, point-in-time
 * recovery (DescribeContinuousBackups) under `ContinuousBackupsDescription`, and its `Tags`.
 *
 * @example
 * for await (const page of dynamodbCollector.collect(ctx)) store(page.resources);
 */
export const dynamodbCollector: ServiceCollector = {
  service: 'dynamodb',
  types: ['aws.dynamodb.table'],
  commands: ['ListTablesCommand', 'DescribeTableCommand', 'DescribeContinuousBackupsCommand', 'ListTagsOfResourceCommand'],
  permissions: ['dynamodb:ListTables', 'dynamodb:DescribeTable', 'dynamodb:DescribeContinuousBackups', 'dynamodb:ListTagsOfResource'],
  collect: (ctx) =>
    withClient(new DynamoDBClient({ ...ctx.clientConfig }), async function* (ddb) {
      const listing = pages(
        ctx,
        'dynamodb:ListTables',
        (ExclusiveStartTableName) => ddb.send(new ListTablesCommand({ ExclusiveStartTableName, Limit: 100 })),
        (p) => p.LastEvaluatedTableName,
      );
      for await (const page of listing) {
        const problems: Problem[] = [];
        const configs = await Promise.all((page.TableNames ?? []).map((n) => readTable(ctx, ddb, n, problems)));
        yield { resources: configs.flatMap((c) => (c ? [toResource(dynamodbTable, ctx, c)] : [])), ...(problems.length ? { problems } : {}) };
      }
    }),
};
