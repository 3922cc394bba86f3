import type { EnforcementAction } from '../enforcement-action.js';
import { accessanalyzerCreateAnalyzer } from './accessanalyzer/create-analyzer-action.js';
import { backupAddCopyAction } from './backup/add-copy-action-action.js';
import { backupAddToPlanSelection } from './backup/add-to-plan-selection-action.js';
import { backupCreateRestoreTestingPlan } from './backup/create-restore-testing-plan-action.js';
import { backupDenyManualDeletion } from './backup/deny-manual-deletion-action.js';
import { backupPutVaultLock } from './backup/put-vault-lock-action.js';
import { backupRaiseRecoveryPointLifecycle } from './backup/raise-recovery-point-lifecycle-action.js';
import { backupStartBackupJob } from './backup/start-backup-job-action.js';
import { backupTagResource } from './backup/tag-resource-action.js';
import { backupUpdatePlan } from './backup/update-plan-action.js';
import { cloudtrailEnableLogFileValidation } from './cloudtrail/enable-log-file-validation-action.js';
import { cloudtrailEnableMultiRegionLogging } from './cloudtrail/enable-multi-region-logging-action.js';
import { cloudtrailSetKmsKey } from './cloudtrail/set-kms-key-action.js';
import { cloudtrailStartLogging } from './cloudtrail/start-logging-action.js';
import { configStartRecorder } from './config/start-recorder-action.js';
import { dynamodbEnablePitr } from './dynamodb/enable-pitr-action.js';
import { ec2CreateFlowLogs } from './ec2/create-flow-logs-action.js';
import { ec2EnableEbsEncryptionByDefault } from './ec2/enable-ebs-encryption-by-default-action.js';
import { ec2RequireImdsv2 } from './ec2/require-imdsv2-action.js';
import { ec2RevokeOpenAdminPort } from './ec2/revoke-open-admin-port-action.js';
import { ec2StopInstance } from './ec2/stop-instance-action.js';
import { ecsRegisterReadonlyRevision } from './ecs/register-readonly-revision-action.js';
import { eksDisablePublicEndpoint } from './eks/disable-public-endpoint-action.js';
import { eksEnableAuditLogging } from './eks/enable-audit-logging-action.js';
import { eksReplaceNode } from './eks/replace-node-action.js';
import { elbv2SetTlsPolicy } from './elbv2/set-tls-policy-action.js';
import { iamAttachDenyWithoutMfa } from './iam/attach-deny-without-mfa-action.js';
import { iamDeactivateAccessKey } from './iam/deactivate-access-key-action.js';
import { iamDetachAdminPolicy } from './iam/detach-admin-policy-action.js';
import { iamDisableUnusedCredentials } from './iam/disable-unused-credentials-action.js';
import { iamRevokeUserPrivileges } from './iam/revoke-user-privileges-action.js';
import { iamUpdatePasswordPolicy } from './iam/update-password-policy-action.js';
import { kmsCancelKeyDeletion } from './kms/cancel-key-deletion-action.js';
import { kmsEnableKeyRotation } from './kms/enable-key-rotation-action.js';
import { logsRaiseRetention } from './logs/raise-retention-action.js';
import { notifyOnly } from './notify/notify-only-action.js';
import { rdsDisablePublicAccess } from './rds/disable-public-access-action.js';
import { rdsEnableClusterDeletionProtection } from './rds/enable-cluster-deletion-protection-action.js';
import { rdsEnableDeletionProtection } from './rds/enable-deletion-protection-action.js';
import { rdsEnableMultiAz } from './rds/enable-multi-az-action.js';
import { rdsModifyBackupRetention } from './rds/modify-backup-retention-action.js';
import { s3BlockAccountPublicAccess } from './s3/block-account-public-access-action.js';
import { s3BlockPublicAccess } from './s3/block-public-access-action.js';
import { s3DefaultEncryption } from './s3/default-encryption-action.js';
import { s3DenyInsecureTransport } from './s3/deny-insecure-transport-action.js';
import { s3EnableVersioning } from './s3/enable-versioning-action.js';
import { s3PrivateAcl } from './s3/private-acl-action.js';
import { s3RemoveExternalStatements } from './s3/remove-external-statements-action.js';
import { tagSetDataClassification } from './tag/set-data-classification-action.js';
import { tagSetOwnerUnknown } from './tag/set-owner-unknown-action.js';
import { tagSet } from './tag/set-tags-action.js';

/** Every built-in enforcement action; the composition root builds `new Registry<EnforcementAction>('action', allActions())`. */
export const allActions = (): EnforcementAction[] => [
  s3BlockPublicAccess,
  s3DefaultEncryption,
  s3DenyInsecureTransport,
  s3BlockAccountPublicAccess,
  s3EnableVersioning,
  s3PrivateAcl,
  s3RemoveExternalStatements,
  iamDeactivateAccessKey,
  iamDetachAdminPolicy,
  iamAttachDenyWithoutMfa,
  iamDisableUnusedCredentials,
  iamRevokeUserPrivileges,
  iamUpdatePasswordPolicy,
  ec2StopInstance,
  ec2RequireImdsv2,
  ec2RevokeOpenAdminPort,
  ec2CreateFlowLogs,
  ec2EnableEbsEncryptionByDefault,
  kmsEnableKeyRotation,
  kmsCancelKeyDeletion,
  logsRaiseRetention,
  cloudtrailStartLogging,
  cloudtrailEnableLogFileValidation,
  cloudtrailEnableMultiRegionLogging,
  cloudtrailSetKmsKey,
  rdsEnableDeletionProtection,
  rdsEnableClusterDeletionProtection,
  rdsDisablePublicAccess,
  rdsEnableMultiAz,
  rdsModifyBackupRetention,
  dynamodbEnablePitr,
  backupDenyManualDeletion,
  backupAddToPlanSelection,
  backupAddCopyAction,
  backupCreateRestoreTestingPlan,
  backupPutVaultLock,
  backupRaiseRecoveryPointLifecycle,
  backupStartBackupJob,
  backupTagResource,
  backupUpdatePlan,
  accessanalyzerCreateAnalyzer,
  configStartRecorder,
  ecsRegisterReadonlyRevision,
  eksDisablePublicEndpoint,
  eksEnableAuditLogging,
  eksReplaceNode,
  elbv2SetTlsPolicy,
  tagSet,
  tagSetDataClassification,
  tagSetOwnerUnknown,
  notifyOnly,
];
