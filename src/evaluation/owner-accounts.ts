import type { Account } from '../inventory/organization.js';

/** The organisation's accounts with the owner the configuration maps each to (config wins over the source). */
export const ownerAccounts = (accounts: readonly Account[], configured: Readonly<Record<string, string>>): Account[] =>
  accounts.map((a) => {
    const owner = configured[a.id] ?? a.owner;
    return owner ? { ...a, owner } : { ...a };
  });
