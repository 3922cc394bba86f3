import type { NamedFilterDefinition } from '../named-filter.js';
import { backupCopyMissingFilter } from './backup-copy-missing-filter.js';
import { backupLegalHoldAtRiskFilter } from './backup-legal-hold-at-risk-filter.js';
import { backupPlanFrequencyRetentionFilter } from './backup-plan-frequency-retention-filter.js';
import { backupRecoveryPointStaleFilter } from './backup-recovery-point-stale-filter.js';
import { backupResourceNotInPlanFilter } from './backup-resource-not-in-plan-filter.js';
import { backupRestoreTimeOverTargetFilter } from './backup-restore-time-over-target-filter.js';
import { backupTagPolicyUnmetFilter } from './backup-tag-policy-unmet-filter.js';
import { backupVaultAllowsManualDeleteFilter } from './backup-vault-allows-manual-delete-filter.js';
import { backupVaultLockTooWeakFilter } from './backup-vault-lock-too-weak-filter.js';

/** Named filters of the backup area; one line per filter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const backupFilters: NamedFilterDefinition<any>[] = [
  backupResourceNotInPlanFilter,
  backupPlanFrequencyRetentionFilter,
  backupVaultAllowsManualDeleteFilter,
  backupCopyMissingFilter,
  backupVaultLockTooWeakFilter,
  backupRecoveryPointStaleFilter,
  backupRestoreTimeOverTargetFilter,
  backupLegalHoldAtRiskFilter,
  backupTagPolicyUnmetFilter,
];
