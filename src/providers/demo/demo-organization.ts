import type { Account, Organization } from '../../inventory/organization.js';

/** The regions of the demo estate: an EU organisation under DORA and GDPR. */
export const DEMO_REGIONS = ['eu-west-1', 'eu-central-1'] as const;

const CORE_ACCOUNTS: Account[] = [
  { id: '123456789012', name: 'payments-prod', ou: 'root/prod', environment: 'prod', owner: 'payments', email: 'aws-payments-prod@example.com' },
  { id: '210987654321', name: 'payments-staging', ou: 'root/staging', environment: 'staging', owner: 'payments', email: 'aws-payments-staging@example.com' },
  { id: '345678901234', name: 'security-shared', ou: 'root/security', environment: 'shared', owner: 'security', email: 'aws-security@example.com' },
];

const TEAMS = ['lending', 'cards', 'data', 'platform', 'risk', 'web'] as const;

/**
 * The demo organisation: three core accounts (prod, staging, shared security) and, for large
 * estates, one more workload account per 100,000 resources, so a million resources look like a real
 * organisation rather than three giant accounts.
 *
 * @example
 * demoOrganization(2_000).accounts.length; // 3
 */
export const demoOrganization = (size: number): Organization => {
  const extra = Math.floor(size / 100_000);
  const accounts = [...CORE_ACCOUNTS];
  for (let i = 0; i < extra; i++) {
    const team = TEAMS[i % TEAMS.length] as string;
    const env = i % 3 === 2 ? 'sandbox' : 'prod';
    accounts.push({
      id: String(400_000_000_000 + i * 7919).padStart(12, '0'),
      name: `${team}-${env}-${i}`,
      ou: `root/${env}`,
      environment: env,
      owner: team,
      email: `aws-${team}-${env}-${i}@example.com`,
    });
  }
  return { id: 'o-vigildemo01', accounts };
};
