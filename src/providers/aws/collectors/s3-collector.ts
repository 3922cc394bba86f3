import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
  type Bucket,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { s3AccountSettingsType } from '../../../inventory/resource-types/data/s3-account-settings-type.js';
import { s3BucketType } from '../../../inventory/resource-types/data/s3-bucket-type.js';
import { TAGS_FIELD } from '../../../inventory/unknown-fields.js';
import type { CollectContext, CollectedPage, ServiceCollector } from '../service-collector.js';
import { detail, pages, parseDocument, plain, toResource, unread, type Problem } from './collector-kit.js';

/** GetBucketLocation answers an empty constraint for us-east-1 and `EU` for the oldest eu-west-1 buckets. */
const normaliseRegion = (constraint: string | undefined): string => (!constraint ? 'us-east-1' : constraint === 'EU' ? 'eu-west-1' : constraint);

/**
 * One bucket's record: each read call's output under its own API field name; "not configured" leaves the key out.
 * A bucket whose Region cannot be read (ListBuckets did not name it and GetBucketLocation failed) has no
 * record: placed in a guessed Region, it would read as gone from its real one and its violations would
 * be resolved. The failure is reported and leaves the bucket type incomplete for the account.
 */
const readBucket = async (ctx: CollectContext, s3: S3Client, bucket: Bucket, problems: Problem[]): Promise<Record<string, unknown> | undefined> => {
  const Bucket = bucket.Name as string;
  const resourceArn = `arn:aws:s3:::${Bucket}`;
  const call = (operation: string, fields: string[], absent: string[] = []) => ({ operation: `s3:${operation}`, resourceArn, fields, absent });
  const [location, pab, encryption, versioning, policy, acl, logging, lock, tagging] = await Promise.all([
    bucket.BucketRegion ? undefined : detail(ctx, problems, { operation: 's3:GetBucketLocation', resourceArn, leftOut: s3BucketType.type }, () => s3.send(new GetBucketLocationCommand({ Bucket }))),
    detail(ctx, problems, call('GetBucketPublicAccessBlock', ['PublicAccessBlockConfiguration'], ['NoSuchPublicAccessBlockConfiguration']), () => s3.send(new GetPublicAccessBlockCommand({ Bucket }))),
    detail(ctx, problems, call('GetEncryptionConfiguration', ['ServerSideEncryptionConfiguration'], ['ServerSideEncryptionConfigurationNotFoundError']), () =>
      s3.send(new GetBucketEncryptionCommand({ Bucket })),
    ),
    detail(ctx, problems, call('GetBucketVersioning', ['Versioning']), () => s3.send(new GetBucketVersioningCommand({ Bucket }))),
    detail(ctx, problems, call('GetBucketPolicy', ['Policy'], ['NoSuchBucketPolicy']), () => s3.send(new GetBucketPolicyCommand({ Bucket }))),
    detail(ctx, problems, call('GetBucketAcl', ['Acl']), () => s3.send(new GetBucketAclCommand({ Bucket }))),
    detail(ctx, problems, call('GetBucketLogging', ['Logging']), () => s3.send(new GetBucketLoggingCommand({ Bucket }))),
    detail(ctx, problems, call('GetBucketObjectLockConfiguration', ['ObjectLockConfiguration'], ['ObjectLockConfigurationNotFoundError']), () =>
      s3.send(new GetObjectLockConfigurationCommand({ Bucket })),
    ),
    detail(ctx, problems, call('GetBucketTagging', ['TagSet', TAGS_FIELD], ['NoSuchTagSet']), () => s3.send(new GetBucketTaggingCommand({ Bucket }))),
  ]);
  if (!bucket.BucketRegion && !location) return undefined;
  const config: Record<string, unknown> = plain({ Name: Bucket, CreationDate: bucket.CreationDate });
  config.Region = bucket.BucketRegion ?? normaliseRegion(location?.LocationConstraint);
  if (pab?.PublicAccessBlockConfiguration) config.PublicAccessBlockConfiguration = plain(pab.PublicAccessBlockConfiguration);
  if (encryption?.ServerSideEncryptionConfiguration) config.ServerSideEncryptionConfiguration = plain(encryption.ServerSideEncryptionConfiguration);
  // An unversioned bucket answers without Status; recording the empty object keeps "never enabled" visible.
  if (versioning) config.Versioning = plain({ Status: versioning.Status, MFADelete: versioning.MFADelete });
  if (policy?.Policy) config.Policy = parseDocument(policy.Policy);
  if (acl) config.Acl = plain({ Owner: acl.Owner, Grants: acl.Grants });
  if (logging) config.Logging = plain({ LoggingEnabled: logging.LoggingEnabled });
  if (lock?.ObjectLockConfiguration) config.ObjectLockConfiguration = plain(lock.ObjectLockConfiguration);
  if (tagging?.TagSet) config.TagSet = plain({ t: tagging.TagSet }).t;
  // A read that failed (not "not configured") leaves its field unknown, never absent: no bucket is judged
  // to lack a policy or encryption because Vigil was denied reading it.
  return unread(config, problems, resourceArn);
};

/**
 * S3: every bucket of the account (ListBuckets, once per account), each with its bucket-level
 * settings, plus the account-wide Block Public Access settings (S3 Control). Each bucket is recorded
 * in its own Region. The S3 client follows region redirects, so one client reads buckets everywhere.
 *
 * @example
 * for await (const page of s3Collector.collect(ctx)) store(page.resources);
 */
export const s3Collector: ServiceCollector = {
  service: 's3',
  types: ['aws.s3.bucket', 'aws.s3.account-settings'],
  global: true,
  commands: [
    'ListBucketsCommand',
    'GetBucketLocationCommand',
    'GetPublicAccessBlockCommand',
    'GetBucketEncryptionCommand',
    'GetBucketVersioningCommand',
    'GetBucketPolicyCommand',
    'GetBucketAclCommand',
    'GetBucketLoggingCommand',
    'GetObjectLockConfigurationCommand',
    'GetBucketTaggingCommand',
  ],
  // The IAM actions differ from the operation names for several bucket reads (GetBucketEncryption is s3:GetEncryptionConfiguration).
  permissions: [
    's3:ListAllMyBuckets',
    's3:GetBucketLocation',
    's3:GetBucketPublicAccessBlock',
    's3:GetEncryptionConfiguration',
    's3:GetBucketVersioning',
    's3:GetBucketPolicy',
    's3:GetBucketAcl',
    's3:GetBucketLogging',
    's3:GetBucketObjectLockConfiguration',
    's3:GetBucketTagging',
    's3:GetAccountPublicAccessBlock',
  ],
  async *collect(ctx) {
    const s3 = new S3Client({ ...ctx.clientConfig, followRegionRedirects: true });
    const control = new S3ControlClient({ ...ctx.clientConfig });
    // Bucket reads go to the bucket's own Region (ListBuckets names it): a redirect would double every call.
    const regional = new Map<string, S3Client>();
    const clientFor = (region: string | undefined): S3Client => {
      if (!region || region === ctx.clientConfig.region) return s3;
      let client = regional.get(region);
      if (!client) regional.set(region, (client = new S3Client({ ...ctx.clientConfig, region, followRegionRedirects: true })));
      return client;
    };
    try {
      const problems: Problem[] = [];
      const account = await detail(
        ctx,
        problems,
        { operation: 's3:GetAccountPublicAccessBlock', absent: ['NoSuchPublicAccessBlockConfiguration'] },
        () => control.send(new GetAccountPublicAccessBlockCommand({ AccountId: ctx.accountId })),
      );
      // Never configured is `{}` (every flag missing); unreadable is no record at all, only the problem —
      // an empty record would claim the account has no Block Public Access.
      const settings = account?.PublicAccessBlockConfiguration ? { PublicAccessBlockConfiguration: plain(account.PublicAccessBlockConfiguration) } : {};
      const unreadable = problems.length > 0;
      for (const p of problems) p.leftOut = s3AccountSettingsType.type;
      yield { resources: unreadable ? [] : [toResource(s3AccountSettingsType, ctx, settings, 'global')], ...(unreadable ? { problems } : {}) } satisfies CollectedPage;

      const listing = pages(
        ctx,
        's3:ListAllMyBuckets',
        (ContinuationToken) => s3.send(new ListBucketsCommand({ ContinuationToken, MaxBuckets: 1000 })),
        (p) => p.ContinuationToken,
      );
      for await (const page of listing) {
        const pageProblems: Problem[] = [];
        const configs = await Promise.all((page.Buckets ?? []).filter((b) => b.Name).map((b) => readBucket(ctx, clientFor(b.BucketRegion), b, pageProblems)));
        yield {
          resources: configs.flatMap((c) => (c ? [toResource(s3BucketType, ctx, c, c.Region as string)] : [])),
          ...(pageProblems.length ? { problems: pageProblems } : {}),
        };
      }
    } finally {
      s3.destroy();
      control.destroy();
      for (const client of regional.values()) client.destroy();
    }
  },
};
