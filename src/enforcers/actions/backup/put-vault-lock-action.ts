import { DescribeBackupVaultCommand, PutBackupVaultLockConfigurationCommand } from '@aws-sdk/client-backup';
import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';

const Params = Type.Object(
  {
    mode: Type.Union([Type.Literal('compliance'), Type.Literal('governance')], {
      default: 'compliance',
      description: 'compliance: after the grace time nobody (root included) can change or remove the lock; governance: users with the permission can.',
    }),
    minRetentionDays: Type.Integer({ minimum: 1, default: 7, description: 'Recovery points cannot be deleted before this age.' }),
    maxRetentionDays: Type.Integer({ minimum: 1, maximum: 36500, default: 3653, description: 'Recovery points cannot be kept longer.' }),
    changeableForDays: Type.Integer({ minimum: 3, default: 3, description: 'Grace time (compliance mode) during which the lock can still be changed or removed.' }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
type State = { locked: boolean; minRetentionDays: number | null; maxRetentionDays: number | null; lockDate: string | null };

/**
 * Locks a Backup vault (AWS Backup Vault Lock). In compliance mode the lock becomes permanent after
 * changeableForDays: it can then never be changed or removed and recovery points cannot be deleted
 * before minRetentionDays — so the action is irreversible and always needs an approval, whatever
 * `enforcement.approvalFor` says (the guard refuses without one, and says why). Never loosens an
 * existing lock: the retention bounds only tighten toward the existing ones.
 */
export const backupPutVaultLock: EnforcementAction<P, State> = {
  name: 'backup.put-vault-lock',
  description: 'Locks the vault (compliance mode by default: permanent after the grace time, always needs an approval; irreversible).',
  schema: Params,
  resourceTypes: ['aws.backup.vault'],
  risk: 'irreversible',
  reversible: false,
  permissions: ['backup:DescribeBackupVault', 'backup:PutBackupVaultLockConfiguration'],
  commands: ['backup:DescribeBackupVault', 'backup:PutBackupVaultLockConfiguration'],
  async read(ctx) {
    const v = await ctx.aws.backup().send(new DescribeBackupVaultCommand({ BackupVaultName: ctx.resourceId }));
    return { locked: v.Locked === true, minRetentionDays: v.MinRetentionDays ?? null, maxRetentionDays: v.MaxRetentionDays ?? null, lockDate: v.LockDate ? new Date(v.LockDate).toISOString() : null };
  },
  compliant: (s, p) => s.locked && (s.minRetentionDays ?? 0) >= p.minRetentionDays && s.maxRetentionDays !== null && s.maxRetentionDays <= p.maxRetentionDays,
  guard(s, ctx) {
    if (!ctx.message.approval) {
      return ctx.params.mode === 'compliance'
        ? `a compliance-mode vault lock cannot be changed or removed by anyone after its ${ctx.params.changeableForDays}-day grace time: it always needs an approval`
        : 'a vault lock always needs an approval';
    }
    if (s.locked && s.lockDate && Date.parse(s.lockDate) <= ctx.now.getTime()) return 'the vault is already under a compliance lock past its grace time: it cannot be changed';
    return null;
  },
  async apply(ctx, before) {
    const p = ctx.params;
    await ctx.aws.backup().send(
      new PutBackupVaultLockConfigurationCommand({
        BackupVaultName: ctx.resourceId,
        MinRetentionDays: Math.max(p.minRetentionDays, before.minRetentionDays ?? 0),
        MaxRetentionDays: Math.min(p.maxRetentionDays, before.maxRetentionDays ?? Number.POSITIVE_INFINITY),
        ...(p.mode === 'compliance' ? { ChangeableForDays: p.changeableForDays } : {}),
      }),
    );
  },
};
