/**
 * The estate the local AWS wire endpoint serves: an organisation of accounts (with OU paths), and per
 * account and region a deterministic set of KMS keys and AWS Backup resources (vaults with lock
 * fields and access policies, plans, selections, recovery points, legal holds, restore jobs, restore
 * testing plans), shaped as the AWS API reference documents them. Generated on demand per
 * account/region, so a 500-account organisation costs nothing until it is read.
 */

export interface WireAccount {
  id: string;
  name: string;
  /** `root/prod`: the OU path the endpoint's Organizations API reports. */
  ou: string;
  /** The account's enabled regions (default: the endpoint's). */
  regions?: string[];
}

/** How many of each resource every account/region holds. */
export interface WireSizes {
  kmsKeys: number;
  vaults: number;
  recoveryPointsPerVault: number;
  plans: number;
  selectionsPerPlan: number;
  legalHolds: number;
  restoreJobs: number;
  restoreTestingPlans: number;
}

export const DEFAULT_WIRE_SIZES: WireSizes = {
  kmsKeys: 6, vaults: 2, recoveryPointsPerVault: 8, plans: 1, selectionsPerPlan: 2, legalHolds: 1, restoreJobs: 3, restoreTestingPlans: 1,
};

/** Epoch seconds, as the JSON protocols send timestamps. */
const T0 = 1_764_547_200; // 2025-12-01T00:00:00Z
const DAY = 86_400;

const hex = (seed: string, n: number): string => {
  let h = 2166136261;
  let out = '';
  for (let i = 0; out.length < n; i++) {
    for (const c of `${seed}:${i}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
};
const uuid = (seed: string): string => {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

export interface KmsKey {
  KeyMetadata: Record<string, unknown>;
  rotation: boolean;
  policy: string;
  tags: { TagKey: string; TagValue: string }[];
  alias: string;
}

export interface BackupEstate {
  vaults: { describe: Record<string, unknown>; policy?: string; recoveryPoints: Record<string, unknown>[] }[];
  plans: { get: Record<string, unknown>; list: Record<string, unknown>; selections: { list: Record<string, unknown>; get: Record<string, unknown> }[] }[];
  legalHolds: Record<string, unknown>[];
  restoreJobs: Record<string, unknown>[];
  /** GetRestoreTestingPlan's fields, and the plan's selections as ListRestoreTestingSelections lists them. */
  restoreTestingPlans: (Record<string, unknown> & { selections: Record<string, unknown>[] })[];
}

export const kmsKeysOf = (accountId: string, region: string, sizes: WireSizes): KmsKey[] =>
  Array.from({ length: sizes.kmsKeys }, (_, i) => {
    const KeyId = uuid(`${accountId}/${region}/kms/${i}`);
    const Arn = `arn:aws:kms:${region}:${accountId}:key/${KeyId}`;
    return {
      KeyMetadata: {
        AWSAccountId: accountId, KeyId, Arn, CreationDate: T0 - (i + 1) * 30 * DAY, Enabled: true, Description: `wire key ${i}`,
        KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', Origin: 'AWS_KMS', KeyManager: 'CUSTOMER', CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        KeySpec: 'SYMMETRIC_DEFAULT', EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'], MultiRegion: false,
      },
      // Every third key does not rotate: a scan of the wire estate has violations to find.
      rotation: i % 3 !== 0,
      policy: JSON.stringify({ Version: '2012-10-17', Id: 'key-default-1', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }] }),
      tags: [{ TagKey: 'owner', TagValue: i % 2 ? 'payments' : 'platform' }],
      alias: `alias/wire-${i}`,
    };
  });

export const backupEstateOf = (accountId: string, region: string, sizes: WireSizes): BackupEstate => {
  const arn = (kind: string, id: string) => `arn:aws:backup:${region}:${accountId}:${kind}:${id}`;
  const keyArn = `arn:aws:kms:${region}:${accountId}:key/${uuid(`${accountId}/${region}/kms/0`)}`;
  const role = `arn:aws:iam::${accountId}:role/service-role/AWSBackupDefaultServiceRole`;
  const plans = Array.from({ length: sizes.plans }, (_, p) => {
    const BackupPlanId = uuid(`${accountId}/${region}/plan/${p}`);
    const BackupPlanArn = arn('backup-plan', BackupPlanId);
    const VersionId = hex(`${BackupPlanId}/v`, 32);
    const BackupPlanName = `daily-${p}`;
    const rules = [
      {
        RuleName: 'daily', RuleId: uuid(`${BackupPlanId}/rule`), TargetBackupVaultName: 'vault-0', ScheduleExpression: 'cron(0 5 ? * * *)',
        ScheduleExpressionTimezone: 'Etc/UTC', StartWindowMinutes: 60, CompletionWindowMinutes: 360, Lifecycle: { DeleteAfterDays: 35 },
        CopyActions: [{ DestinationBackupVaultArn: `arn:aws:backup:eu-central-1:${accountId}:backup-vault:copy`, Lifecycle: { DeleteAfterDays: 35 } }],
      },
    ];
    const selections = Array.from({ length: sizes.selectionsPerPlan }, (_, s) => {
      const SelectionId = uuid(`${BackupPlanId}/selection/${s}`);
      const SelectionName = `selection-${s}`;
      return {
        list: { SelectionId, SelectionName, BackupPlanId, CreationDate: T0 - 90 * DAY, IamRoleArn: role },
        get: {
          BackupSelection: {
            SelectionName, IamRoleArn: role, Resources: s === 0 ? ['arn:aws:rds:*:*:db:*'] : [], NotResources: [],
            ListOfTags: s === 0 ? [] : [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }],
            Conditions: { StringEquals: [], StringNotEquals: [], StringLike: [], StringNotLike: [] },
          },
          SelectionId, BackupPlanId, CreationDate: T0 - 90 * DAY,
        },
      };
    });
    return {
      list: { BackupPlanArn, BackupPlanId, CreationDate: T0 - 90 * DAY, VersionId, BackupPlanName, LastExecutionDate: T0 - DAY },
      get: { BackupPlan: { BackupPlanName, Rules: rules }, BackupPlanId, BackupPlanArn, VersionId, CreationDate: T0 - 90 * DAY, LastExecutionDate: T0 - DAY },
      selections,
    };
  });
  const vaults = Array.from({ length: sizes.vaults }, (_, v) => {
    const BackupVaultName = `vault-${v}`;
    const BackupVaultArn = arn('backup-vault', BackupVaultName);
    const locked = v === 0;
    const recoveryPoints = Array.from({ length: sizes.recoveryPointsPerVault }, (_, r) => {
      const created = T0 - r * DAY;
      return {
        RecoveryPointArn: arn('recovery-point', uuid(`${BackupVaultArn}/rp/${r}`)), BackupVaultName, BackupVaultArn,
        ResourceArn: `arn:aws:rds:${region}:${accountId}:db:orders-${r % 3}`, ResourceType: 'RDS', IamRoleArn: role,
        Status: 'COMPLETED', CreationDate: created, CompletionDate: created + 1_800, BackupSizeInBytes: 1_073_741_824 + r,
        CreatedBy: { BackupPlanId: plans[0]?.list.BackupPlanId, BackupPlanArn: plans[0]?.list.BackupPlanArn, BackupPlanVersion: plans[0]?.list.VersionId, BackupRuleId: 'daily' },
        Lifecycle: { DeleteAfterDays: 35 }, CalculatedLifecycle: { DeleteAt: created + 35 * DAY }, EncryptionKeyArn: keyArn, IsEncrypted: true,
        IsParent: false, VaultType: 'BACKUP_VAULT',
      };
    });
    return {
      describe: {
        BackupVaultName, BackupVaultArn, VaultType: 'BACKUP_VAULT', VaultState: 'AVAILABLE', EncryptionKeyArn: keyArn, CreationDate: T0 - 200 * DAY,
        CreatorRequestId: uuid(`${BackupVaultArn}/req`), NumberOfRecoveryPoints: recoveryPoints.length, Locked: locked,
        ...(locked ? { MinRetentionDays: 7, MaxRetentionDays: 3653, LockDate: T0 - 197 * DAY } : {}),
      },
      ...(locked
        ? { policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], Resource: '*' }] }) }
        : {}),
      recoveryPoints,
    };
  });
  const legalHolds = Array.from({ length: sizes.legalHolds }, (_, l) => {
    const LegalHoldId = uuid(`${accountId}/${region}/hold/${l}`);
    return {
      Title: `litigation-${l}`, Status: 'ACTIVE', Description: 'Preserve order records', LegalHoldId, LegalHoldArn: arn('legal-hold', LegalHoldId),
      CreationDate: T0 - 20 * DAY, RetainRecordUntil: T0 + 365 * DAY,
      RecoveryPointSelection: { VaultNames: ['vault-0'], DateRange: { FromDate: T0 - 60 * DAY, ToDate: T0 } },
    };
  });
  const restoreTestingPlans = Array.from({ length: sizes.restoreTestingPlans }, (_, t) => {
    const RestoreTestingPlanName = `monthly_restore_${t}`;
    return {
      RestoreTestingPlanName, RestoreTestingPlanArn: `arn:aws:backup:${region}:${accountId}:restore-testing-plan:${RestoreTestingPlanName}-${hex(RestoreTestingPlanName, 6)}`,
      CreationTime: T0 - 100 * DAY, LastExecutionTime: T0 - 3 * DAY, LastUpdateTime: T0 - 100 * DAY, ScheduleExpression: 'cron(0 1 1 * ? *)',
      ScheduleExpressionTimezone: 'Etc/UTC', StartWindowHours: 24,
      RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', IncludeVaults: ['*'], RecoveryPointTypes: ['SNAPSHOT'], SelectionWindowDays: 30 },
      selections: [
        { CreationTime: T0 - 100 * DAY, IamRoleArn: role, ProtectedResourceType: 'RDS', RestoreTestingPlanName, RestoreTestingSelectionName: 'rds_databases', ValidationWindowHours: 4 },
      ],
    };
  });
  const restoreJobs = Array.from({ length: sizes.restoreJobs }, (_, j) => ({
    AccountId: accountId, RestoreJobId: hex(`${accountId}/${region}/restore/${j}`, 16).toUpperCase(), RecoveryPointArn: vaults[0]?.recoveryPoints[0]?.RecoveryPointArn,
    CreationDate: T0 - (j + 1) * 7 * DAY, CompletionDate: T0 - (j + 1) * 7 * DAY + 3_600, Status: j === 2 ? 'FAILED' : 'COMPLETED', StatusMessage: j === 2 ? 'Access denied to KMS key' : undefined,
    PercentDone: '100.00%', BackupSizeInBytes: 1_073_741_824, IamRoleArn: role, ExpectedCompletionTimeMinutes: 60,
    CreatedResourceArn: `arn:aws:rds:${region}:${accountId}:db:restore-test-${j}`, ResourceType: 'RDS',
    ...(restoreTestingPlans[0] ? { CreatedBy: { RestoreTestingPlanArn: restoreTestingPlans[0].RestoreTestingPlanArn }, ValidationStatus: 'SUCCESSFUL' } : {}),
  }));
  return { vaults, plans, legalHolds, restoreJobs, restoreTestingPlans };
};

/** Organisational units of the accounts' paths: `root/prod/payments` → ids, names and parents. */
export const organizationTree = (accounts: readonly WireAccount[]) => {
  const units = new Map<string, { id: string; name: string; parentId: string }>();
  const rootId = 'r-w1re';
  const idOf = (path: string): string => {
    if (path === 'root' || path === '') return rootId;
    let u = units.get(path);
    if (!u) {
      const cut = path.lastIndexOf('/');
      const parentId = idOf(cut > 0 ? path.slice(0, cut) : 'root');
      u = { id: `ou-w1re-${hex(path, 8)}`, name: path.slice(cut + 1), parentId };
      units.set(path, u);
    }
    return u.id;
  };
  const parentOfAccount = new Map(accounts.map((a) => [a.id, idOf(a.ou.replace(/^root\/?/, 'root/').replace(/\/$/, ''))]));
  const byId = new Map([...units.values()].map((u) => [u.id, u]));
  return { rootId, parentOfAccount, units: byId };
};
