import { CloudWatchLogsClient, DescribeLogGroupsCommand, ListTagsForResourceCommand, type LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import { logsLogGroupType } from '../../../inventory/resource-types/data/logs-log-group-type.js';
import type { CollectContext, ServiceCollector } from '../service-collector.js';
import { detail, pages, plain, toResource, type Problem, withClient } from './collector-kit.js';

/** `arn` ends in `:*` (it covers the streams); the group's own ARN is `logGroupArn`, derived when absent. */
const groupArn = (ctx: CollectContext, g: LogGroup): string =>
  g.logGroupArn ?? (g.arn?.endsWith(':*') ? g.arn.slice(0, -2) : `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${g.logGroupName}`);

/**
 * CloudWatch Logs in one account and Region: every log group as DescribeLogGroups returns it
 * (camelCase, `retentionInDays` absent = never expire) with ListTagsForResource's `tags` map.
 *
 * @example
 * for await (const page of logsCollector.collect(ctx)) store(page.resources);
 */
export const logsCollector: ServiceCollector = {
  service: 'logs',
  types: ['aws.logs.log-group'],
  commands: ['DescribeLogGroupsCommand', 'ListTagsForResourceCommand'],
  permissions: ['logs:DescribeLogGroups', 'logs:ListTagsForResource'],
  collect: (ctx) =>
    withClient(new CloudWatchLogsClient({ ...ctx.clientConfig }), async function* (logs) {
      for await (const page of pages(ctx, 'logs:DescribeLogGroups', (nextToken) => logs.send(new DescribeLogGroupsCommand({ nextToken, limit: 50 })), (p) => p.nextToken)) {
        const problems: Problem[] = [];
        const configs = await Promise.all(
          (page.logGroups ?? []).map(async (g) => {
            const resourceArn = groupArn(ctx, g);
            const tags = await detail(ctx, problems, { operation: 'logs:ListTagsForResource', resourceArn }, () =>
              logs.send(new ListTagsForResourceCommand({ resourceArn })),
            );
            return { ...plain(g), logGroupArn: resourceArn, ...(tags ? { tags: tags.tags ?? {} } : {}) };
          }),
        );
        yield { resources: configs.map((c) => toResource(logsLogGroupType, ctx, c)), ...(problems.length ? { problems } : {}) };
      }
    }),
};
