import type { Framework } from '../framework.js';

// The 11 controls of AWS Backup Audit Manager, with the vendor's parameter names and defaults.
// Checked: the control list and the frequency/retention defaults (1 day, 35 days) against the
// AWS Backup "Choosing your controls" page and the AWS Config rule page. The remaining parameter
// names follow the AWS Backup CreateFramework control documentation; see docs/frameworks.md.

/** AWS Backup Audit Manager's controls, each a requirement with its parameters. */
export const awsBackupAuditManagerFramework: Framework = {
  id: 'aws-backup-audit-manager',
  title: 'AWS Backup Audit Manager controls',
  version: '2024',
  publisher: 'Amazon Web Services',
  url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/controls-and-remediation.html',
  refExample: 'BACKUP_RECOVERY_POINT_ENCRYPTED',
  source: 'AWS Backup developer guide, "Choosing your controls" and "Controls and remediation"; AWS Config rule pages.',
  requirements: [
    {
      ref: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
      title: 'Backup resources are included in at least one backup plan',
      summary: 'Every in-scope resource is selected by at least one backup plan.',
      automatable: true,
      parameters: [],
    },
    {
      ref: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
      title: 'Backup plan has minimum frequency and minimum retention',
      summary: 'Backup plans run at least as often as required and keep recovery points long enough.',
      automatable: true,
      parameters: [
        { name: 'requiredFrequencyUnit', description: 'Unit of the frequency: hours or days.', default: 'days' },
        { name: 'requiredFrequencyValue', description: 'Backups at least every N units (max 24 hours or 31 days).', default: 1 },
        { name: 'requiredRetentionDays', description: 'Minimum retention in days.', default: 35 },
      ],
    },
    {
      ref: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
      title: 'Vaults prevent manual deletion of recovery points',
      summary: 'Vault access policies stop people deleting recovery points by hand, except a few named roles.',
      automatable: true,
      parameters: [{ name: 'principalArnList', description: 'Up to 5 IAM role ARNs still allowed to delete recovery points.', default: [] }],
    },
    {
      ref: 'BACKUP_RECOVERY_POINT_ENCRYPTED',
      title: 'Recovery points are encrypted',
      summary: 'Every recovery point is encrypted.',
      automatable: true,
      parameters: [],
    },
    {
      ref: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
      title: 'Minimum retention established for recovery point',
      summary: 'Each recovery point is kept at least the required number of days.',
      automatable: true,
      parameters: [{ name: 'requiredRetentionDays', description: 'Minimum retention in days.', default: 35 }],
    },
    {
      ref: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
      title: 'Cross-Region backup copy is scheduled',
      summary: 'Backups are copied to another Region (optionally one of a list).',
      automatable: true,
      parameters: [{ name: 'crossRegionList', description: 'Up to 3 destination Regions that count.', default: null }],
    },
    {
      ref: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT',
      title: 'Cross-account backup copy is scheduled',
      summary: 'Backups are copied to another account (optionally one of a list).',
      automatable: true,
      parameters: [{ name: 'crossAccountList', description: 'Up to 5 destination account ids that count.', default: null }],
    },
    {
      ref: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
      title: 'Backups are protected by AWS Backup Vault Lock',
      summary: 'Recovery points live in a locked vault (write-once, read-many), optionally within a retention range.',
      automatable: true,
      parameters: [
        { name: 'minRetentionDays', description: 'Lowest minimum retention the lock must enforce.', default: null },
        { name: 'maxRetentionDays', description: 'Highest maximum retention the lock may allow.', default: null },
      ],
    },
    {
      ref: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
      title: 'Last recovery point was created',
      summary: 'Each protected resource has a recovery point newer than the allowed age.',
      automatable: true,
      parameters: [
        { name: 'recoveryPointAgeUnit', description: 'Unit of the age: hours or days.', default: 'days' },
        { name: 'recoveryPointAgeValue', description: 'Newest recovery point at most N units old.', default: 1 },
      ],
    },
    {
      ref: 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET',
      title: 'Restore time for resources meet target',
      summary: 'Restores (including restore tests) finish within the target time.',
      automatable: true,
      parameters: [{ name: 'maxRestoreTime', description: 'Target restore duration in minutes.', default: 720 }],
    },
    {
      ref: 'RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT',
      title: 'Resources are in a logically air-gapped vault',
      summary: 'Resources have a recent recovery point in a logically air-gapped vault.',
      automatable: true,
      parameters: [
        { name: 'recoveryPointAgeUnit', description: 'Unit of the age: hours or days.', default: 'days' },
        { name: 'recoveryPointAgeValue', description: 'Newest air-gapped recovery point at most N units old.', default: 7 },
      ],
    },
  ],
};
