import {
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  type DescribeTaskDefinitionCommandOutput,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionRequest,
  type ContainerDefinition,
  type Tag,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';

type Revision = { arn: string; revision: number; readonly: boolean };
/** own: the revision the message names; latest: the family's newest active revision (maybe the same). */
type State = { own: Revision; latest: Revision };

/** The fields of a task definition that RegisterTaskDefinition takes (the rest is AWS's: arn, status, revision…). */
const REGISTER_FIELDS = [
  'family', 'taskRoleArn', 'executionRoleArn', 'networkMode', 'containerDefinitions', 'volumes', 'placementConstraints', 'requiresCompatibilities',
  'cpu', 'memory', 'pidMode', 'ipcMode', 'proxyConfiguration', 'inferenceAccelerators', 'ephemeralStorage', 'runtimePlatform', 'enableFaultInjection',
] as const;

const describe = async (ctx: ActionContext<any>, taskDefinition: string): Promise<DescribeTaskDefinitionCommandOutput> => ctx.aws.ecs().send(new DescribeTaskDefinitionCommand({ taskDefinition, include: ['TAGS'] }));
const revisionOf = (td: TaskDefinition | undefined): Revision => ({
  arn: td?.taskDefinitionArn ?? '',
  revision: td?.revision ?? 0,
  readonly: (td?.containerDefinitions ?? []).every((c: ContainerDefinition) => c.readonlyRootFilesystem === true),
});

/**
 * Registers a new revision of a task definition with `readonlyRootFilesystem: true` in every
 * container, otherwise identical (roles, volumes, tags). It does not deploy it: the service owner
 * rolls it out (a container that writes outside a volume fails on a read-only root, which the owner
 * must see in a deployment, not in production at 3 a.m.); the violation resolves when the old
 * revision is replaced. Verify: the family's newest revision is read-only. Undo deregisters the
 * revision it registered.
 */
export const ecsRegisterReadonlyRevision: EnforcementAction<Record<string, never>, State> = {
  name: 'ecs.register-readonly-revision',
  description: 'Registers a new task definition revision with a read-only root filesystem in every container (not deployed: the owner rolls it out).',
  schema: NoParams,
  resourceTypes: ['aws.ecs.task-definition'],
  risk: 'disruptive',
  reversible: true,
  // RegisterTaskDefinition passes the task and execution roles, and tags the revision.
  permissions: ['ecs:DescribeTaskDefinition', 'ecs:ListTaskDefinitions', 'ecs:RegisterTaskDefinition', 'ecs:DeregisterTaskDefinition', 'ecs:TagResource', 'iam:PassRole'],
  commands: ['ecs:DescribeTaskDefinition', 'ecs:ListTaskDefinitions', 'ecs:RegisterTaskDefinition', 'ecs:DeregisterTaskDefinition'],
  async read(ctx) {
    const own = (await describe(ctx, ctx.resource.arn)).taskDefinition;
    const family = own?.family ?? '';
    // familyPrefix also matches longer family names, and the listing's order is not to be trusted: take the
    // highest revision of exactly this family.
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await ctx.aws.ecs().send(new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE', ...(nextToken ? { nextToken } : {}) }));
      arns.push(...(page.taskDefinitionArns ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    const revisionNumber = (arn: string) => Number(arn.slice(arn.lastIndexOf(':') + 1));
    const newest = arns.filter((a) => a.slice(a.lastIndexOf('/') + 1, a.lastIndexOf(':')) === family).sort((a, b) => revisionNumber(b) - revisionNumber(a))[0];
    const latest = newest && newest !== own?.taskDefinitionArn ? revisionOf((await describe(ctx, newest)).taskDefinition) : revisionOf(own);
    return { own: revisionOf(own), latest };
  },
  compliant: (s) => s.own.readonly || (s.latest.revision > s.own.revision && s.latest.readonly),
  async apply(ctx) {
    const { taskDefinition: td, tags } = await describe(ctx, ctx.resource.arn);
    const input = Object.fromEntries(REGISTER_FIELDS.filter((k) => td?.[k] !== undefined).map((k) => [k, td?.[k]])) as unknown as RegisterTaskDefinitionRequest;
    input.containerDefinitions = (td?.containerDefinitions ?? []).map((c) => ({ ...c, readonlyRootFilesystem: true }));
    await ctx.aws.ecs().send(new RegisterTaskDefinitionCommand({ ...input, ...(tags?.length ? { tags: tags as Tag[] } : {}) }));
  },
  async undo(ctx, before) {
    const now = await this.read(ctx);
    if (now.latest.revision > before.latest.revision) await ctx.aws.ecs().send(new DeregisterTaskDefinitionCommand({ taskDefinition: now.latest.arn }));
  },
};
