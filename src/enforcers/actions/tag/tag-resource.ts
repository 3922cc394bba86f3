import { GetResourcesCommand, TagResourcesCommand, UntagResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { Type, type TSchema } from '@sinclair/typebox';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';

type State = { tags: Record<string, string> };

const readTags = async (ctx: ActionContext<any>): Promise<State> => {
  const out = await ctx.aws.tag().send(new GetResourcesCommand({ ResourceARNList: [ctx.resource.arn] }));
  const tags: Record<string, string> = {};
  for (const t of out.ResourceTagMappingList?.[0]?.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? '';
  return { tags };
};

/**
 * Builds a tagging action through the Resource Groups Tagging API (one code path for every taggable
 * service). `want(params)` is the tags to set; an existing value is kept unless `overwrite`.
 */
export const tagAction = <P extends { overwrite?: boolean }>(spec: {
  name: string;
  description: string;
  schema: TSchema;
  resourceTypes: readonly string[];
  want: (params: P) => Record<string, string>;
  /** Whether the tags already satisfy the policy (default: every wanted key present, or equal with overwrite). */
  satisfied?: (tags: Record<string, string>, params: P) => boolean;
  /** Why not to tag this resource now (see EnforcementAction.guard). */
  guard?: EnforcementAction<P, State>['guard'];
}): EnforcementAction<P, State> => ({
  ...(spec.guard ? { guard: spec.guard } : {}),
  name: spec.name,
  description: spec.description,
  schema: spec.schema,
  resourceTypes: spec.resourceTypes,
  risk: 'safe',
  reversible: true,
  // TagResources also needs the service's own tagging permission for the resource (s3:PutBucketTagging…),
  // which depends on the resource type: those are listed too, for the types the action accepts.
  permissions: ['tag:GetResources', 'tag:TagResources', 'tag:UntagResources', ...servicePermissions(spec.resourceTypes)],
  commands: ['tag:GetResources', 'tag:TagResources', 'tag:UntagResources'],
  read: readTags,
  compliant: (s, p) => (spec.satisfied ? spec.satisfied(s.tags, p) : Object.entries(spec.want(p)).every(([k, v]) => (p.overwrite ? s.tags[k] === v : k in s.tags))),
  async apply(ctx, before) {
    const want = spec.want(ctx.params);
    const set = Object.fromEntries(Object.entries(want).filter(([k, v]) => (ctx.params.overwrite ? before.tags[k] !== v : !(k in before.tags))));
    if (Object.keys(set).length) await ctx.aws.tag().send(new TagResourcesCommand({ ResourceARNList: [ctx.resource.arn], Tags: set }));
  },
  async undo(ctx, before) {
    const now = await readTags(ctx);
    const added = Object.keys(spec.want(ctx.params)).filter((k) => k in now.tags && !(k in before.tags));
    const changed = Object.fromEntries(Object.keys(spec.want(ctx.params)).filter((k) => k in before.tags && now.tags[k] !== before.tags[k]).map((k) => [k, before.tags[k] as string]));
    if (added.length) await ctx.aws.tag().send(new UntagResourcesCommand({ ResourceARNList: [ctx.resource.arn], TagKeys: added }));
    if (Object.keys(changed).length) await ctx.aws.tag().send(new TagResourcesCommand({ ResourceARNList: [ctx.resource.arn], Tags: changed }));
  },
});

const TAGGING: Record<string, string[]> = {
  'aws.s3.bucket': ['s3:GetBucketTagging', 's3:PutBucketTagging'],
  'aws.ec2.instance': ['ec2:CreateTags', 'ec2:DeleteTags'],
  'aws.rds.db-instance': ['rds:AddTagsToResource', 'rds:RemoveTagsFromResource'],
  'aws.dynamodb.table': ['dynamodb:TagResource', 'dynamodb:UntagResource'],
  'aws.redshift.cluster': ['redshift:CreateTags', 'redshift:DeleteTags'],
};
const servicePermissions = (types: readonly string[]): string[] => [...new Set(types.flatMap((t) => TAGGING[t] ?? []))];

type TagParam = { name: string; default: string; description: string };

/**
 * A tagging action that sets one tag whose key and value are parameters with defaults, never
 * replacing a value already there (an opt-out or an owner someone set stays).
 *
 * @example
 * export const tagSetOwnerUnknown = singleTagAction({ name: 'tag.set-owner-unknown', description: '…', resourceTypes: ['aws.ec2.instance'],
 *   key: { name: 'key', default: 'owner', description: 'The owner tag key.' }, value: { name: 'value', default: 'unknown', description: '…' } });
 */
export const singleTagAction = (spec: { name: string; description: string; resourceTypes: readonly string[]; key: TagParam; value: TagParam }) =>
  tagAction<Record<string, string> & { overwrite?: boolean }>({
    name: spec.name,
    description: spec.description,
    resourceTypes: spec.resourceTypes,
    schema: Type.Object(
      Object.fromEntries([spec.key, spec.value].map((t) => [t.name, Type.String({ minLength: 1, default: t.default, description: t.description })])),
      { additionalProperties: false },
    ),
    want: (p) => ({ [p[spec.key.name] as string]: p[spec.value.name] as string }),
  });
