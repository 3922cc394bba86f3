import {
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  type DescribeTaskDefinitionCommandOutput,
  ListClustersCommand,
  ListServicesCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionRequest,
  type ContainerDefinition,
  type Tag,
  type TaskDefinition,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';

type Revision = { arn: string; revision: number; readonly: boolean };
/** A service of the resource's account and Region, by cluster ARN and service ARN. */
type ServiceRef = { cluster: string; service: string };
/**
 * own: the revision the message names; latest: the family's newest active revision (maybe the same);
 * onOwn: the services that run `own` (what a deployment moves, and what undo moves back).
 */
type State = { own: Revision; latest: Revision; onOwn: ServiceRef[] };

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

/** Every page of a listing that pages by nextToken. */
const allPages = async (page: (nextToken: string | undefined) => Promise<{ items?: string[]; nextToken?: string }>): Promise<string[]> => {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    out.push(...(p.items ?? []));
    token = p.nextToken;
  } while (token);
  return out;
};

/** The services (of every cluster in the resource's account and Region) whose task definition is `arn`. */
const servicesOn = async (ctx: ActionContext<any>, arn: string): Promise<ServiceRef[]> => {
  const ecs = ctx.aws.ecs();
  const out: ServiceRef[] = [];
  const clusters = await allPages(async (nextToken) => {
    const r = await ecs.send(new ListClustersCommand({ ...(nextToken ? { nextToken } : {}) }));
    return { items: r.clusterArns, ...(r.nextToken ? { nextToken: r.nextToken } : {}) };
  });
  for (const cluster of clusters) {
    const arns = await allPages(async (nextToken) => {
      const r = await ecs.send(new ListServicesCommand({ cluster, ...(nextToken ? { nextToken } : {}) }));
      return { items: r.serviceArns, ...(r.nextToken ? { nextToken: r.nextToken } : {}) };
    });
    // DescribeServices takes at most 10 services a call.
    for (let i = 0; i < arns.length; i += 10) {
      const { services } = await ecs.send(new DescribeServicesCommand({ cluster, services: arns.slice(i, i + 10) }));
      for (const s of services ?? []) if (s.taskDefinition === arn && s.status !== 'INACTIVE' && s.serviceArn) out.push({ cluster, service: s.serviceArn });
    }
  }
  return out;
};

const deploy = async (ctx: ActionContext<any>, services: readonly ServiceRef[], taskDefinition: string): Promise<void> => {
  for (const s of services) await ctx.aws.ecs().send(new UpdateServiceCommand({ cluster: s.cluster, service: s.service, taskDefinition }));
};

/**
 * Registers a new revision of a task definition with `readonlyRootFilesystem: true` in every
 * container, otherwise identical (roles, volumes, tags), and deploys it: every service of the
 * resource's account and Region that runs the old revision is updated to the new one (a rolling
 * deployment under the service's own deployment settings and circuit breaker). A container that
 * writes outside a volume fails on a read-only root, so deploying to a service always needs an
 * approval (the guard says so); with no service on the revision, only the registration happens.
 * Verify: the family's newest revision is read-only and no service still runs the old one. Undo moves
 * those services back to the old revision, then deregisters the one it registered.
 */
export const ecsRegisterReadonlyRevision: EnforcementAction<Record<string, never>, State> = {
  name: 'ecs.register-readonly-revision',
  description: 'Registers a task definition revision with a read-only root filesystem in every container and deploys it to the services running the old one (always needs an approval when a service runs it).',
  schema: NoParams,
  resourceTypes: ['aws.ecs.task-definition'],
  risk: 'disruptive',
  reversible: true,
  // RegisterTaskDefinition passes the task and execution roles, and tags the revision.
  permissions: [
    'ecs:DescribeTaskDefinition', 'ecs:ListTaskDefinitions', 'ecs:RegisterTaskDefinition', 'ecs:DeregisterTaskDefinition', 'ecs:TagResource', 'iam:PassRole',
    'ecs:ListClusters', 'ecs:ListServices', 'ecs:DescribeServices', 'ecs:UpdateService',
  ],
  commands: ['ecs:DescribeTaskDefinition', 'ecs:ListTaskDefinitions', 'ecs:RegisterTaskDefinition', 'ecs:DeregisterTaskDefinition', 'ecs:ListClusters', 'ecs:ListServices', 'ecs:DescribeServices', 'ecs:UpdateService'],
  async read(ctx) {
    const own = (await describe(ctx, ctx.resource.arn)).taskDefinition;
    const family = own?.family ?? '';
    // familyPrefix also matches longer family names, and the listing's order is not to be trusted: take the
    // highest revision of exactly this family.
    const arns = await allPages(async (nextToken) => {
      const r = await ctx.aws.ecs().send(new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE', ...(nextToken ? { nextToken } : {}) }));
      return { items: r.taskDefinitionArns, ...(r.nextToken ? { nextToken: r.nextToken } : {}) };
    });
    const revisionNumber = (arn: string) => Number(arn.slice(arn.lastIndexOf(':') + 1));
    const newest = arns.filter((a) => a.slice(a.lastIndexOf('/') + 1, a.lastIndexOf(':')) === family).sort((a, b) => revisionNumber(b) - revisionNumber(a))[0];
    const latest = newest && newest !== own?.taskDefinitionArn ? revisionOf((await describe(ctx, newest)).taskDefinition) : revisionOf(own);
    return { own: revisionOf(own), latest, onOwn: await servicesOn(ctx, own?.taskDefinitionArn ?? ctx.resource.arn) };
  },
  compliant: (s) => s.own.readonly || (s.latest.revision > s.own.revision && s.latest.readonly && s.onOwn.length === 0),
  guard: (s, ctx) =>
    s.onOwn.length > 0 && !ctx.message.approval
      ? `deploying a read-only root to ${s.onOwn.length} running service(s) always needs an approval: a container that writes outside a volume stops working`
      : null,
  async apply(ctx, before) {
    // A read-only revision registered earlier (and not deployed) is deployed, not registered again.
    let target = before.latest.revision > before.own.revision && before.latest.readonly ? before.latest.arn : '';
    if (!target) {
      const { taskDefinition: td, tags } = await describe(ctx, ctx.resource.arn);
      const input = Object.fromEntries(REGISTER_FIELDS.filter((k) => td?.[k] !== undefined).map((k) => [k, td?.[k]])) as unknown as RegisterTaskDefinitionRequest;
      input.containerDefinitions = (td?.containerDefinitions ?? []).map((c) => ({ ...c, readonlyRootFilesystem: true }));
      const registered = await ctx.aws.ecs().send(new RegisterTaskDefinitionCommand({ ...input, ...(tags?.length ? { tags: tags as Tag[] } : {}) }));
      target = registered.taskDefinition?.taskDefinitionArn ?? '';
    }
    await deploy(ctx, before.onOwn, target);
  },
  async undo(ctx, before) {
    await deploy(ctx, before.onOwn, before.own.arn);
    const now = await this.read(ctx);
    if (now.latest.revision > before.latest.revision) await ctx.aws.ecs().send(new DeregisterTaskDefinitionCommand({ taskDefinition: now.latest.arn }));
  },
};
