import type { Account } from './organization.js';
import type { Resource } from './resource.js';

export interface OwnerRules {
  /** Tag keys naming the owning team, tried in order (case-sensitive, as AWS tags are). */
  tagKeys: readonly string[];
  /** Who is reminded when neither a tag, the account nor its OU names an owner. */
  fallback: string;
  /** Account id → team (config `owners.accounts`); wins over the owner the provider gives an account. */
  accounts?: Readonly<Record<string, string>>;
  /** OU path → team (`root/prod` also covers `root/prod/payments`); the longest matching path wins. */
  ous?: Readonly<Record<string, string>>;
}

export const DEFAULT_OWNER_RULES: OwnerRules = { tagKeys: ['owner', 'Owner', 'team', 'Team'], fallback: 'security' };

/** Where an owner came from; `fallback` means nobody could be resolved (reported as unowned). */
export type OwnerSource = 'tag' | 'account' | 'ou' | 'fallback';

export interface ResolvedOwner {
  owner: string;
  source: OwnerSource;
}

/**
 * Decides who owns a resource, in order: its owner tag (configured keys), its account's team, its
 * account's OU's team, else the fallback team — and says which one answered, so resources nobody owns
 * can be listed instead of silently landing on the fallback team.
 *
 * @example
 * const owners = new OwnerResolver({ ...DEFAULT_OWNER_RULES, ous: { 'root/prod': 'platform' } }, accounts);
 * owners.ownerOf(bucket); // 'payments'
 * owners.resolve(untaggedInProd); // { owner: 'platform', source: 'ou' }
 */
export class OwnerResolver {
  readonly #accountOwners: Map<string, string>;
  readonly #accountOus: Map<string, string>;
  readonly #ous: [string, string][];

  constructor(
    private readonly rules: OwnerRules,
    accounts: readonly Account[] = [],
  ) {
    this.#accountOwners = new Map(accounts.filter((a) => a.owner).map((a) => [a.id, a.owner as string]));
    this.#accountOus = new Map(accounts.filter((a) => a.ou).map((a) => [a.id, normaliseOu(a.ou as string)]));
    // Longest path first, so the first prefix that matches is the most specific.
    this.#ous = Object.entries(rules.ous ?? {})
      .map(([ou, team]): [string, string] => [normaliseOu(ou), team])
      .sort((a, b) => b[0].length - a[0].length);
  }

  ownerOf(r: Resource): string {
    return this.resolve(r).owner;
  }

  resolve(r: Resource): ResolvedOwner {
    for (const k of this.rules.tagKeys) {
      const v = r.tags[k];
      if (v && v.trim() && v !== 'unknown') return { owner: v.trim(), source: 'tag' };
    }
    // The configured map applies even to accounts the source does not list (a file export has no organisation).
    const byAccount = this.rules.accounts?.[r.accountId] ?? this.#accountOwners.get(r.accountId);
    if (byAccount) return { owner: byAccount, source: 'account' };
    const ou = this.#accountOus.get(r.accountId);
    if (ou !== undefined) {
      for (const [path, team] of this.#ous) if (ou === path || ou.startsWith(`${path}/`)) return { owner: team, source: 'ou' };
    }
    return { owner: this.rules.fallback, source: 'fallback' };
  }
}

const normaliseOu = (ou: string): string => ou.trim().replace(/^\/+|\/+$/g, '');
