/**
 * ARN helpers shared by the backup area's resource types, generators and filters. AWS Backup ARNs
 * put the account in the fifth field and the Region in the fourth, which is all the cross-Region /
 * cross-account checks need.
 *
 * @example
 * parseArn('arn:aws:backup:eu-west-1:111122223333:backup-vault:daily'); // { service: 'backup', region: 'eu-west-1', accountId: '111122223333', resource: 'backup-vault:daily' }
 */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

/** Splits an ARN into its fields; undefined for anything that is not an ARN. */
export const parseArn = (arn: unknown): ParsedArn | undefined => {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return undefined;
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return {
    partition: parts[1] ?? '',
    service: parts[2] ?? '',
    region: parts[3] ?? '',
    accountId: parts[4] ?? '',
    resource: parts.slice(5).join(':'),
  };
};

/** `arn:aws:backup:<region>:<account>:backup-vault:<name>` — the form DescribeBackupVault returns. */
export const backupVaultArn = (region: string, accountId: string, name: string): string =>
  `arn:aws:backup:${region}:${accountId}:backup-vault:${name}`;

/** `arn:aws:backup:<region>:<account>:backup-plan:<id>` — the form GetBackupPlan returns. */
export const backupPlanArn = (region: string, accountId: string, planId: string): string =>
  `arn:aws:backup:${region}:${accountId}:backup-plan:${planId}`;

/** The string fields of a config, read without trusting its shape (collected JSON may be partial). */
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** A nested object field, or undefined when the value is not a plain object. */
export const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** An array field, or an empty array when missing or not an array. */
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
