import type { AwsCredentialIdentityProvider, Logger } from '@smithy/types';
import type { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Resource } from '../../inventory/resource.js';

/**
 * Where one collector runs: one account and one region (or the account's home region for global
 * services), with credentials already assumed for that account.
 */
export interface CollectContext {
  accountId: string;
  /** The region to read; for a `global` collector, the region its client talks to (us-east-1 by default). */
  region: string;
  partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  /** Client settings every SDK v3 client of this scope is built with (credentials, region, adaptive retry). */
  clientConfig: {
    region: string;
    credentials?: AwsCredentialIdentityProvider;
    retryMode: 'adaptive' | 'standard';
    maxAttempts: number;
    /** An explicit endpoint (tests against moto or the local endpoint); absent, the SDK's own settings (`AWS_ENDPOINT_URL…`) apply. */
    endpoint?: string;
    /** The scan's shared connection pool (counts calls); pass it on so clients do not each open their own. */
    requestHandler?: NodeHttpHandler;
    /** Records which command threw each SDK error, so a failed listing is reported by its IAM action. */
    logger?: Logger;
    /** Reuse each command's middleware chain (calls must then be sent without per-call options). */
    cacheMiddleware?: boolean;
  };
  /** The scan's clock reading, ISO-8601: every resource's `observedAt`. */
  observedAt: string;
  /** Runs `fn` under this service's concurrency limit (one limiter per service, account and region: AWS throttles per region); rejects once the scan is cancelled. */
  limit<T>(fn: () => Promise<T>): Promise<T>;
  /** Set when the scan is cancelled. */
  signal?: AbortSignal;
  /**
   * Whether this pass asks for a type (absent: every type). A scan collects in up to three passes,
   * each for other types: a collector skips the listings of types not asked for, so no listing is
   * sent twice per scan (DescribeDBInstances once, not once per pass).
   */
  wants?(type: string): boolean;
}

/**
 * Reads one AWS service's resources for one account and region with the SDK v3 modular client,
 * keeping the API's own field names in `config`. Read-only by construction: `commands` lists every
 * SDK command it may send (a meta-test fails on anything not List*, Describe*, Get*…, or not
 * declared), and `permissions` every IAM action those need (`vigil iam-policy --component collector`).
 *
 * @example
 * for await (const resources of kmsCollector.collect(ctx)) write(resources);
 */
export interface ServiceCollector {
  /** The SDK service name, e.g. `s3`, `iam`, `ec2`, `backup`. */
  readonly service: string;
  /** The resource types it yields, e.g. `['aws.kms.key']`. */
  readonly types: readonly string[];
  /** SDK v3 command class names it sends, e.g. `['ListKeysCommand', 'DescribeKeyCommand']`. */
  readonly commands: readonly string[];
  /** IAM actions it needs, e.g. `['kms:ListKeys', 'kms:DescribeKey']`. */
  readonly permissions: readonly string[];
  /**
   * Actions granted only on these resources rather than `*` (the Bottlerocket reports' `s3:GetObject`
   * on the report prefix: read access to every object of every bucket is not least privilege).
   */
  readonly resources?: Readonly<Record<string, readonly string[]>>;
  /** Collected once per account (IAM, S3 buckets), not once per region. */
  readonly global?: boolean;
  /**
   * Yields resources in pages (each page one SDK page, never the whole service); per-resource
   * failures of a detail call (e.g. AccessDenied on GetBucketPolicy) go into `problems` rather than
   * failing the service; a failure of the listing itself throws (the scope is then not covered).
   */
  collect(ctx: CollectContext): AsyncIterable<CollectedPage>;
}

export interface CollectedPage {
  resources: Resource[];
  /** Detail calls that failed for one resource: `AccessDenied on s3:GetBucketPolicy for arn:aws:s3:::x`. */
  problems?: {
    resourceArn?: string;
    operation: string;
    reason: string;
    /**
     * The resource type of a record this failure left out altogether (e.g. `aws.s3.account-settings`
     * when the account's Block Public Access could not be read): that type is then not marked complete
     * for the scope, so its stored record is not taken for deleted.
     */
    leftOut?: string;
    /** The resource's config fields this failure left unknown (`$unknown` in its config; see inventory/unknown-fields.ts). */
    fields?: readonly string[];
  }[];
}
