import type { Account } from './organization.js';
import type { Resource } from './resource.js';

export interface OwnerRules {
  /** Tag keys naming the owning team, tried in order (case-sensitive, as AWS tags are). */
  tagKeys: readonly string[];
  /** Who is reminded when neither a tag nor the account names an owner. */
  fallback: string;
}

export const DEFAULT_OWNER_RULES: OwnerRules = { tagKeys: ['owner', 'Owner', 'team', 'Team'], fallback: 'security' };

/**
 * Decides who owns a resource: its owner tag, else its account's owner, else the fallback team.
 *
 * @example
 * const owners = new OwnerResolver(DEFAULT_OWNER_RULES, accounts);
 * owners.ownerOf(bucket); // 'payments'
 */
export class OwnerResolver {
  readonly #accountOwners: Map<string, string>;

  constructor(
    private readonly rules: OwnerRules,
    accounts: readonly Account[] = [],
  ) {
    this.#accountOwners = new Map(accounts.filter((a) => a.owner).map((a) => [a.id, a.owner as string]));
  }

  ownerOf(r: Resource): string {
    for (const k of this.rules.tagKeys) {
      const v = r.tags[k];
      if (v && v.trim() && v !== 'unknown') return v.trim();
    }
    return this.#accountOwners.get(r.accountId) ?? this.rules.fallback;
  }
}
