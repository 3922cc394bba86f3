import type { ResourceTypeDefinition } from '../../resource-type.js';
import { tagMap } from '../../resource-type.js';

/**
 * An ECS task definition revision: DescribeTaskDefinition's `taskDefinition` in ECS's camelCase
 * (taskDefinitionArn, family, revision, status, containerDefinitions[].readonlyRootFilesystem /
 * privileged / image), plus the response's `tags` list (`[{ key, value }]`, include=TAGS).
 *
 * @example
 * ecsTaskDefinitionResourceType.identity({ family: 'api', revision: 7, taskDefinitionArn: 'arn:aws:ecs:eu-west-1:1:task-definition/api:7' }, where).id; // 'api:7'
 */
export const ecsTaskDefinitionResourceType: ResourceTypeDefinition = {
  type: 'aws.ecs.task-definition',
  provider: 'aws',
  service: 'ecs',
  title: 'ECS task definition',
  scope: 'regional',
  sources: ['ListTaskDefinitions', 'DescribeTaskDefinition'],
  identity: (c, { accountId, region }) => {
    const id = `${String(c.family)}:${String(c.revision)}`;
    const arn = typeof c.taskDefinitionArn === 'string' ? c.taskDefinitionArn : `arn:aws:ecs:${region}:${accountId}:task-definition/${id}`;
    return { id, name: id, arn };
  },
  tags: (c) => tagMap(c.tags),
  example: {
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/payments-api:7',
    family: 'payments-api',
    revision: 7,
    status: 'ACTIVE',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '512',
    memory: '1024',
    containerDefinitions: [
      { name: 'api', image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/payments-api:1.42.0', essential: true, readonlyRootFilesystem: true, privileged: false },
    ],
    tags: [{ key: 'owner', value: 'payments' }],
  },
};
