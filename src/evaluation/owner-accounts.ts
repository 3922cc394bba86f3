import type { Account } from '../inventory/organization.js';

/**
 * The organisation's accounts with the owner the configuration maps each to (config wins over the
 * source). A configured account the source does not list (a file export, a single-account scan) is
 * added, so `owners.accounts` applies whatever the source knows of the organisation.
 *
 * @example ownerAccounts([], { '111122223333': 'ledger' }); // [{ id: '111122223333', name: '111122223333', owner: 'ledger' }]
 */
export const ownerAccounts = (accounts: readonly Account[], configured: Readonly<Record<string, string>>): Account[] => {
  const known = new Set(accounts.map((a) => a.id));
  return [
    ...accounts.map((a) => {
      const owner = configured[a.id] ?? a.owner;
      return owner ? { ...a, owner } : { ...a };
    }),
    ...Object.entries(configured)
      .filter(([id]) => !known.has(id))
      .map(([id, owner]) => ({ id, name: id, owner })),
  ];
};
