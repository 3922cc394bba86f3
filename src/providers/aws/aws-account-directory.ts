import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeOrganizationalUnitCommand, ListAccountsCommand, ListParentsCommand, OrganizationsClient, type Account as OrgAccount } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { UsageError, VigilError } from '../../common/vigil-error.js';
import type { Account } from '../../inventory/organization.js';
import { Limiter } from './bounded-pool.js';
import { codeOf } from './collection-failure.js';
import type { AwsSettings } from './aws-settings.js';
import { partitionOf } from './aws-settings.js';
import type { CollectContext } from './service-collector.js';

/** Client settings shared by every SDK client of a scan (connection pool, retry, error capture). */
export type BaseClientConfig = Omit<CollectContext['clientConfig'], 'region' | 'credentials'>;

/** Assumed-role sessions last an hour; they are renewed 5 minutes before that. */
const SESSION_SECONDS = 3_600;
const RENEW_BEFORE_MS = 5 * 60_000;

export interface Caller {
  accountId: string;
  partition: 'aws' | 'aws-cn' | 'aws-us-gov';
}

/**
 * Who the scan reads as and where: the caller's account, the organisation's accounts (with their OU
 * path, so per-OU overrides apply), credentials for each account (the named role, assumed once and
 * renewed before it expires) and each account's enabled regions.
 *
 * @example
 * const dir = new AwsAccountDirectory(settings, base, 'vigil-20261203T101500Z');
 * for (const a of await dir.accounts()) await dir.regionsOf(a.id); // ['eu-west-1', …]
 */
export class AwsAccountDirectory {
  #caller: Promise<Caller> | undefined;
  #accounts: Promise<Account[]> | undefined;
  readonly #credentials = new Map<string, Promise<AwsCredentialIdentityProvider | undefined>>();
  readonly #ouPaths = new Map<string, Promise<string>>();
  readonly #orgLimit: Limiter;

  constructor(
    private readonly settings: AwsSettings,
    private readonly base: BaseClientConfig & { credentials?: AwsCredentialIdentityProvider },
    private readonly sessionName: string,
    /** Told when the organisation cannot be read and the scan goes on with bare account ids. */
    private readonly warn: (message: string, error: unknown) => void = () => undefined,
  ) {
    this.#orgLimit = new Limiter(settings.serviceConcurrency);
  }

  #config(region = this.settings.homeRegion, credentials = this.base.credentials) {
    return { ...this.base, region, ...(credentials ? { credentials } : {}) };
  }

  caller(): Promise<Caller> {
    return (this.#caller ??= (async () => {
      const me = await new STSClient(this.#config())
        .send(new GetCallerIdentityCommand({}))
        .catch((e: unknown) => {
          throw new VigilError('aws.credentials', `cannot tell who the AWS credentials belong to (sts:GetCallerIdentity: ${codeOf(e)}: ${(e as Error)?.message}); set AWS_PROFILE, AWS_ACCESS_KEY_ID… or run with an instance/container role`, { cause: e, status: 400 });
        });
      const partition = (me.Arn?.split(':')[1] ?? partitionOf(this.settings.homeRegion)) as Caller['partition'];
      return { accountId: me.Account as string, partition };
    })());
  }

  /** The accounts the settings select, in the organisation's order. */
  accounts(): Promise<Account[]> {
    return (this.#accounts ??= this.#discover());
  }

  async #discover(): Promise<Account[]> {
    const { accounts, ous } = this.settings;
    if (accounts === 'current' && !ous.length) {
      const { accountId } = await this.caller();
      return [{ id: accountId, name: accountId }];
    }
    let listed: OrgAccount[];
    try {
      listed = await this.#listOrganization();
    } catch (e) {
      // A list of ids still works without Organizations (a member account, no permission); an OU
      // filter or `all` does not, and saying so beats scanning the wrong accounts.
      if (Array.isArray(accounts) && !ous.length) {
        this.warn('cannot read AWS Organizations; scanning the listed accounts without names or OU paths', e);
        return accounts.map((id) => ({ id, name: id }));
      }
      throw new VigilError(
        'aws.organization',
        `cannot list the organisation's accounts (${codeOf(e)} on organizations:ListAccounts: ${(e as Error)?.message}); run from the management account or a delegated administrator, or name the accounts with --accounts`,
        { cause: e, status: 400 },
      );
    }
    const byId = new Map(listed.map((a) => [a.Id as string, a]));
    // An OU filter alone means "the organisation's accounts in that OU".
    const ids = accounts === 'all' || accounts === 'current' ? listed.filter(isActive).map((a) => a.Id as string) : [...accounts];
    const out = await Promise.all(
      ids.map(async (id): Promise<Account> => {
        const a = byId.get(id);
        if (!a) return { id, name: id };
        return { id, name: a.Name ?? id, ...(a.Email ? { email: a.Email } : {}), ou: await this.#ouPathOf(id) };
      }),
    );
    if (!ous.length) return out;
    const wanted = ous.map((o) => o.replace(/\/+$/, '').toLowerCase());
    const inOu = (path = '') => wanted.some((w) => path.toLowerCase() === w || path.toLowerCase().startsWith(`${w}/`));
    const selected = out.filter((a) => inOu(a.ou));
    if (!selected.length) throw new UsageError(`aws.ous: no active account is in ${ous.join(', ')} (OU paths look like root/prod)`);
    return selected;
  }

  async #listOrganization(): Promise<OrgAccount[]> {
    const org = new OrganizationsClient(this.#config());
    const all: OrgAccount[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.#orgLimit.run(() => org.send(new ListAccountsCommand({ NextToken })));
      all.push(...(page.Accounts ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return all;
  }

  /** `root/prod/payments`: the names of the OUs above an account (each OU looked up once). */
  #ouPathOf(childId: string): Promise<string> {
    let path = this.#ouPaths.get(childId);
    if (!path) {
      path = (async () => {
        const org = new OrganizationsClient(this.#config());
        const parents = await this.#orgLimit.run(() => org.send(new ListParentsCommand({ ChildId: childId })));
        const parent = parents.Parents?.[0];
        if (!parent?.Id || parent.Type === 'ROOT') return 'root';
        const [above, ou] = await Promise.all([
          this.#ouPathOf(parent.Id),
          this.#orgLimit.run(() => org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: parent.Id }))),
        ]);
        return `${above}/${ou.OrganizationalUnit?.Name ?? parent.Id}`;
      })();
      this.#ouPaths.set(childId, path);
    }
    return path;
  }

  /**
   * Credentials for an account: the caller's own for the caller's account, the named role's
   * elsewhere. Throws (AccessDenied on sts:AssumeRole…) when the role cannot be assumed.
   */
  credentialsFor(accountId: string): Promise<AwsCredentialIdentityProvider | undefined> {
    // Passes of one scan run side by side: they share one session per account (and one failure).
    let c = this.#credentials.get(accountId);
    if (!c) this.#credentials.set(accountId, (c = this.#session(accountId)));
    return c;
  }

  async #session(accountId: string): Promise<AwsCredentialIdentityProvider | undefined> {
    const caller = await this.caller();
    if (accountId === caller.accountId) return this.base.credentials;
    const sts = new STSClient(this.#config());
    const RoleArn = `arn:${caller.partition}:iam::${accountId}:role/${this.settings.roleName}`;
    const assume = async (): Promise<AwsCredentialIdentity> => {
      const out = await sts.send(
        new AssumeRoleCommand({ RoleArn, RoleSessionName: this.sessionName, DurationSeconds: SESSION_SECONDS, ...(this.settings.externalId ? { ExternalId: this.settings.externalId } : {}) }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`sts:AssumeRole on ${RoleArn} returned no credentials`);
      return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}), ...(c.Expiration ? { expiration: c.Expiration } : {}) };
    };
    // Assumed once up front (so a missing role fails the account, not each of its services), then
    // shared by every client of the account and renewed on monotonic time, not the scan's clock.
    let current = await assume();
    let since = performance.now();
    let renewing: Promise<AwsCredentialIdentity> | undefined;
    const provider: AwsCredentialIdentityProvider = async () => {
      if (performance.now() - since < SESSION_SECONDS * 1000 - RENEW_BEFORE_MS) return current;
      renewing ??= assume().then((c) => {
        current = c;
        since = performance.now();
        return c;
      }).finally(() => (renewing = undefined));
      return renewing;
    };
    return provider;
  }

  /** The regions to read in an account: the configured list, or the account's enabled regions. */
  async regionsOf(accountId: string): Promise<string[]> {
    if (this.settings.regions !== 'all') return [...this.settings.regions];
    const ec2 = new EC2Client(this.#config(this.settings.homeRegion, await this.credentialsFor(accountId)));
    const out = await ec2.send(new DescribeRegionsCommand({ AllRegions: false }));
    return (out.Regions ?? []).map((r) => r.RegionName as string).filter(Boolean).sort();
  }
}

const isActive = (a: OrgAccount): boolean => (a.State ?? a.Status) === 'ACTIVE' || (!a.State && !a.Status);
