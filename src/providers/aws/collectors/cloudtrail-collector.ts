import { CloudTrailClient, DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, ListTagsCommand, type Trail } from '@aws-sdk/client-cloudtrail';
import { cloudtrailTrailType } from '../../../inventory/resource-types/data/cloudtrail-trail-type.js';
import { TAGS_FIELD } from '../../../inventory/unknown-fields.js';
import type { CollectContext, ServiceCollector } from '../service-collector.js';
import { detail, essential, plain, toResource, unread, type Problem, withClient } from './collector-kit.js';

const readTrail = async (ctx: CollectContext, ct: CloudTrailClient, trail: Trail, problems: Problem[]): Promise<Record<string, unknown>> => {
  const Name = trail.TrailARN ?? (trail.Name as string);
  const resourceArn = trail.TrailARN;
  const call = (operation: string, fields: string[]) => ({ operation: `cloudtrail:${operation}`, fields, ...(resourceArn ? { resourceArn } : {}) });
  const [status, selectors, tags] = await Promise.all([
    detail(ctx, problems, call('GetTrailStatus', ['IsLogging']), () => ct.send(new GetTrailStatusCommand({ Name }))),
    detail(ctx, problems, call('GetEventSelectors', ['EventSelectors', 'AdvancedEventSelectors']), () => ct.send(new GetEventSelectorsCommand({ TrailName: Name }))),
    resourceArn ? detail(ctx, problems, call('ListTags', ['TagsList', TAGS_FIELD]), () => ct.send(new ListTagsCommand({ ResourceIdList: [resourceArn] }))) : undefined,
  ]);
  const config = plain(trail);
  if (status) config.IsLogging = status.IsLogging ?? false;
  if (selectors?.EventSelectors) config.EventSelectors = plain({ s: selectors.EventSelectors }).s;
  if (selectors?.AdvancedEventSelectors) config.AdvancedEventSelectors = plain({ s: selectors.AdvancedEventSelectors }).s;
  const tagList = tags?.ResourceTagList?.[0]?.TagsList;
  if (tagList) config.TagsList = plain({ t: tagList }).t;
  return resourceArn ? unread(config, problems, resourceArn) : config;
};

/**
 * CloudTrail in one account and Region: the trails whose home Region this is (a multi-Region trail is
 * judged once, where it lives), with logging status, event selectors and tags.
 *
 * @example
 * for await (const page of cloudtrailCollector.collect(ctx)) store(page.resources);
 */
export const cloudtrailCollector: ServiceCollector = {
  service: 'cloudtrail',
  types: ['aws.cloudtrail.trail'],
  commands: ['DescribeTrailsCommand', 'GetTrailStatusCommand', 'GetEventSelectorsCommand', 'ListTagsCommand'],
  permissions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors', 'cloudtrail:ListTags'],
  collect: (ctx) =>
    withClient(new CloudTrailClient({ ...ctx.clientConfig }), async function* (ct) {
      // DescribeTrails is not paginated; shadow copies of other Regions' trails are excluded.
      const described = await essential(ctx, 'cloudtrail:DescribeTrails', () => ct.send(new DescribeTrailsCommand({ includeShadowTrails: false })));
      const trails = (described?.trailList ?? []).filter((t) => !t.HomeRegion || t.HomeRegion === ctx.region);
      const problems: Problem[] = [];
      const configs = await Promise.all(trails.map((t) => readTrail(ctx, ct, t, problems)));
      yield { resources: configs.map((c) => toResource(cloudtrailTrailType, ctx, c)), ...(problems.length ? { problems } : {}) };
    }),
};
