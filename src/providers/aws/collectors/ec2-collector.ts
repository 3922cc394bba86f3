import {
  DescribeFlowLogsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  type FlowLog,
  type Instance,
} from '@aws-sdk/client-ec2';
import { ListResourceComplianceSummariesCommand, SSMClient, type ResourceComplianceSummaryItem } from '@aws-sdk/client-ssm';
import type { Resource } from '../../../inventory/resource.js';
import { ec2RegionSettingsType } from '../../../inventory/resource-types/data/ec2-region-settings-type.js';
import { ec2SnapshotType } from '../../../inventory/resource-types/data/ec2-snapshot-type.js';
import { ec2VolumeType } from '../../../inventory/resource-types/data/ec2-volume-type.js';
import { ec2VpcType } from '../../../inventory/resource-types/data/ec2-vpc-type.js';
import { ec2InstanceResourceType } from '../../../inventory/resource-types/identity/ec2-instance-resource-type.js';
import { ec2SecurityGroupResourceType } from '../../../inventory/resource-types/identity/ec2-security-group-resource-type.js';
import type { CollectContext, CollectedPage, ServiceCollector } from '../service-collector.js';
import { detail, pages, plain, reasonOf, toResource, type Problem, withClient } from './collector-kit.js';

const PAGE = 500;
const withProblems = (resources: Resource[], problems: Problem[]): CollectedPage => ({ resources, ...(problems.length ? { problems } : {}) });

/** One DescribeImages call per page of instances: each instance gets its AMI's record as `Image`. */
const instancesPage = async (ctx: CollectContext, ec2: EC2Client, instances: Instance[], patch: Map<string, ResourceComplianceSummaryItem>): Promise<CollectedPage> => {
  const problems: Problem[] = [];
  const imageIds = [...new Set(instances.map((i) => i.ImageId).filter((id): id is string => !!id))];
  const images = imageIds.length
    ? await detail(ctx, problems, { operation: 'ec2:DescribeImages' }, () =>
        // IncludeDeprecated: an instance on a deprecated AMI is exactly what the patch control must see.
        ec2.send(new DescribeImagesCommand({ ImageIds: imageIds, IncludeDeprecated: true })),
      )
    : undefined;
  const byId = new Map((images?.Images ?? []).map((im) => [im.ImageId, im]));
  const resources = instances.map((i) => {
    const config = plain(i);
    const image = byId.get(i.ImageId);
    if (image) config.Image = plain(image);
    const compliance = patch.get(i.InstanceId as string);
    if (compliance) config.PatchCompliance = plain(compliance);
    return toResource(ec2InstanceResourceType, ctx, config);
  });
  return withProblems(resources, problems);
};

/**
 * Systems Manager's patch compliance of the Region's managed instances, by instance id. Read before the
 * instances so each gets its summary; one small item per managed instance of one account and Region.
 * Unreadable (no SSM, AccessDenied) is a problem, not a failure: instances are then judged by AMI age.
 */
const patchCompliance = async (ctx: CollectContext, ssm: SSMClient, problems: Problem[]): Promise<Map<string, ResourceComplianceSummaryItem>> => {
  const byInstance = new Map<string, ResourceComplianceSummaryItem>();
  try {
    const filter = [{ Key: 'ComplianceType', Values: ['Patch'], Type: 'EQUAL' as const }];
    const listing = pages(ctx, 'ssm:ListResourceComplianceSummaries', (NextToken) => ssm.send(new ListResourceComplianceSummariesCommand({ Filters: filter, NextToken, MaxResults: 50 })), (p) => p.NextToken);
    for await (const page of listing) for (const item of page.ResourceComplianceSummaryItems ?? []) if (item.ResourceId) byInstance.set(item.ResourceId, item);
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    problems.push({ operation: 'ssm:ListResourceComplianceSummaries', reason: reasonOf(e) });
  }
  return byInstance;
};

/** One DescribeFlowLogs listing per page of VPCs, filtered to those VPCs. */
const vpcsPage = async (ctx: CollectContext, ec2: EC2Client, vpcs: Record<string, unknown>[]): Promise<CollectedPage> => {
  const ids = vpcs.map((v) => v.VpcId as string);
  const flowLogs: FlowLog[] = [];
  if (ids.length) {
    const listing = pages(
      ctx,
      'ec2:DescribeFlowLogs',
      (NextToken) => ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: ids }], NextToken, MaxResults: 1000 })),
      (p) => p.NextToken,
    );
    for await (const page of listing) flowLogs.push(...(page.FlowLogs ?? []));
  }
  const resources = vpcs.map((v) => toResource(ec2VpcType, ctx, { ...v, FlowLogs: plain({ l: flowLogs.filter((f) => f.ResourceId === v.VpcId) }).l }));
  return withProblems(resources, []);
};

/**
 * EC2 in one account and Region: instances (with their AMI and Systems Manager patch compliance), volumes, snapshots the account owns,
 * security groups, VPCs with their flow logs, and the Region's EBS default-encryption settings.
 *
 * @example
 * for await (const page of ec2Collector.collect(ctx)) store(page.resources);
 */
export const ec2Collector: ServiceCollector = {
  service: 'ec2',
  types: ['aws.ec2.instance', 'aws.ec2.volume', 'aws.ec2.snapshot', 'aws.ec2.security-group', 'aws.ec2.vpc', 'aws.ec2.region-settings'],
  commands: [
    'GetEbsEncryptionByDefaultCommand',
    'GetEbsDefaultKmsKeyIdCommand',
    'DescribeInstancesCommand',
    'DescribeImagesCommand',
    'DescribeVolumesCommand',
    'DescribeSnapshotsCommand',
    'DescribeSecurityGroupsCommand',
    'DescribeVpcsCommand',
    'DescribeFlowLogsCommand',
    'ListResourceComplianceSummariesCommand',
  ],
  permissions: [
    'ec2:GetEbsEncryptionByDefault',
    'ec2:GetEbsDefaultKmsKeyId',
    'ec2:DescribeInstances',
    'ec2:DescribeImages',
    'ec2:DescribeVolumes',
    'ec2:DescribeSnapshots',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeVpcs',
    'ec2:DescribeFlowLogs',
    'ssm:ListResourceComplianceSummaries',
  ],
  collect: (ctx) =>
    withClient([new EC2Client({ ...ctx.clientConfig }), new SSMClient({ ...ctx.clientConfig })] as const, async function* ([ec2, ssm]) {
      const problems: Problem[] = [];
      const [byDefault, defaultKey] = await Promise.all([
        detail(ctx, problems, { operation: 'ec2:GetEbsEncryptionByDefault' }, () => ec2.send(new GetEbsEncryptionByDefaultCommand({}))),
        detail(ctx, problems, { operation: 'ec2:GetEbsDefaultKmsKeyId' }, () => ec2.send(new GetEbsDefaultKmsKeyIdCommand({}))),
      ]);
      const settings: Record<string, unknown> = {};
      if (byDefault) settings.EbsEncryptionByDefault = byDefault.EbsEncryptionByDefault ?? false;
      if (defaultKey?.KmsKeyId) settings.KmsKeyId = defaultKey.KmsKeyId;
      // Without the default-encryption answer the record would claim it is off: only the problem is reported.
      if (!byDefault) for (const p of problems) if (p.operation === 'ec2:GetEbsEncryptionByDefault') p.leftOut = ec2RegionSettingsType.type;
      yield withProblems(byDefault ? [toResource(ec2RegionSettingsType, ctx, settings)] : [], problems);

      const instanceProblems: Problem[] = [];
      const patch = await patchCompliance(ctx, ssm, instanceProblems);
      if (instanceProblems.length) yield withProblems([], instanceProblems);
      for await (const page of pages(ctx, 'ec2:DescribeInstances', (NextToken) => ec2.send(new DescribeInstancesCommand({ NextToken, MaxResults: 1000 })), (p) => p.NextToken)) {
        const instances = (page.Reservations ?? []).flatMap((r) => r.Instances ?? []);
        if (instances.length) yield await instancesPage(ctx, ec2, instances, patch);
      }
      for await (const page of pages(ctx, 'ec2:DescribeVolumes', (NextToken) => ec2.send(new DescribeVolumesCommand({ NextToken, MaxResults: PAGE })), (p) => p.NextToken)) {
        yield withProblems((page.Volumes ?? []).map((v) => toResource(ec2VolumeType, ctx, plain(v))), []);
      }
      const snapshots = pages(ctx, 'ec2:DescribeSnapshots', (NextToken) => ec2.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], NextToken, MaxResults: 1000 })), (p) => p.NextToken);
      // OwnerIds=self already limits the listing; the check guards against an endpoint that ignores the filter.
      for await (const page of snapshots) {
        const own = (page.Snapshots ?? []).filter((s) => !s.OwnerId || s.OwnerId === ctx.accountId);
        yield withProblems(own.map((s) => toResource(ec2SnapshotType, ctx, plain(s))), []);
      }
      for await (const page of pages(ctx, 'ec2:DescribeSecurityGroups', (NextToken) => ec2.send(new DescribeSecurityGroupsCommand({ NextToken, MaxResults: 1000 })), (p) => p.NextToken)) {
        yield withProblems((page.SecurityGroups ?? []).map((g) => toResource(ec2SecurityGroupResourceType, ctx, plain(g))), []);
      }
      for await (const page of pages(ctx, 'ec2:DescribeVpcs', (NextToken) => ec2.send(new DescribeVpcsCommand({ NextToken, MaxResults: 200 })), (p) => p.NextToken)) {
        yield await vpcsPage(ctx, ec2, (page.Vpcs ?? []).map((v) => plain(v)));
      }
    }),
};
