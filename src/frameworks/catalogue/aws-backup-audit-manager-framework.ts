import type { Framework } from '../framework.js';

// The 11 controls of AWS Backup Audit Manager, with the vendor's parameter names and defaults.
// Checked: control names (API ids), titles, parameters, ranges and defaults against the AWS Backup
// developer guide pages "Choosing your controls" (choosing-controls.html, titles as in its table),
// "Controls and remediation" (controls-and-remediation.html, defaults in brackets, ranges) and
// "Creating frameworks using the AWS Backup API" (creating-frameworks-api.html, parameter names),
// plus the AWS Config rule pages for the parameter names shared with the *-resources-* rules.
// Where AWS documents no default (restore target, air-gapped age) the default is Vigil's and says so.

/** AWS Backup Audit Manager's controls, each a requirement with its parameters. */
export const awsBackupAuditManagerFramework: Framework = {
  id: 'aws-backup-audit-manager',
  title: 'AWS Backup Audit Manager controls',
  version: '2024',
  publisher: 'Amazon Web Services',
  url: 'https://docs.aws.amazon.com/aws-backup/latest/devguide/controls-and-remediation.html',
  refExample: 'BACKUP_RECOVERY_POINT_ENCRYPTED',
  source: 'AWS Backup developer guide: "Choosing your controls", "Controls and remediation", "Creating frameworks using the AWS Backup API".',
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
        { name: 'requiredFrequencyValue', description: 'Backups at least every N units (at most 24 hours or 31 days).', default: 1 },
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
      parameters: [{ name: 'crossRegionList', description: 'Destination Regions that count (optional; any other Region counts when empty).', default: null }],
    },
    {
      ref: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT',
      title: 'Cross-account backup copy is scheduled',
      summary: 'Backups are copied to another account (optionally one of a list).',
      automatable: true,
      parameters: [{ name: 'crossAccountList', description: 'Up to 5 destination account ids, in the same organisation, that count (optional).', default: null }],
    },
    {
      ref: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
      title: 'Resources are in a backup plan with an AWS Backup Vault Lock',
      summary: 'Backup plans store the resource\'s backups in a locked (write-once, read-many) vault, optionally within a retention range.',
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
        { name: 'recoveryPointAgeValue', description: 'Newest recovery point at most N units old (1-744 hours or 1-31 days).', default: 1 },
      ],
    },
    {
      ref: 'RESTORE_TIME_FOR_RESOURCES_MEET_TARGET',
      title: 'Restore time for resources meet target',
      summary: 'Restores (including restore tests) finish within the target time.',
      automatable: true,
      parameters: [{ name: 'maxRestoreTime', description: 'Target restore duration in minutes (AWS sets no default; 720 is the value of AWS\'s own example).', default: 720 }],
    },
    {
      ref: 'RESOURCES_IN_LOGICALLY_AIR_GAPPED_VAULT',
      title: 'Resources are inside a logically air-gapped vault',
      summary: 'Resources have a recent recovery point in a logically air-gapped vault.',
      automatable: true,
      parameters: [
        { name: 'recoveryPointAgeUnit', description: 'Unit of the age: hours or days.', default: 'days' },
        { name: 'recoveryPointAgeValue', description: 'Newest air-gapped copy at most N units old (24-2184 hours or 1-91 days; AWS recommends at least 7 days).', default: 7 },
      ],
    },
  ],
};
