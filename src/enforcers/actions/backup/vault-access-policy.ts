import { DeleteBackupVaultAccessPolicyCommand, GetBackupVaultAccessPolicyCommand, PutBackupVaultAccessPolicyCommand } from '@aws-sdk/client-backup';
import { orNull } from '../action-helpers.js';
import type { PolicyDocument } from '../policy-statement-action.js';

/** A Backup vault's access policy, for the actions that change it. */
export const vaultAccessPolicy: PolicyDocument = {
  permissions: ['backup:GetBackupVaultAccessPolicy', 'backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy'],
  commands: ['backup:GetBackupVaultAccessPolicy', 'backup:PutBackupVaultAccessPolicy', 'backup:DeleteBackupVaultAccessPolicy'],
  get: async (ctx) => (await orNull(() => ctx.aws.backup().send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName: ctx.resourceId })), 'ResourceNotFoundException'))?.Policy ?? null,
  put: async (ctx, policy) => void (await ctx.aws.backup().send(new PutBackupVaultAccessPolicyCommand({ BackupVaultName: ctx.resourceId, Policy: policy }))),
  remove: async (ctx) => void (await ctx.aws.backup().send(new DeleteBackupVaultAccessPolicyCommand({ BackupVaultName: ctx.resourceId }))),
};
