import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { BackupClient } from '@aws-sdk/client-backup';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { RDSClient } from '@aws-sdk/client-rds';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { VigilError } from '../common/vigil-error.js';

/**
 * The services actions talk to, by IAM prefix (the prefix of the permission an operation needs:
 * `elasticloadbalancing:ModifyListener`, `access-analyzer:CreateAnalyzer`). S3 Control's operations
 * need `s3:` permissions: the meta-test maps them.
 */
export const AWS_SERVICES = {
  s3: S3Client,
  s3control: S3ControlClient,
  iam: IAMClient,
  ec2: EC2Client,
  kms: KMSClient,
  logs: CloudWatchLogsClient,
  cloudtrail: CloudTrailClient,
  rds: RDSClient,
  backup: BackupClient,
  tag: ResourceGroupsTaggingAPIClient,
  'access-analyzer': AccessAnalyzerClient,
  autoscaling: AutoScalingClient,
  config: ConfigServiceClient,
  dynamodb: DynamoDBClient,
  ecs: ECSClient,
  eks: EKSClient,
  elasticloadbalancing: ElasticLoadBalancingV2Client,
} as const;
export type AwsService = keyof typeof AWS_SERVICES;

/** What a command looks like to us: an SDK v3 command object (class name `<Operation>Command`). */
interface AnyCommand {
  readonly input: unknown;
}
interface Sender {
  send(command: any): Promise<any>;
}

/**
 * How clients for an account and region are made. The default uses the SDK's credential chain; a
 * deployment that reaches many accounts gives one that assumes a role per account; tests point it
 * at moto or a local wire endpoint.
 *
 * @example
 * const clients = awsClientFactory({ endpoint: 'http://127.0.0.1:5000', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 */
export type AwsClientFactory = (service: AwsService, region: string, accountId: string) => Sender;

export interface AwsClientSettings {
  /** One endpoint for every service (moto, a local test endpoint). */
  readonly endpoint?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** SDK retries per call; the worker retries whole messages on top (default 2). */
  readonly maxAttempts?: number;
}

/** Clients cached per service, region and account for the factory's lifetime. */
export const awsClientFactory = (settings: AwsClientSettings = {}): AwsClientFactory => {
  const cache = new Map<string, Sender>();
  return (service, region, accountId) => {
    const key = `${service}\u0000${region}\u0000${accountId}`;
    let client = cache.get(key);
    if (!client) {
      const Ctor = AWS_SERVICES[service] as unknown as new (cfg: Record<string, unknown>) => Sender;
      client = new Ctor({
        // IAM is global; its signing region is us-east-1 whatever region the resource record says.
        region: service === 'iam' ? 'us-east-1' : region,
        maxAttempts: settings.maxAttempts ?? 2,
        ...(settings.endpoint ? { endpoint: service === 's3control' ? prefixable(settings.endpoint) : settings.endpoint } : {}),
        ...(settings.endpoint && service === 's3' ? { forcePathStyle: true } : {}),
        ...(settings.credentials ? { credentials: settings.credentials } : {}),
      });
      if (settings.endpoint && service === 's3control') onHost(client, new URL(settings.endpoint).hostname);
      cache.set(key, client);
    }
    return client;
  };
};

/**
 * S3 Control puts the account id in front of the endpoint's host (`<account>.s3-control…`), which a
 * local endpoint (moto, a test stub) does not answer: requests go to the endpoint's own host.
 */
const prefixable = (endpoint: string): string => {
  const url = new URL(endpoint);
  // `<account>.127.0.0.1` is not a URL; `<account>.localhost` is, and onHost sends it to the real host.
  if (/^[\d.]+$/.test(url.hostname)) url.hostname = 'localhost';
  return url.toString().replace(/\/$/, '');
};
const onHost = (client: Sender, host: string): void => {
  (client as unknown as { middlewareStack: { add(mw: unknown, o: unknown): void } }).middlewareStack.add(
    (next: (a: { request: { hostname?: string; headers?: Record<string, string> } }) => unknown) => (args: { request: { hostname?: string; headers?: Record<string, string> } }) => {
      args.request.hostname = host;
      if (args.request.headers?.['host']) args.request.headers['host'] = args.request.headers['host'].replace(/^[^:]+/, host);
      return next(args);
    },
    { step: 'finalizeRequest', name: 'vigilLocalEndpointHost', priority: 'low' },
  );
};

/** `<service>:<Operation>` of a command object. */
export const commandName = (service: AwsService, command: AnyCommand): string => `${service}:${command.constructor.name.replace(/Command$/, '')}`;

/**
 * The SDK as one action sees it: a client per service for the message's account and region that
 * sends only the commands the action declared, and remembers what it sent (tests compare that with
 * the declaration; the iam-policy generator trusts the declaration).
 *
 * @example
 * await ctx.aws.s3().send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration }));
 */
export class AwsApi {
  readonly sent: string[] = [];
  readonly #allowed: ReadonlySet<string>;

  constructor(
    private readonly factory: AwsClientFactory,
    private readonly where: { region: string; accountId: string },
    allowed: readonly string[],
    private readonly actionName: string,
  ) {
    this.#allowed = new Set(allowed);
  }

  #client(service: AwsService): Sender {
    const client = this.factory(service, this.where.region, this.where.accountId);
    return {
      send: (command: AnyCommand) => {
        const name = commandName(service, command);
        if (!this.#allowed.has(name)) {
          throw new VigilError('enforcement.undeclared-command', `action ${this.actionName} sent ${name}, which it does not declare in its commands`, { status: 500 });
        }
        this.sent.push(name);
        return client.send(command);
      },
    };
  }

  s3 = () => this.#client('s3');
  iam = () => this.#client('iam');
  ec2 = () => this.#client('ec2');
  kms = () => this.#client('kms');
  logs = () => this.#client('logs');
  cloudtrail = () => this.#client('cloudtrail');
  rds = () => this.#client('rds');
  backup = () => this.#client('backup');
  tag = () => this.#client('tag');
  s3control = () => this.#client('s3control');
  accessAnalyzer = () => this.#client('access-analyzer');
  autoscaling = () => this.#client('autoscaling');
  config = () => this.#client('config');
  dynamodb = () => this.#client('dynamodb');
  ecs = () => this.#client('ecs');
  eks = () => this.#client('eks');
  elbv2 = () => this.#client('elasticloadbalancing');
}
