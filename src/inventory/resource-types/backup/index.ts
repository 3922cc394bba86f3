import type { ResourceTypeDefinition } from '../../resource-type.js';
import { backupLegalHold } from './backup-legal-hold-resource-type.js';
import { backupPlan } from './backup-plan-resource-type.js';
import { backupRecoveryPoint } from './backup-recovery-point-resource-type.js';
import { backupRestoreJob } from './backup-restore-job-resource-type.js';
import { backupRestoreTestingPlan } from './backup-restore-testing-plan-resource-type.js';
import { backupSelection } from './backup-selection-resource-type.js';
import { backupVault } from './backup-vault-resource-type.js';
import { dynamodbTable } from './dynamodb-table-resource-type.js';

/** Resource types of the backup area; one line per type. */
export const backupResourceTypes: ResourceTypeDefinition[] = [
  backupVault,
  backupPlan,
  backupSelection,
  backupRecoveryPoint,
  backupLegalHold,
  backupRestoreJob,
  backupRestoreTestingPlan,
  dynamodbTable,
];
