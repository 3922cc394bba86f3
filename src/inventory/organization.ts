/**
 * One account of the organisation, as AWS Organizations describes it (plus Vigil's owner mapping).
 *
 * @example
 * const prod: Account = { id: '123456789012', name: 'payments-prod', ou: 'root/prod', owner: 'payments' };
 */
export interface Account {
  id: string;
  name: string;
  /** Organizational unit path, e.g. `root/prod`; used for per-OU parameter overrides. */
  ou?: string;
  email?: string;
  /** Team reminded when a resource has no owner tag. */
  owner?: string;
  environment?: string;
}

/**
 * The organisation a scan judges: its accounts (owners, OUs). Providers report it; policies read it
 * (per-OU parameters, filters that look at account facts); owners are resolved from it.
 *
 * @example
 * const org: Organization = { id: 'o-abc123', accounts: [prod] };
 */
export interface Organization {
  id?: string;
  accounts: Account[];
}
