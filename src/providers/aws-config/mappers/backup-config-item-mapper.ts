import { asList, defined, isRecord, type ConfigItemMapper } from '../config-item-mapper.js';

/** Config's plan rule (BackupPlanRule[], TargetBackupVault) as GetBackupPlan's (Rules[], TargetBackupVaultName). */
const rule = (r: unknown): unknown => {
  if (!isRecord(r)) return r;
  const { TargetBackupVault, ...rest } = r;
  return defined({ ...rest, TargetBackupVaultName: r.TargetBackupVaultName ?? TargetBackupVault, CopyActions: asList(r.CopyActions) });
};

const plan: ConfigItemMapper = {
  configType: 'AWS::Backup::BackupPlan',
  type: 'aws.backup.plan',
  toConfig: (item) => {
    const c = item.configuration;
    const p = isRecord(c.BackupPlan) ? c.BackupPlan : {};
    const { BackupPlanRule, ...rest } = p;
    return defined({ ...c, BackupPlan: defined({ ...rest, Rules: asList(p.Rules ?? BackupPlanRule).map(rule) }), Tags: item.tags });
  },
};

const selection: ConfigItemMapper = {
  configType: 'AWS::Backup::BackupSelection',
  type: 'aws.backup.selection',
  toConfig: (item) => {
    const c = item.configuration;
    const s = isRecord(c.BackupSelection) ? c.BackupSelection : {};
    return defined({ ...c, BackupSelection: { ...s, Resources: asList(s.Resources), NotResources: asList(s.NotResources), ListOfTags: asList(s.ListOfTags) } });
  },
};

const recoveryPoint: ConfigItemMapper = {
  configType: 'AWS::Backup::RecoveryPoint',
  type: 'aws.backup.recovery-point',
  // Config keeps DescribeRecoveryPoint's own field names.
  toConfig: (item) => ({ ...item.configuration }),
};

/** AWS Backup: plans, selections and recovery points (Config already uses the API's PascalCase). */
export const backupConfigItemMappers: ConfigItemMapper[] = [plan, selection, recoveryPoint];
