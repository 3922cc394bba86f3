import { camelDeep, defined, type ConfigItemMapper } from '../config-item-mapper.js';

const taskDefinition: ConfigItemMapper = {
  configType: 'AWS::ECS::TaskDefinition',
  type: 'aws.ecs.task-definition',
  // Config records the CloudFormation-style properties (ContainerDefinitions[].ReadonlyRootFilesystem);
  // DescribeTaskDefinition is camelCase. The revision is the ARN's last part (family:revision).
  toConfig: (item) => {
    const c = camelDeep(item.configuration, new Set(['Tags', 'DockerLabels', 'Options'])) as Record<string, unknown>;
    const arn = typeof c.taskDefinitionArn === 'string' ? c.taskDefinitionArn : item.arn;
    const revision = arn && /:(\d+)$/.exec(arn)?.[1];
    return defined({
      ...c,
      taskDefinitionArn: arn,
      revision: typeof c.revision === 'number' ? c.revision : revision ? Number(revision) : undefined,
      // Config turns a deregistered revision into a deleted item, so a recorded one is active.
      status: c.status ?? 'ACTIVE',
      tags: Object.entries(item.tags).map(([key, value]) => ({ key, value })),
    });
  },
};

/** ECS: task definitions. */
export const ecsConfigItemMappers: ConfigItemMapper[] = [taskDefinition];
