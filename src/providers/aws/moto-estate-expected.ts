// Test support for moto-estate.test.ts: what the seeded estate must produce. Not imported by the product.
import type { Resource } from '../../inventory/resource.js';

/** The default VPC's name is its random id. */
export const DEFAULT_VPC = 'default-vpc';

/**
 * Every violation the built-in policies must find in the seeded estate, by control, and nothing else.
 * Each line is a seeded flaw, or a default of the emulated account that AWS has too (noted).
 */
export const EXPECTED: Record<string, string[]> = {
  // Backup: the one plan keeps weekly backups for 7 days and copies nowhere; only one vault is locked;
  // whether a vault's access policy denies deletes is unknown (moto cannot read one: see the problems below).
  'backup-cross-account-copy': ['weekly_7'],
  'backup-cross-region-copy': ['weekly_7'],
  'backup-plan-frequency-retention': ['weekly_7'],
  'backup-vault-lock': ['unlocked'],
  // Stores without a backup tag and in no plan; ledger and ledger-db are tagged backup=none.
  'backup-resource-in-plan': ['orders', 'orders-db'],
  'dynamodb-pitr': ['orders'],
  'rds-automated-backups': ['orders-db'],
  'ec2-imdsv2': ['legacy'],
  'ec2-owner-tag': ['legacy'],
  // No SSM patch data in moto, and its AMIs are years old: both instances fall back to the AMI-age rule.
  'ec2-patch-compliance': ['hardened', 'legacy'],
  'ecs-readonly-root': ['writable:1'],
  // Only the newest report of a node counts, and only for nodes that still exist.
  'bottlerocket-selinux-enforcing': ['report of hardened'],
  'eks-audit-logs': ['open'],
  'eks-nodes-hardened-os': ['al2'],
  'eks-private-endpoint': ['open'],
  'sg-no-admin-ports-open': ['open-ssh'],
  'data-classification-tagged': ['analytics', 'orders', 'orders-db', 'vigil-open', 'vigil-public-acl'],
  'ebs-encryption-by-default': ['EC2 settings eu-west-1'],
  // Instance root volumes are unencrypted too, as on AWS when default encryption is off.
  'ebs-volume-encrypted': ['hardened-root', 'legacy-root', 'plain', 'plain-snap'],
  'elb-tls-policy': ['orders:443'],
  // moto creates the EBS default key as a CUSTOMER key without rotation (on AWS it is AWS-managed and rotates).
  'kms-key-rotation': ['alias/aws/ebs', 'alias/s3-data'],
  'kms-not-pending-deletion': ['alias/doomed'],
  'rds-deletion-protection': ['orders-db'],
  'rds-multi-az': ['orders-db'],
  'rds-not-public': ['orders-db'],
  // orders-aurora is seeded without encryption or deletion protection.
  'rds-cluster-deletion-protection': ['orders-aurora'],
  'rds-storage-encrypted': ['orders-aurora', 'orders-db', 'rds:orders-db-DATE'],
  's3-account-public-access-block': ['S3 settings 123456789012'],
  's3-bucket-public-access-block': ['vigil-open', 'vigil-public-acl'],
  's3-default-encryption-kms': ['vigil-open', 'vigil-public-acl'],
  's3-no-public-acl': ['vigil-public-acl'],
  // The Bottlerocket reports bucket cannot deny plain HTTP in moto (see seedBottlerocketReports).
  's3-tls-only': ['vigil-node-reports', 'vigil-open', 'vigil-public-acl'],
  's3-versioning': ['vigil-open', 'vigil-public-acl'],
  'console-user-mfa': ['bob'],
  // Judged 120 days on: every active key is overdue, and nobody has used a credential since creation.
  'iam-access-key-rotation': ['bob', 'carol'],
  'iam-defunct-user': ['ana', 'bob', 'carol'],
  'iam-unused-credentials': ['ana', 'bob', 'carol'],
  'iam-no-admin-star': ['admin-star'],
  'iam-one-active-key': ['carol'],
  'iam-password-policy': ['123456789012'],
  // carol has keys but no console password: a workload user, out of this control's scope.
  'iam-users-prefer-roles': ['bob'],
  // The emulated root user has no MFA.
  'root-hardware-mfa': ['123456789012'],
  'root-mfa': ['123456789012'],
  'cloudtrail-kms': ['quiet'],
  'cloudtrail-log-validation': ['quiet'],
  'cloudtrail-multi-region': ['quiet'],
  'config-recorder-on': ['default'],
  // The default VPC has no flow log; the seeded `orders` VPC has one.
  'vpc-flow-logs': [DEFAULT_VPC],
};

/** What moto 5 does not implement, reported per call as a live scan would report an AccessDenied. */
export const EXPECTED_PROBLEMS = [
  'ec2 ec2:GetEbsDefaultKmsKeyId',
  'ec2 ssm:ListResourceComplianceSummaries',
  'backup backup:GetBackupVaultAccessPolicy arn:aws:backup:eu-west-1:123456789012:backup-vault:unlocked',
  'backup backup:GetBackupVaultAccessPolicy arn:aws:backup:eu-west-1:123456789012:backup-vault:locked',
  'backup (listing) backup:ListBackupSelections',
  'access-analyzer (listing) access-analyzer:ListAnalyzers',
].sort();

/** A stable name for a flagged resource: moto makes ids at random and names automated snapshots by the minute. */
export const label = (r: Resource): string =>
  r.type === 'aws.bottlerocket.node-report' ? `report of ${r.tags.Name}` : r.type === 'aws.ec2.vpc' && r.config.IsDefault === true ? DEFAULT_VPC : r.name.replace(/\d{4}-\d{2}-\d{2}-\d{2}-\d{2}$/, 'DATE');

/**
 * Field paths of a config: `Table.SSEDescription.Status`, `Tags[].Key`. Tag maps (`tags`/`Tags` objects)
 * hold the user's own keys, so their entries are not paths of the API's shape.
 */
export const fieldPaths = (value: unknown, prefix = '', out = new Set<string>()): Set<string> => {
  if (value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) fieldPaths(v, `${prefix}[]`, out);
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${k}` : k;
    out.add(path);
    if (!(/^(tags|Tags)$/.test(k) && v && typeof v === 'object' && !Array.isArray(v))) fieldPaths(v, path, out);
  }
  return out;
};

/**
 * Fields the demo sets that the moto estate does not show, each because moto leaves it out or the
 * estate has no such case — never because the real API spells it differently. A demo field missing
 * here and from the moto record fails the test: it is then a shape the real API does not have.
 */
export const NOT_IN_MOTO: Record<string, { paths: RegExp; why: string }[]> = {
  'aws.iam.user': [{ paths: /^(PasswordLastUsed|AccessKeys\[\]\.LastUsedDate)$/, why: 'set once a credential is used; nothing signs in to moto' }],
  'aws.iam.role': [
    { paths: /^(AttachedManagedPolicies|RolePolicyList)\[\]/, why: 'the seeded role has no policies' },
    { paths: /^RoleLastUsed\./, why: 'set once the role is assumed' },
  ],
  'aws.iam.account': [
    { paths: /^RootCredentialReport/, why: "moto's credential report has no <root_account> row" },
    { paths: /^SummaryMap\.AccountPasswordPresent$/, why: 'moto does not count the root password' },
  ],
  'aws.ec2.instance': [
    { paths: /^PatchCompliance/, why: 'moto has no SSM compliance API (ListResourceComplianceSummaries)' },
    { paths: /^(PlatformDetails|PublicIpAddress|IamInstanceProfile(\..*)?|SecurityGroups\[\]\..*)$/, why: 'moto leaves them out, or the seeded instances have none' },
  ],
  'aws.ec2.security-group': [{ paths: /^(Tags\[\]\.(Key|Value)|IpPermissions\[\]\.Ipv6Ranges\[\]\.CidrIpv6)$/, why: 'the seeded groups have no tags or IPv6 rules' }],
  'aws.eks.cluster': [{ paths: /^resourcesVpcConfig\.(vpcId|securityGroupIds|publicAccessCidrs)$/, why: 'moto echoes only what the cluster was created with' }],
  'aws.ecs.task-definition': [{ paths: /^(requiresCompatibilities|cpu|memory|containerDefinitions\[\]\.privileged)$/, why: 'not set on the seeded task definitions' }],
  'aws.s3.bucket': [
    { paths: /^Policy\.Statement\[\]\.(Principal\.AWS|Condition\.StringEquals.*)$/, why: 'the seeded policy has only the TLS deny' },
    { paths: /^(Logging\.LoggingEnabled.*|Versioning\.MFADelete)$/, why: 'no seeded bucket logs or has MFA delete configured' },
  ],
  'aws.kms.key': [{ paths: /^RotationPeriodInDays$/, why: 'moto does not return the rotation period' }],
  'aws.redshift.cluster': [{ paths: /^(KmsKeyId|MultiAZ)$/, why: 'the seeded cluster is unencrypted; moto predates MultiAZ' }],
  'aws.iam.policy': [
    { paths: /^(PolicyId|PermissionsBoundaryUsageCount)$/, why: 'moto leaves them out of GetAccountAuthorizationDetails' },
    { paths: /^PolicyVersion\.Document\.Statement\[\]\.NotAction$/, why: 'the seeded documents use Action only' },
  ],
  'aws.ec2.region-settings': [{ paths: /^KmsKeyId$/, why: 'moto has no GetEbsDefaultKmsKeyId' }],
  'aws.ec2.volume': [{ paths: /^(MultiAttachEnabled|Attachments\[\]\.DeleteOnTermination)$/, why: 'moto leaves them out' }],
  'aws.ec2.snapshot': [{ paths: /^(StorageTier|KmsKeyId)$/, why: 'moto leaves StorageTier out; the seeded snapshot is unencrypted' }],
  'aws.rds.db-cluster': [{ paths: /^DBClusterMembers\[\]\./, why: 'the seeded clusters have no instances' }],
  'aws.rds.db-snapshot': [{ paths: /^TagList\[\]\.(Key|Value)$/, why: 'the automated snapshot has no tags' }],
  'aws.elbv2.listener': [{ paths: /^DefaultActions\[\]\.RedirectConfig/, why: 'the seeded listeners forward' }],
  'aws.cloudtrail.trail': [
    { paths: /^(CloudWatchLogsLogGroupArn|TagsList\[\]\.(Key|Value))$/, why: 'not set on the seeded trails' },
    { paths: /^(AdvancedEventSelectors\[\]|EventSelectors\[\]\.(DataResources|ExcludeManagementEventSources))/, why: 'the seeded trail uses basic selectors; moto drops empty lists' },
  ],
  'aws.config.recorder': [
    { paths: /^recordingMode/, why: 'moto predates recording modes' },
    { paths: /^status\.(lastStatus|lastStartTime|lastStopTime)$/, why: 'the seeded recorder never started' },
  ],
  'aws.logs.log-group': [{ paths: /^logGroupClass$/, why: 'moto leaves it out' }],
  'aws.dynamodb.table': [{ paths: /^Table\.(TableId|SSEDescription(\..*)?)$/, why: 'moto leaves TableId out; the seeded tables use the default AWS owned key' }],
  'aws.backup.vault': [
    { paths: /^(VaultType|VaultState|EncryptionKeyArn)$/, why: 'moto leaves them out of ListBackupVaults' },
    { paths: /^AccessPolicy/, why: 'moto has no GetBackupVaultAccessPolicy' },
  ],
  'aws.backup.plan': [
    { paths: /^LastExecutionDate$/, why: 'the seeded plan never ran' },
    { paths: /^BackupPlan\.Rules\[\]\.(CopyActions.*|EnableContinuousBackup|Lifecycle\.MoveToColdStorageAfterDays)$/, why: 'not set on the seeded plan' },
  ],
};

