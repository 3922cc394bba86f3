import type { DemoGenerator } from '../../demo-generator.js';
import { APPS, TEAMS } from './demo-vocabulary.js';

/**
 * ECS task definitions: most containers run with a read-only root filesystem; a few revisions have a
 * container that leaves it unset or false. Some revisions are INACTIVE (superseded).
 *
 * @example
 * ecsTaskDefinitionDemoGenerator.generate(ctx).config.containerDefinitions; // [{ name: 'app', readonlyRootFilesystem: true }, …]
 */
export const ecsTaskDefinitionDemoGenerator: DemoGenerator = {
  type: 'aws.ecs.task-definition',
  scope: 'regional',
  weight: 2,
  min: 3,
  generate: ({ rng, account, region, index }) => {
    const team = TEAMS[index % TEAMS.length] as string;
    const family = `${team}-${APPS[index % APPS.length]}-${Math.floor(index / 2)}`;
    const revision = rng.int(1, 60);
    const bad = rng.chance(0.08);
    const image = `${account.id}.dkr.ecr.${region}.amazonaws.com/${family}:1.${rng.int(0, 40)}.0`;
    const app: Record<string, unknown> = { name: 'app', image, essential: true, privileged: false };
    if (!bad) app.readonlyRootFilesystem = true;
    else if (rng.chance(0.5)) app.readonlyRootFilesystem = false;
    const containers: Record<string, unknown>[] = [app];
    if (rng.chance(0.4)) containers.push({ name: 'log-router', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable', essential: false, readonlyRootFilesystem: true });
    return {
      config: {
        taskDefinitionArn: `arn:aws:ecs:${region}:${account.id}:task-definition/${family}:${revision}`,
        family,
        revision,
        status: rng.chance(0.9) ? 'ACTIVE' : 'INACTIVE',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '512',
        memory: '1024',
        containerDefinitions: containers,
        tags: rng.chance(0.95) ? [{ key: 'owner', value: team }] : [],
      },
    };
  },
};
