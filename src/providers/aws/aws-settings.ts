import { UsageError } from '../../common/vigil-error.js';

/**
 * What `vigil scan --source aws` reads, as the `aws:` section of `vigil.config.yaml` (or the
 * matching flags) sets it.
 *
 * @example
 * // vigil.config.yaml
 * // aws: { accounts: all, ous: [root/prod], regions: [eu-west-1, eu-central-1], roleName: VigilReadOnly, externalId: vigil-7f3a }
 */
export interface AwsSettings {
  /** `current` (the credentials' own account), `all` (every active account AWS Organizations lists), or account ids. */
  accounts: 'current' | 'all' | readonly string[];
  /** Only accounts in these organisational units (paths like `root/prod`, sub-OUs included). */
  ous: readonly string[];
  /** `all` (each account's enabled regions) or region names. */
  regions: 'all' | readonly string[];
  /** The read-only role assumed in every account other than the credentials' own. */
  roleName: string;
  /** The `sts:ExternalId` the role's trust policy requires, if any. */
  externalId?: string;
  /** Where the account-wide APIs are called: STS, Organizations, IAM, S3's bucket listing. */
  homeRegion: string;
  /** Account × region × service listings in flight at once, across the whole scan. */
  concurrency: number;
  /** Calls in flight per service, account and region (AWS throttles per account, region and API). */
  serviceConcurrency: number;
  /** Attempts per call under the SDK's adaptive retry (throttling backs off, then succeeds). */
  maxAttempts: number;
  /** `s3://bucket/prefix` where Bottlerocket nodes publish their CIS reports; absent, no report is read. */
  bottlerocketReports?: string;
}

/**
 * The Bottlerocket report location of the settings, as the collector takes it; undefined when not configured.
 *
 * @example
 * bottlerocketReportLocation({ bottlerocketReports: 's3://org-reports/cis/' }); // { bucket: 'org-reports', prefix: 'cis' }
 */
export const bottlerocketReportLocation = (settings: Pick<AwsSettings, 'bottlerocketReports'>): { bucket: string; prefix: string } | undefined => {
  const m = settings.bottlerocketReports ? /^s3:\/\/([^/]+)\/?(.*)$/.exec(settings.bottlerocketReports) : null;
  if (!settings.bottlerocketReports) return undefined;
  if (!m) throw new UsageError(`aws.bottlerocketReports: not an s3://bucket/prefix address: "${settings.bottlerocketReports}"`);
  return { bucket: m[1] as string, prefix: (m[2] as string).replace(/\/+$/, '') };
};


/**
 * A comma-separated flag value as settings: `all`, `current`, or a list.
 * @example listFlag('accounts', '111122223333, 444455556666', ['all', 'current']); // ['111122223333', '444455556666']
 */
export const listFlag = <K extends string>(name: string, value: string, keywords: readonly K[]): K | string[] => {
  const v = value.trim();
  if ((keywords as readonly string[]).includes(v)) return v as K;
  const items = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (!items.length) throw new UsageError(`--${name}: give ${[...keywords, 'a comma-separated list'].join(', ')}`);
  return items;
};

/** The account ids of a settings list, each checked. */
export const checkAccountIds = (ids: readonly string[], where = 'aws.accounts'): void => {
  const bad = ids.filter((id) => !/^\d{12}$/.test(id));
  if (bad.length) throw new UsageError(`${where}: not a 12-digit AWS account id: ${bad.join(', ')}`);
};

/** The partition a region belongs to (ARNs and the IAM policy differ per partition). */
export const partitionOf = (region: string): 'aws' | 'aws-cn' | 'aws-us-gov' =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
