import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { backupEstateOf, DEFAULT_WIRE_SIZES, kmsKeysOf, organizationTree, type WireAccount, type WireSizes } from './aws-wire-estate.js';
import { backupRoute, serveBackup } from './aws-wire-backup.js';
import { iamEstateOf, queryXml, serveIam } from './aws-wire-iam.js';
import { jsonEstateOf, serveJson, type JsonEstate } from './aws-wire-json.js';
import { rdsEstateOf, serveRds } from './aws-wire-rds.js';
import { bucketsOf, s3Route, serveS3 } from './aws-wire-s3.js';

export type { WireAccount, WireSizes } from './aws-wire-estate.js';

/** The services whose resources the endpoint serves (besides STS, Organizations and EC2 DescribeRegions). */
export const WIRE_SERVICES = ['s3', 'iam', 'kms', 'backup', 'logs', 'dynamodb', 'cloudtrail', 'rds'] as const;

export interface AwsWireEndpointOptions {
  /** The organisation; the first account is the management account the base credentials belong to. */
  accounts: WireAccount[];
  /** Regions enabled in every account (unless the account names its own). */
  regions: string[];
  roleName?: string;
  /** When set, AssumeRole without this external id is denied. */
  externalId?: string;
  /** Delay before every answer (ms): a real round trip. */
  latencyMs?: number;
  /** Most items per page of every listing (smaller than AWS's, so paging is exercised). */
  pageSize?: number;
  sizes?: Partial<WireSizes & { logGroups: number; tables: number; iamUsers: number; buckets: number }>;
  /** The first `times` calls of `operation` (e.g. `kms:ListKeys`) per account/region answer ThrottlingException. */
  throttle?: { operation: string; times: number };
  /** These calls answer AccessDenied (optionally only in one account/region, or for one S3 bucket). */
  deny?: { operation: string; accountId?: string; region?: string; bucket?: string }[];
  /**
   * ListBuckets without each bucket's `BucketRegion`, as S3 answered before 2024 and as some
   * S3-compatible endpoints still do: the collector then asks GetBucketLocation.
   */
  listBucketsWithoutRegion?: boolean;
}

/** What the endpoint knows about one request, from its signature and body. */
export interface WireRequest {
  accountId: string;
  region: string;
  /** The signing name: `kms`, `backup`, `sts`, `organizations`, `ec2`. */
  service: string;
  /** The IAM action, e.g. `kms:ListKeys`. */
  operation: string;
  params: Record<string, unknown>;
  path: string;
  query: URLSearchParams;
}

export class WireError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
  }
}

const json10 = 'application/x-amz-json-1.0';
const json11 = 'application/x-amz-json-1.1';
const TARGETS: Record<string, string> = { TrentService: 'kms', AWSOrganizationsV20161128: 'organizations', DynamoDB_20120810: 'dynamodb', Logs_20140328: 'logs', CloudTrail_20131101: 'cloudtrail' };
const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A small local HTTP server that answers AWS SDK v3 clients in each service's own wire format —
 * query/XML for STS, EC2, IAM and RDS, REST-XML for S3, JSON 1.1 for KMS and Organizations, REST-JSON for AWS Backup — for what
 * moto cannot do (plus IAM over query/XML and CloudWatch Logs, DynamoDB and CloudTrail over JSON): an organisation of accounts reached through AssumeRole (the account of a request is
 * read from its access key), throttling, AccessDenied on one service, paged listings, latency, and the
 * Backup APIs moto lacks. Point clients at it with `endpoint` or `AWS_ENDPOINT_URL`.
 *
 * @example
 * const aws = new AwsWireEndpoint({ accounts: [{ id: '111111111111', name: 'mgmt', ou: 'root' }], regions: ['eu-west-1'] });
 * const url = await aws.start();
 * new KMSClient({ endpoint: url, region: 'eu-west-1', credentials: aws.baseCredentials });
 * await aws.stop();
 */
export class AwsWireEndpoint {
  readonly baseCredentials: { accessKeyId: string; secretAccessKey: string };
  /** Requests answered (errors included), in total and per IAM action. */
  calls = 0;
  /** `http://127.0.0.1:<port>` once started. */
  url = '';
  readonly callsByOperation = new Map<string, number>();
  readonly sizes: WireSizes & { logGroups: number; tables: number; iamUsers: number; buckets: number };
  #server: Server | undefined;
  readonly #throttled = new Map<string, number>();
  readonly #tree: ReturnType<typeof organizationTree>;
  #sessions = 0;
  /** Generated estates per account/region, kept once made (the bench reads each hundreds of times). */
  readonly #estates = new Map<string, { kms: ReturnType<typeof kmsKeysOf>; backup: ReturnType<typeof backupEstateOf>; json: JsonEstate; iam: ReturnType<typeof iamEstateOf>; rds: ReturnType<typeof rdsEstateOf> }>();

  constructor(readonly options: AwsWireEndpointOptions) {
    const management = options.accounts[0];
    if (!management) throw new Error('AwsWireEndpoint: give at least one account');
    this.baseCredentials = { accessKeyId: `AKIA${management.id}ABCD`, secretAccessKey: 'wire-secret' };
    this.sizes = { ...DEFAULT_WIRE_SIZES, logGroups: 4, tables: 2, iamUsers: 3, buckets: 3, ...options.sizes };
    this.#tree = organizationTree(options.accounts);
  }

  async start(): Promise<string> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.keepAliveTimeout = 5_000;
    await new Promise<void>((r) => this.#server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const s = this.#server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }

  get pageSize(): number {
    return this.options.pageSize ?? 50;
  }

  /** One page of `items` from a `NextToken`-style token, and the token of the next page. */
  page<T>(items: readonly T[], token: unknown, max?: unknown): { items: T[]; next?: string } {
    const start = typeof token === 'string' && token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
    const size = Math.min(this.pageSize, Number(max) > 0 ? Number(max) : Infinity);
    const end = start + size;
    return { items: items.slice(start, end), ...(end < items.length ? { next: Buffer.from(String(end)).toString('base64url') } : {}) };
  }

  /** The estate of one account/region (made on first use; change `sizes` only before a scan reads it, or call `forget()`). */
  estate(accountId: string, region: string) {
    const key = `${accountId}/${region}`;
    let e = this.#estates.get(key);
    if (!e) this.#estates.set(key, (e = { kms: kmsKeysOf(accountId, region, this.sizes), backup: backupEstateOf(accountId, region, this.sizes), json: jsonEstateOf(accountId, region, this.sizes), iam: iamEstateOf(accountId, this.sizes.iamUsers), rds: rdsEstateOf(accountId, region) }));
    return e;
  }

  /** Drops the generated estates, so changed `sizes` take effect. */
  forget(): void {
    this.#estates.clear();
  }

  regionsOf(accountId: string): string[] {
    return this.options.accounts.find((a) => a.id === accountId)?.regions ?? this.options.regions;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const scope = /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\//.exec(String(req.headers.authorization ?? ''));
    const target = String(req.headers['x-amz-target'] ?? '');
    let protocol: 'query' | 'ec2' | 'json' | 'rest-json' | 'rest-xml' = 'rest-json';
    let s3: ReturnType<typeof s3Route>;
    try {
      if (!scope) throw new WireError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
      const [, accessKeyId, region, service] = scope as unknown as [string, string, string, string];
      const accountId = accessKeyId.slice(4, 16);
      if (!this.options.accounts.some((a) => a.id === accountId)) throw new WireError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
      let operation: string;
      let params: Record<string, unknown> = {};
      if (target) {
        protocol = 'json';
        // `TrentService.ListKeys`, or `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails`.
        const dot = target.lastIndexOf('.');
        const prefix = target.slice(0, dot).split('.').pop() as string;
        const action = target.slice(dot + 1);
        operation = `${TARGETS[prefix] ?? service}:${action}`;
        params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } else if (req.method === 'POST' && String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
        protocol = service === 'ec2' ? 'ec2' : 'query';
        params = Object.fromEntries(new URLSearchParams(body));
        operation = `${service}:${String(params.Action)}`;
      } else if (service === 's3') {
        protocol = 'rest-xml';
        s3 = s3Route(req.method ?? 'GET', url.pathname, url.searchParams);
        operation = `s3:${s3?.action ?? `${req.method} ${url.pathname}`}`;
      } else {
        operation = `${service}:${backupRoute(req.method ?? 'GET', url.pathname) ?? `${req.method} ${url.pathname}`}`;
      }
      this.calls++;
      this.callsByOperation.set(operation, (this.callsByOperation.get(operation) ?? 0) + 1);
      if (this.options.latencyMs) await new Promise((r) => setTimeout(r, this.options.latencyMs));
      const denied = (d: NonNullable<AwsWireEndpointOptions['deny']>[number]) =>
        d.operation === operation && (!d.accountId || d.accountId === accountId) && (!d.region || d.region === region) && (!d.bucket || d.bucket === s3?.bucket);
      if (this.options.deny?.some(denied)) {
        throw new WireError(protocol === 'query' || protocol === 'rest-xml' ? 'AccessDenied' : protocol === 'ec2' ? 'UnauthorizedOperation' : 'AccessDeniedException', `User: arn:aws:sts::${accountId}:assumed-role/${this.options.roleName ?? 'VigilReadOnly'}/vigil is not authorized to perform: ${operation}`, 403);
      }
      const th = this.options.throttle;
      if (th && th.operation === operation) {
        const key = `${accountId}/${region}`;
        const n = this.#throttled.get(key) ?? 0;
        if (n < th.times) {
          this.#throttled.set(key, n + 1);
          throw new WireError(protocol === 'query' ? 'Throttling' : 'ThrottlingException', 'Rate exceeded', 400);
        }
      }
      const request: WireRequest = { accountId, region, service, operation, params, path: url.pathname, query: url.searchParams };
      if (protocol === 'json') return this.#send(res, 200, target.startsWith('DynamoDB') ? json10 : json11, JSON.stringify(this.#json(request)));
      if (protocol === 'query' || protocol === 'ec2') return this.#send(res, 200, 'text/xml', this.#query(request));
      if (protocol === 'rest-xml') {
        if (!s3) throw new WireError('NotImplemented', `the wire endpoint does not serve ${operation}`, 501);
        const buckets = bucketsOf(accountId, this.regionsOf(accountId), this.sizes.buckets);
        const out = serveS3(accountId, s3, buckets, (token, max) => this.page(buckets, token, max), url.searchParams, !this.options.listBucketsWithoutRegion);
        return this.#send(res, 200, out.type, out.body);
      }
      if (service !== 'backup') throw new WireError('UnknownOperationException', `the wire endpoint does not serve ${operation}`, 404);
      return this.#send(res, 200, 'application/json', JSON.stringify(serveBackup(this, request, this.estate(accountId, region).backup)));
    } catch (e) {
      const err = e instanceof WireError ? e : new WireError('InternalFailure', (e as Error).message, 500);
      const id = `wire-${this.calls}`;
      if (protocol === 'query') {
        return this.#send(res, err.status, 'text/xml', `<ErrorResponse><Error><Type>Sender</Type><Code>${err.code}</Code><Message>${xmlEscape(err.message)}</Message></Error><RequestId>${id}</RequestId></ErrorResponse>`);
      }
      if (protocol === 'rest-xml') {
        return this.#send(res, err.status, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${err.code}</Code><Message>${xmlEscape(err.message)}</Message><RequestId>${id}</RequestId></Error>`);
      }
      if (protocol === 'ec2') {
        return this.#send(res, err.status, 'text/xml', `<Response><Errors><Error><Code>${err.code}</Code><Message>${xmlEscape(err.message)}</Message></Error></Errors><RequestID>${id}</RequestID></Response>`);
      }
      res.setHeader('x-amzn-errortype', err.code);
      return this.#send(res, err.status, protocol === 'json' ? json11 : 'application/json', JSON.stringify({ __type: err.code, message: err.message, Message: err.message }));
    }
  }

  #send(res: ServerResponse, status: number, type: string, body: string): void {
    res.writeHead(status, { 'content-type': type, 'x-amzn-requestid': `wire-${this.calls}`, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  #json({ operation, params, accountId, region }: WireRequest): unknown {
    const [service, action] = operation.split(':') as [string, string];
    if (service === 'organizations') {
      const management = this.options.accounts[0]!.id;
      if (accountId !== management) throw new WireError('AccessDeniedException', 'You don\'t have permissions to access this resource.', 403);
      if (action === 'ListAccounts') {
        const p = this.page(this.options.accounts, params.NextToken, params.MaxResults);
        return {
          Accounts: p.items.map((a) => ({ Id: a.id, Arn: `arn:aws:organizations::${management}:account/o-w1re/${a.id}`, Email: `${a.name}@example.com`, Name: a.name, Status: 'ACTIVE', State: 'ACTIVE', JoinedMethod: 'CREATED', JoinedTimestamp: 1_700_000_000 })),
          ...(p.next ? { NextToken: p.next } : {}),
        };
      }
      if (action === 'ListParents') {
        const child = String(params.ChildId);
        const parentId = this.#tree.parentOfAccount.get(child) ?? this.#tree.units.get(child)?.parentId;
        if (!parentId) throw new WireError('ChildNotFoundException', `no child ${child}`);
        return { Parents: [{ Id: parentId, Type: parentId === this.#tree.rootId ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] };
      }
      if (action === 'DescribeOrganizationalUnit') {
        const u = this.#tree.units.get(String(params.OrganizationalUnitId));
        if (!u) throw new WireError('OrganizationalUnitNotFoundException', 'no such OU');
        return { OrganizationalUnit: { Id: u.id, Arn: `arn:aws:organizations::${management}:ou/o-w1re/${u.id}`, Name: u.name } };
      }
    }
    if (service === 'kms') {
      const keys = this.estate(accountId, region).kms;
      const key = () => {
        const k = keys.find((x) => x.KeyMetadata.KeyId === params.KeyId || x.KeyMetadata.Arn === params.KeyId);
        if (!k) throw new WireError('NotFoundException', `Key '${String(params.KeyId)}' does not exist`);
        return k;
      };
      if (action === 'ListKeys') {
        const p = this.page(keys, params.Marker, params.Limit);
        return { Keys: p.items.map((k) => ({ KeyId: k.KeyMetadata.KeyId, KeyArn: k.KeyMetadata.Arn })), Truncated: !!p.next, ...(p.next ? { NextMarker: p.next } : {}) };
      }
      if (action === 'DescribeKey') return { KeyMetadata: key().KeyMetadata };
      if (action === 'GetKeyRotationStatus') return { KeyRotationEnabled: key().rotation, KeyId: key().KeyMetadata.KeyId, ...(key().rotation ? { RotationPeriodInDays: 365 } : {}) };
      if (action === 'GetKeyPolicy') return { Policy: key().policy, PolicyName: 'default' };
      if (action === 'ListResourceTags') return { Tags: key().tags, Truncated: false };
      if (action === 'ListAliases') {
        const p = this.page(keys, params.Marker, params.Limit);
        return { Aliases: p.items.map((k) => ({ AliasName: k.alias, AliasArn: `arn:aws:kms:${region}:${accountId}:${k.alias}`, TargetKeyId: k.KeyMetadata.KeyId })), Truncated: !!p.next, ...(p.next ? { NextMarker: p.next } : {}) };
      }
    }
    const other = serveJson(this, { operation, params, accountId, region } as WireRequest, this.estate(accountId, region).json);
    if (other !== undefined) return other;
    throw new WireError('UnknownOperationException', `the wire endpoint does not serve ${operation}`);
  }

  #query({ operation, params, accountId, region }: WireRequest): string {
    // IAM's query requests carry lists as `Filter.member.1=User…`: the collector's filters are not needed here.
    const id = `wire-${this.calls}`;
    if (operation === 'sts:GetCallerIdentity') {
      const arn = `arn:aws:iam::${accountId}:user/vigil`;
      return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AIDAWIRE${accountId}</UserId><Account>${accountId}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
    }
    if (operation === 'sts:AssumeRole') {
      const m = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(String(params.RoleArn));
      const target = m && this.options.accounts.find((a) => a.id === m[1]);
      const denied = `User: arn:aws:iam::${accountId}:user/vigil is not authorized to perform: sts:AssumeRole on resource: ${String(params.RoleArn)}`;
      if (!m || !target || m[2] !== (this.options.roleName ?? 'VigilReadOnly')) throw new WireError('AccessDenied', denied, 403);
      if (this.options.externalId !== undefined && params.ExternalId !== this.options.externalId) throw new WireError('AccessDenied', denied, 403);
      const session = String(params.RoleSessionName);
      const n = String(++this.#sessions).padStart(4, '0');
      const expiration = new Date(Date.now() + Number(params.DurationSeconds ?? 3600) * 1000).toISOString();
      return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIA${target.id}${n}</AccessKeyId><SecretAccessKey>wire-secret-${n}</SecretAccessKey><SessionToken>wire-session-${n}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAWIRE:${xmlEscape(session)}</AssumedRoleId><Arn>arn:aws:sts::${target.id}:assumed-role/${m[2]}/${xmlEscape(session)}</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
    }
    if (operation === 'ec2:DescribeRegions') {
      const items = this.regionsOf(accountId).map((r) => `<item><regionName>${r}</regionName><regionEndpoint>ec2.${r}.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>`).join('');
      return `<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${id}</requestId><regionInfo>${items}</regionInfo></DescribeRegionsResponse>`;
    }
    if (operation.startsWith('iam:')) {
      const action = operation.slice(4);
      const result = serveIam(this, { operation, params, accountId } as WireRequest, this.estate(accountId, 'global').iam);
      return `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/">${queryXml(result, `${action}Result`)}<ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></${action}Response>`;
    }
    if (operation.startsWith('rds:')) return serveRds(this, { operation, params, accountId } as WireRequest, this.estate(accountId, region).rds);
    throw new WireError('InvalidAction', `the wire endpoint does not serve ${operation}`);
  }
}
