import type { Account } from '../../../../inventory/organization.js';
import type { DemoContext } from '../../demo-generator.js';
import { hashString, hex8 } from '../../rng.js';

export { isoDaysAgo } from '../demo-time.js';

/** Teams that own data stores in the demo organisation (the `owner` tag). */
export const TEAMS = ['payments', 'platform', 'data', 'identity', 'checkout', 'risk', 'mobile', 'search'] as const;

/** Seed 002's classes; `confidential` stores must not be shared outside the organisation. */
export const CLASSIFICATIONS = ['public', 'private', 'private', 'private', 'confidential', 'confidential'] as const;

/** A partner outside the organisation that some `private` buckets share with (allow-listable). */
export const PARTNER_ACCOUNT = '444455556666';
/** An account nobody allow-listed: sharing confidential data with it is the seed-002 failure. */
export const UNKNOWN_ACCOUNT = '999988887777';

/** Whether the account runs production workloads (its data stores then carry a `backup` tag). */
export const isProd = (account: Account): boolean => (account.environment ?? account.name).includes('prod');

/** A stable UUID-shaped KMS key id for the k-th demo key of an account and Region, shared by every generator. */
export const demoKeyId = (accountId: string, region: string, k: number): string => {
  // One short hash and integer mixing: buckets and volumes call this for every resource.
  const h = hashString(region, hashString(accountId));
  const a = hex8((h ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0);
  const b = hex8(Math.imul(h ^ (k + 0x5bd1e995), 0x85ebca6b) >>> 0);
  return `${a}-${b.slice(0, 4)}-4${b.slice(4, 7)}-8${a.slice(0, 3)}-${b}${a.slice(4, 8)}`;
};

export const demoKeyArn = (accountId: string, region: string, k: number): string => `arn:aws:kms:${region}:${accountId}:key/${demoKeyId(accountId, region, k)}`;

/** The S3 canonical user id of an account (64 hex characters), stable per account. */
export const canonicalUserId = (accountId: string): string => {
  // Called for every bucket: one hash, padded with the account's own digits, is unique enough and cheap.
  const h = hex8(hashString('/canonical', hashString(accountId)));
  return `${h}${accountId}${h}${h}${accountId}${h}${h}`.slice(0, 64);
};

/**
 * True for exactly one resource of the estate per `salt`: resource `at` (default the first) of one
 * account (and one Region), so even a two-account demo shows every control failing somewhere. Cheap:
 * it only looks at the account list for that one index. `anyRegion` for types made in one Region only.
 */
export const forcedExample = (ctx: DemoContext, salt: number, at = 0, anyRegion = false): boolean => {
  if (ctx.index !== at || ctx.fixed) return false;
  const n = ctx.accounts.length;
  if (n === 0) return false;
  const target = ctx.accounts[salt % n];
  if (!target || target.id !== ctx.account.id) return false;
  return anyRegion || ctx.region === 'global' || ctx.regions.length === 0 || ctx.region === ctx.regions[salt % ctx.regions.length];
};

/** The data-store tags every area relies on: owner, classification, and in prod the backup policy tag. */
export interface DataStoreTags {
  owner?: string;
  classification?: string;
  backup?: string;
}

/** `[{Key, Value}]` and the plain map for a data store, built in one pass. */
export const dataStoreTags = (t: DataStoreTags, env: string): { list: { Key: string; Value: string }[]; map: Record<string, string> } => {
  // Written out rather than looped: this runs for every bucket and database of the estate.
  const list: { Key: string; Value: string }[] = [];
  const map: Record<string, string> = {};
  if (t.owner !== undefined) {
    list.push({ Key: 'owner', Value: t.owner });
    map.owner = t.owner;
  }
  if (t.classification !== undefined) {
    list.push({ Key: 'data-classification', Value: t.classification });
    map['data-classification'] = t.classification;
  }
  list.push({ Key: 'env', Value: env });
  map.env = env;
  if (t.backup !== undefined) {
    list.push({ Key: 'backup', Value: t.backup });
    map.backup = t.backup;
  }
  return { list, map };
};
