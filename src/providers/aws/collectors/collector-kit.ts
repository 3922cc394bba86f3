import type { Resource } from '../../../inventory/resource.js';
import type { ResourceTypeDefinition } from '../../../inventory/resource-type.js';
import { markUnknown } from '../../../inventory/unknown-fields.js';
import type { CollectContext, CollectedPage } from '../service-collector.js';

/** A detail call that failed for one resource, as the collector reports it. */
export type Problem = NonNullable<CollectedPage['problems']>[number];

/**
 * The SDK's output as plain JSON, the way the policies and the store see it: Dates become ISO-8601
 * strings, `undefined` fields and the SDK's `$metadata` disappear.
 *
 * @example
 * plain({ CreateDate: new Date(0), $metadata: {} }); // { CreateDate: '1970-01-01T00:00:00.000Z' }
 */
export const plain = <T>(value: T): Record<string, unknown> => {
  if (value == null) return {};
  const out = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  delete out.$metadata;
  return out;
};

/** The AWS error code of an SDK exception (`NoSuchBucketPolicy`, `AccessDenied`…). */
export const errorCode = (e: unknown): string => {
  const err = e as { name?: string; Code?: string; code?: string };
  return err?.Code ?? err?.name ?? err?.code ?? 'Error';
};

/** `AccessDenied: User is not authorized…`, short enough for a summary line. */
export const reasonOf = (e: unknown): string => {
  const message = (e as Error)?.message ?? String(e);
  const code = errorCode(e);
  return message && message !== code ? `${code}: ${message.slice(0, 300)}` : code;
};

/** Policy documents come back as JSON strings (URL-encoded from IAM); policies read them parsed. */
export const parseDocument = (text: unknown, urlEncoded = false): unknown => {
  if (typeof text !== 'string' || text.length === 0) return text;
  try {
    return JSON.parse(urlEncoded ? decodeURIComponent(text) : text);
  } catch {
    return text;
  }
};

/**
 * Builds the Resource for a config with the type's own identity and tag rules, so live records get
 * exactly the ARNs and tags the demo and file providers give the same config.
 */
export const toResource = (def: ResourceTypeDefinition, ctx: CollectContext, config: Record<string, unknown>, region = ctx.region): Resource => ({
  provider: 'aws',
  accountId: ctx.accountId,
  region,
  type: def.type,
  ...def.identity(config, { accountId: ctx.accountId, region }),
  tags: def.tags(config),
  config,
  observedAt: ctx.observedAt,
});

/** What a detail call is: its IAM action for the problem line, the resource, and which errors mean "not configured". */
export interface DetailCall {
  /** The IAM action, e.g. `s3:GetBucketPolicy`. */
  operation: string;
  resourceArn?: string;
  /** Error codes that mean the setting does not exist (the key is then left out, as on AWS). */
  absent?: readonly string[];
  /**
   * The config fields the call fills: when it fails otherwise (AccessDenied, throttled past the
   * retries), `unread` marks them unknown on the resource, so policies that read them leave it undecided.
   */
  fields?: readonly string[];
  /** The resource type whose record the failure leaves out altogether (see `CollectedPage.problems[].leftOut`). */
  leftOut?: string;
}

/**
 * Runs one detail call under the service's concurrency limit. "Not configured" answers yield
 * `undefined`; any other failure is recorded in `problems` and also yields `undefined`, so one
 * unreadable bucket policy does not fail the whole service.
 *
 * @example
 * const pab = await detail(ctx, problems, { operation: 's3:GetPublicAccessBlock', absent: ['NoSuchPublicAccessBlockConfiguration'] },
 *   () => s3.send(new GetPublicAccessBlockCommand({ Bucket: name })));
 */
export const detail = async <T>(ctx: CollectContext, problems: Problem[], call: DetailCall, fn: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await ctx.limit(fn);
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    if (call.absent?.includes(errorCode(e))) return undefined;
    const { operation, resourceArn, fields, leftOut } = call;
    problems.push({ ...(resourceArn ? { resourceArn } : {}), ...(fields ? { fields } : {}), ...(leftOut ? { leftOut } : {}), operation, reason: reasonOf(e) });
    return undefined;
  }
};

/**
 * Marks in a resource's config the fields its failed detail calls left unknown, each with the call and
 * reason, so a policy reading them leaves the resource undecided instead of taking "unread" for "absent".
 *
 * @example
 * unread(config, problems, 'arn:aws:s3:::x'); // config.$unknown = { Policy: 's3:GetBucketPolicy: AccessDenied: …' }
 */
export const unread = (config: Record<string, unknown>, problems: readonly Problem[], resourceArn: string): Record<string, unknown> => {
  for (const p of problems) if (p.resourceArn === resourceArn && p.fields?.length) markUnknown(config, p.fields, `${p.operation}: ${p.reason}`);
  return config;
};

/**
 * Pages through a listing call (NextToken, Marker…) one page at a time under the service's limit.
 * A failing page throws, its message prefixed with the IAM action (`backup:ListLegalHolds: AccessDenied…`):
 * the listing is then incomplete and the scope must not be marked covered.
 *
 * @example
 * for await (const page of pages(ctx, 'kms:ListKeys', (t) => kms.send(new ListKeysCommand({ Marker: t })), (p) => p.NextMarker)) …
 */
export async function* pages<P>(
  ctx: CollectContext,
  operation: string,
  fetch: (token: string | undefined) => Promise<P>,
  next: (page: P) => string | undefined,
): AsyncGenerator<P> {
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    ctx.signal?.throwIfAborted();
    const page = await ctx.limit(() => fetch(token)).catch((e: unknown) => {
      throw failedCall(e, operation);
    });
    yield page;
    token = next(page) || undefined;
    // A service that hands back a token it already gave would loop forever; stop instead.
    if (token !== undefined) {
      if (seen.has(token)) break;
      seen.add(token);
    }
  } while (token !== undefined);
}

/**
 * The error of a call that makes the scope incomplete, its message naming the IAM action and the AWS
 * error code (`backup:ListLegalHolds: AccessDeniedException: …`) and `operation` set, for the summary.
 */
export const failedCall = (e: unknown, operation: string): Error => {
  const err = e instanceof Error ? e : new Error(String(e));
  if (!err.message.startsWith(operation)) err.message = `${operation}: ${reasonOf(err)}`;
  (err as Error & { operation?: string }).operation = operation;
  return err;
};

/**
 * Whether the pass asks for any of these types: a listing whose records no one asked for is not sent.
 *
 * @example
 * if (wants(ctx, rdsDbSnapshotType.type)) for await (const page of pages(ctx, 'rds:DescribeDBSnapshots', …)) …
 */
export const wants = (ctx: CollectContext, ...types: string[]): boolean => !ctx.wants || types.some((t) => ctx.wants!(t));


/** Error codes meaning the resource went away between the listing and the read. */
const GONE = ['ResourceNotFoundException', 'NotFoundException', 'ClusterNotFoundException'];

/**
 * Runs a read without which there is no record at all (DescribeTable, DescribeCluster…) under the
 * service's limit. A resource deleted since the listing yields `undefined`; any other failure throws,
 * so the scope is reported incomplete instead of its resource being resolved as deleted.
 *
 * @example
 * const table = await essential(ctx, 'dynamodb:DescribeTable', () => ddb.send(new DescribeTableCommand({ TableName })));
 */
export const essential = async <T>(ctx: CollectContext, operation: string, fn: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await ctx.limit(fn);
  } catch (e) {
    if (!ctx.signal?.aborted && GONE.includes(errorCode(e))) return undefined;
    throw failedCall(e, operation);
  }
};

/** What `withClient` closes when the body ends: an SDK client. */
interface Destroyable {
  destroy(): void;
}

/**
 * Runs a collector's body with its SDK client (or a tuple of clients), destroying them when the body
 * ends (or the consumer stops early), so no collector writes the try/finally itself.
 *
 * @example
 * collect: (ctx) => withClient(new RedshiftClient({ ...ctx.clientConfig }), async function* (rs) { … })
 * collect: (ctx) => withClient([new EC2Client(cfg), new SSMClient(cfg)] as const, async function* ([ec2, ssm]) { … })
 */
export async function* withClient<C extends Destroyable | readonly Destroyable[]>(clients: C, body: (clients: C) => AsyncGenerator<CollectedPage>): AsyncGenerator<CollectedPage> {
  try {
    yield* body(clients);
  } finally {
    for (const client of Array.isArray(clients) ? (clients as readonly Destroyable[]) : [clients as Destroyable]) client.destroy();
  }
}

/**
 * One listing whose items are records of one type as the API returns them (DescribeDBInstances,
 * DescribeClusters…), a page of resources per SDK page; nothing is sent when the pass does not ask
 * for the type.
 *
 * @example
 * yield* listing(ctx, redshiftClusterType, 'redshift:DescribeClusters', (Marker) => rs.send(new DescribeClustersCommand({ Marker })), (p) => p.Marker, (p) => p.Clusters);
 */
export async function* listing<P, I>(
  ctx: CollectContext,
  def: ResourceTypeDefinition,
  operation: string,
  fetch: (token: string | undefined) => Promise<P>,
  next: (page: P) => string | undefined,
  items: (page: P) => readonly I[] | undefined,
): AsyncGenerator<CollectedPage> {
  if (!wants(ctx, def.type)) return;
  for await (const page of pages(ctx, operation, fetch, next)) yield { resources: (items(page) ?? []).map((i) => toResource(def, ctx, plain(i))) };
}
