import { DescribeTaskDefinitionCommand, ECSClient, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { ecsTaskDefinitionResourceType } from '../../../inventory/resource-types/identity/ecs-task-definition-resource-type.js';
import type { ServiceCollector } from '../service-collector.js';
import { essential, pages, plain, toResource, withClient } from './collector-kit.js';

/**
 * ECS in one account and Region: every ACTIVE task definition revision (DescribeTaskDefinition's
 * `taskDefinition` with the response's `tags`).
 *
 * @example
 * for await (const page of ecsCollector.collect(ctx)) store(page.resources);
 */
export const ecsCollector: ServiceCollector = {
  service: 'ecs',
  types: ['aws.ecs.task-definition'],
  commands: ['ListTaskDefinitionsCommand', 'DescribeTaskDefinitionCommand'],
  permissions: ['ecs:ListTaskDefinitions', 'ecs:DescribeTaskDefinition'],
  collect: (ctx) =>
    withClient(new ECSClient({ ...ctx.clientConfig }), async function* (ecs) {
      const listing = pages(ctx, 'ecs:ListTaskDefinitions', (nextToken) => ecs.send(new ListTaskDefinitionsCommand({ status: 'ACTIVE', nextToken, maxResults: 100 })), (p) => p.nextToken);
      for await (const page of listing) {
        const described = await Promise.all(
          (page.taskDefinitionArns ?? []).map((taskDefinition) =>
            essential(ctx, 'ecs:DescribeTaskDefinition', () =>
              ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition, include: ['TAGS'] })),
            ),
          ),
        );
        const resources = described.flatMap((d) => (d?.taskDefinition ? [toResource(ecsTaskDefinitionResourceType, ctx, { ...plain(d.taskDefinition), tags: plain({ t: d.tags ?? [] }).t })] : []));
        yield { resources };
      }
    }),
};
