import { DescribeRecoveryPointCommand, ListBackupVaultsCommand, UpdateRecoveryPointLifecycleCommand, type BackupVaultListMember, type Lifecycle } from '@aws-sdk/client-backup';
import { Type, type Static } from '@sinclair/typebox';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';
import { isNotFound } from '../action-helpers.js';

const Params = Type.Object(
  {
    minRetentionDays: Type.Integer({ minimum: 1, default: 35, description: 'The recovery point must be kept at least this long.' }),
    backupVaultName: Type.Optional(Type.String({ minLength: 1, description: 'The vault holding it (default: found by asking each vault of the Region).' })),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
/** deleteAfterDays null: kept until deleted by hand (already compliant). */
type State = { vault: string; deleteAfterDays: number | null; coldAfterDays: number | null };

/** The vault of the recovery point: the param, or the first vault whose DescribeRecoveryPoint knows it. */
const locate = async (ctx: ActionContext<P>) => {
  const backup = ctx.aws.backup();
  const RecoveryPointArn = ctx.resource.arn;
  const names = ctx.params.backupVaultName
    ? [ctx.params.backupVaultName]
    : ((await backup.send(new ListBackupVaultsCommand({}))).BackupVaultList ?? []).map((v: BackupVaultListMember) => v.BackupVaultName ?? '');
  for (const BackupVaultName of names) {
    try {
      return { vault: BackupVaultName, rp: await backup.send(new DescribeRecoveryPointCommand({ BackupVaultName, RecoveryPointArn })) };
    } catch (err) {
      if (!isNotFound(err, 'ResourceNotFoundException', 'InvalidParameterValueException')) throw err;
    }
  }
  throw Object.assign(new Error(`recovery point ${RecoveryPointArn} is in none of the vaults ${names.join(', ')}`), { name: 'ResourceNotFoundException' });
};

/**
 * Raises a recovery point's retention (DeleteAfterDays) to at least minRetentionDays; it never
 * lowers one, and keeps the 90 days AWS requires after a move to cold storage. Not reversible:
 * shortening a retention again is what this control forbids (and a vault lock may forbid it too).
 */
export const backupRaiseRecoveryPointLifecycle: EnforcementAction<P, State> = {
  name: 'backup.raise-recovery-point-lifecycle',
  description: 'Raises the recovery point\'s DeleteAfterDays to at least minRetentionDays (never lowers it).',
  schema: Params,
  resourceTypes: ['aws.backup.recovery-point'],
  risk: 'safe',
  reversible: false,
  permissions: ['backup:ListBackupVaults', 'backup:DescribeRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
  commands: ['backup:ListBackupVaults', 'backup:DescribeRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
  async read(ctx) {
    const { vault, rp } = await locate(ctx);
    return { vault, deleteAfterDays: rp.Lifecycle?.DeleteAfterDays ?? null, coldAfterDays: rp.Lifecycle?.MoveToColdStorageAfterDays ?? null };
  },
  compliant: (s, p) => s.deleteAfterDays === null || s.deleteAfterDays >= p.minRetentionDays,
  async apply(ctx, before) {
    if (before.deleteAfterDays === null) return;
    const target = Math.max(before.deleteAfterDays, ctx.params.minRetentionDays, before.coldAfterDays === null ? 0 : before.coldAfterDays + 90);
    const Lifecycle: Lifecycle = { DeleteAfterDays: target, ...(before.coldAfterDays === null ? {} : { MoveToColdStorageAfterDays: before.coldAfterDays }) };
    await ctx.aws.backup().send(new UpdateRecoveryPointLifecycleCommand({ BackupVaultName: before.vault, RecoveryPointArn: ctx.resource.arn, Lifecycle }));
  },
};
