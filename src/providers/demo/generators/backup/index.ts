import type { DemoGenerator } from '../../demo-generator.js';
import { backupLegalHoldDemoGenerator } from './backup-legal-hold-demo-generator.js';
import { backupPlanDemoGenerator } from './backup-plan-demo-generator.js';
import { backupRecoveryPointDemoGenerator } from './backup-recovery-point-demo-generator.js';
import { backupRestoreJobDemoGenerator } from './backup-restore-job-demo-generator.js';
import { backupRestoreTestingPlanDemoGenerator } from './backup-restore-testing-plan-demo-generator.js';
import { backupSelectionDemoGenerator } from './backup-selection-demo-generator.js';
import { backupVaultDemoGenerator } from './backup-vault-demo-generator.js';
import { dynamodbTableDemoGenerator } from './dynamodb-table-demo-generator.js';

/** Demo generators of the backup area; one line per generator. */
export const backupGenerators: DemoGenerator[] = [
  dynamodbTableDemoGenerator,
  backupVaultDemoGenerator,
  backupPlanDemoGenerator,
  backupSelectionDemoGenerator,
  backupRecoveryPointDemoGenerator,
  backupLegalHoldDemoGenerator,
  backupRestoreJobDemoGenerator,
  backupRestoreTestingPlanDemoGenerator,
];
