import type { Account } from '../../../../inventory/organization.js';
import type { DemoContext } from '../../demo-generator.js';
import { hashIndex, hashString, hex8 } from '../../rng.js';
import { TEAMS } from '../data/data-demo-vocabulary.js';
import { rdsDbInstanceDemoGenerator } from '../data/rds-db-instance-demo-generator.js';

/**
 * The names every backup-area generator agrees on, so plans, selections, vaults, recovery points and
 * restore jobs of one account and Region refer to each other without sharing state: a table's name
 * depends on its index only, plan ids are hashes of (account, Region, index), and the first vaults and
 * plans of each Region are the organisation's standard ones.
 *
 * @example
 * demoTableArn('123456789012', 'eu-west-1', 0); // 'arn:aws:dynamodb:eu-west-1:123456789012:table/payments-ledger-0'
 */
export const DEMO_TABLE_WEIGHT = 2;
export const DEMO_TABLE_MIN = 2;
/** Recovery points per protected table: newest daily, an older daily, an air-gapped copy. */
export const RECOVERY_POINTS_PER_RESOURCE = 3;
/** The data area's RDS generator weight: recovery points also protect its instances. */
export const DEMO_RDS_WEIGHT = rdsDbInstanceDemoGenerator.weight;
export const DEMO_RDS_MIN = rdsDbInstanceDemoGenerator.min ?? 1;
export const DEMO_RECOVERY_POINT_WEIGHT = (DEMO_TABLE_WEIGHT + DEMO_RDS_WEIGHT) * RECOVERY_POINTS_PER_RESOURCE;

/** Standard vaults of every account and Region, in index order; `airgapped` is a logically air-gapped vault. */
export const STANDARD_VAULTS = ['daily', 'monthly', 'yearly', 'airgapped'] as const;
export const AIR_GAPPED_VAULT = 'airgapped';
/** The shared backup account's vault that receives cross-account copies. */
export const CENTRAL_VAULT = 'central';

/** Tag-driven backup policies (seed 000): plan i implements policy i and selects `backup=<policy>`. */
export const BACKUP_POLICIES = ['db_30_365_2555', 'db_30_365_3652', 'daily_35'] as const;

const FNV_OFFSET = hashString('');

const PURPOSES = ['ledger', 'sessions', 'orders', 'events', 'profiles', 'limits', 'audit', 'catalog'] as const;

export const demoTableName = (index: number): string =>
  `${TEAMS[index % TEAMS.length] as string}-${PURPOSES[Math.floor(index / TEAMS.length) % PURPOSES.length] as string}-${index}`;

export const demoTableArn = (accountId: string, region: string, index: number): string =>
  `arn:aws:dynamodb:${region}:${accountId}:table/${demoTableName(index)}`;

/** A UUID-shaped id that is the same for (salt, account, Region, index) in every generator. */
export const demoUuid = (salt: string, accountId: string, region: string, index: number): string => {
  // The hashes of `${salt}/${accountId}/${region}/${index}` and `${index}/${region}/${accountId}/${salt}`,
  // taken piece by piece: recovery points make three of these each, so no key strings are built.
  const a = hex8(hashIndex(hashString('/', hashString(region, hashString('/', hashString(accountId, hashString('/', hashString(salt)))))), index));
  const b = hex8(hashString(salt, hashString('/', hashString(accountId, hashString('/', hashString(region, hashString('/', hashIndex(FNV_OFFSET, index))))))));
  return `${a}-${b.slice(0, 4)}-4${b.slice(4, 7)}-8${a.slice(1, 4)}-${b}${a.slice(4, 8)}`;
};

export const demoPlanId = (accountId: string, region: string, index: number): string => demoUuid('plan', accountId, region, index);

/** The account that holds the organisation's central backup vault (seed 000: a dedicated account). */
export const sharedBackupAccount = (accounts: readonly Account[]): Account | undefined =>
  accounts.find((a) => a.environment === 'shared') ?? accounts[accounts.length - 1];

/** Another demo Region than `region` (for cross-Region copies). */
export const otherRegion = (ctx: Pick<DemoContext, 'region' | 'regions'>): string =>
  ctx.regions.find((r) => r !== ctx.region) ?? ctx.region;

/**
 * How many of a generator's resources this account and Region has, from this generator's own count:
 * the demo provider gives every generator a count proportional to its weight, so the ratio of the
 * weights recovers it (within rounding; a recovery point past the end simply protects nothing).
 */
export const estimatedCount = (ctx: Pick<DemoContext, 'count'>, ownWeight: number, otherWeight: number, otherMin: number): number =>
  Math.max(otherMin, Math.round((ctx.count * otherWeight) / ownWeight));

export const DEMO_BACKUP_ROLE = (accountId: string): string => `arn:aws:iam::${accountId}:role/service-role/AWSBackupDefaultServiceRole`;
