import { DescribeInstancesCommand, EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Resource } from '../../../inventory/resource.js';
import { bottlerocketNodeReportResourceType } from '../../../inventory/resource-types/identity/bottlerocket-node-report-resource-type.js';
import type { CollectContext, CollectedPage, ServiceCollector } from '../service-collector.js';
import { detail, pages, plain, reasonOf, toResource, type Problem, withClient } from './collector-kit.js';

/** Where the nodes' CIS reports are published: `s3://<bucket>/<prefix>/<account id>/<region>/…`. */
export interface BottlerocketReportLocation {
  bucket: string;
  /** Key prefix without a trailing slash, e.g. `bottlerocket-cis`; empty for the bucket's root. */
  prefix: string;
}

/** `…/<command id>/<instance id>/awsrunShellScript/<step>/stdout`: what SSM Run Command writes for each node. */
const REPORT_KEY = /\/(i-[0-9a-f]{8,17})\/awsrunShellScript\/[^/]+\/stdout$/;
const BATCH = 100;

/** The newest report key of each instance under the scope's prefix (a node reports every run). */
const latestReports = async (ctx: CollectContext, s3: S3Client, where: BottlerocketReportLocation): Promise<Map<string, { key: string; at: number }>> => {
  const Prefix = `${where.prefix ? `${where.prefix.replace(/\/+$/, '')}/` : ''}${ctx.accountId}/${ctx.region}/`;
  const latest = new Map<string, { key: string; at: number }>();
  const listing = pages(
    ctx,
    's3:ListBucket',
    (ContinuationToken) => s3.send(new ListObjectsV2Command({ Bucket: where.bucket, Prefix, ContinuationToken, MaxKeys: 1000 })),
    (p) => (p.IsTruncated ? p.NextContinuationToken : undefined),
  );
  for await (const page of listing) {
    for (const o of page.Contents ?? []) {
      const id = o.Key ? REPORT_KEY.exec(o.Key)?.[1] : undefined;
      const at = o.LastModified?.getTime() ?? 0;
      if (id && o.Key && at >= (latest.get(id)?.at ?? -1)) latest.set(id, { key: o.Key, at });
    }
  }
  return latest;
};

/** The running instances among `ids` (a terminated node's last report is not judged), one call per batch. */
const instancesOf = async (ctx: CollectContext, ec2: EC2Client, ids: string[]): Promise<Map<string, Instance>> => {
  const out = new Map<string, Instance>();
  // A Filter, unlike InstanceIds, does not fail the whole call for an instance that no longer exists.
  const filters = [{ Name: 'instance-id', Values: ids }, { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }];
  const listing = pages(ctx, 'ec2:DescribeInstances', (NextToken) => ec2.send(new DescribeInstancesCommand({ Filters: filters, NextToken })), (p) => p.NextToken);
  for await (const page of listing) for (const r of page.Reservations ?? []) for (const i of r.Instances ?? []) if (i.InstanceId) out.set(i.InstanceId, i);
  return out;
};

const readReport = async (ctx: CollectContext, s3: S3Client, bucket: string, key: string, instance: Instance, problems: Problem[]): Promise<Resource | undefined> => {
  const InstanceId = instance.InstanceId as string;
  const resourceArn = `arn:aws:ec2:${ctx.region}:${ctx.accountId}:instance/${InstanceId}/bottlerocket-cis-report`;
  const object = await detail(ctx, problems, { operation: 's3:GetObject', resourceArn }, async () => {
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return res.Body ? res.Body.transformToString() : '';
  });
  if (object === undefined) return undefined;
  let report: unknown;
  try {
    report = JSON.parse(object);
  } catch (e) {
    problems.push({ resourceArn, operation: 's3:GetObject', reason: `s3://${bucket}/${key} is not the JSON of \`apiclient report cis -f json\`: ${reasonOf(e)}` });
    return undefined;
  }
  if (!report || typeof report !== 'object' || Array.isArray(report) || typeof (report as Record<string, unknown>).results !== 'object') {
    problems.push({ resourceArn, operation: 's3:GetObject', reason: `s3://${bucket}/${key} has no "results" object: not a CIS report` });
    return undefined;
  }
  const tags = instance.Tags ?? [];
  const config = {
    InstanceId,
    ClusterName: tags.find((t) => t.Key === 'eks:cluster-name')?.Value,
    NodeName: instance.PrivateDnsName || undefined,
    Tags: plain({ t: tags }).t,
    ...(report as Record<string, unknown>),
  };
  return toResource(bottlerocketNodeReportResourceType, ctx, plain(config));
};

/**
 * Bottlerocket CIS reports (issue 8, item 6). `apiclient report cis` runs on the node, so it is not an
 * AWS read API: the nodes publish their reports and Vigil reads what they published.
 *
 * Setup, per account (a StackSet) and Region: a Systems Manager State Manager association targeting
 * the Bottlerocket nodes (e.g. tag `eks:nodegroup-name`, or all instances with platform Bottlerocket)
 * runs `AWS-RunShellScript` with the command `apiclient report cis -f json` on a schedule (daily),
 * with output to `s3://<bucket>/<prefix>/<account id>/<region>/` (OutputS3BucketName and
 * OutputS3KeyPrefix; `${AWS::AccountId}` and `${AWS::Region}` in the template). SSM writes each run to
 * `…/<command id>/<instance id>/awsrunShellScript/0.awsrunShellScript/stdout`. The bucket policy
 * lets Vigil's read-only role `s3:ListBucket` that prefix and `s3:GetObject` under it.
 *
 * The collector lists the scope's prefix, keeps each instance's newest report, skips instances that
 * no longer exist, and adds the node's context (InstanceId, `eks:cluster-name` tag as ClusterName,
 * private DNS name as NodeName, the instance's Tags) to the report's own fields.
 *
 * @example
 * const collector = bottlerocketReportCollector({ bucket: 'org-bottlerocket-reports', prefix: 'cis' });
 * for await (const page of collector.collect(ctx)) store(page.resources);
 */
export const bottlerocketReportCollector = (where: BottlerocketReportLocation): ServiceCollector => ({
  service: 'bottlerocket',
  types: ['aws.bottlerocket.node-report'],
  commands: ['ListObjectsV2Command', 'GetObjectCommand', 'DescribeInstancesCommand'],
  permissions: ['s3:ListBucket', 's3:GetObject', 'ec2:DescribeInstances'],
  // Only the report bucket and prefix: the role must not read every object of every bucket.
  resources: {
    's3:ListBucket': [`arn:aws:s3:::${where.bucket}`],
    's3:GetObject': [`arn:aws:s3:::${where.bucket}/${where.prefix ? `${where.prefix}/` : ''}*`],
  },
  collect: (ctx) =>
    // The reports bucket may live in another Region (a central bucket): follow S3's redirect.
    withClient([new S3Client({ ...ctx.clientConfig, followRegionRedirects: true }), new EC2Client({ ...ctx.clientConfig })] as const, async function* ([s3, ec2]) {
      const latest = await latestReports(ctx, s3, where);
      const ids = [...latest.keys()].sort();
      for (let i = 0; i < ids.length; i += BATCH) {
        const problems: Problem[] = [];
        const instances = await instancesOf(ctx, ec2, ids.slice(i, i + BATCH));
        const reports = await Promise.all(
          [...instances.values()].map((inst) => readReport(ctx, s3, where.bucket, (latest.get(inst.InstanceId as string) as { key: string }).key, inst, problems)),
        );
        // Every problem here is a node whose report could not be read: its record is left out, so the
        // type is not complete for the scope and the node's stored report is not taken for deleted.
        for (const p of problems) p.leftOut = bottlerocketNodeReportResourceType.type;
        yield { resources: reports.filter((r): r is Resource => r !== undefined), ...(problems.length ? { problems } : {}) } satisfies CollectedPage;
      }
    }),
});
