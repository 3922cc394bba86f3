import type { DemoGenerator } from '../../demo-generator.js';
import { isoAt } from '../demo-time.js';
import { demoKeyArn, forcedExample, isoDaysAgo } from '../data/data-demo-vocabulary.js';
import { CENTRAL_VAULT, STANDARD_VAULTS, demoUuid, sharedBackupAccount } from './backup-demo-naming.js';

const DENY_ALL = ['backup:DeleteBackupVault', 'backup:DeleteBackupVaultAccessPolicy', 'backup:DeleteRecoveryPoint', 'backup:StartCopyJob', 'backup:UpdateRecoveryPointLifecycle'];
const DAY_MS = 86_400_000;

/**
 * Backup vaults: the standard `daily`, `monthly`, `yearly` and logically air-gapped `airgapped` vaults
 * of every account and Region (the shared backup account's second vault is `central`, the target of
 * cross-account copies), then team vaults. Most carry seed 000's deny policy and a compliance-mode lock;
 * a few have no policy, a policy exempting a whole role path, a governance lock, a lock in its grace
 * time, a too-short minimum retention, or no lock at all.
 *
 * @example
 * backupVaultDemoGenerator.generate(ctx).config.BackupVaultName; // 'daily'
 */
export const backupVaultDemoGenerator: DemoGenerator = {
  type: 'aws.backup.vault',
  scope: 'regional',
  weight: 0.6,
  min: STANDARD_VAULTS.length,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const shared = sharedBackupAccount(ctx.accounts)?.id === account.id;
    const name = index < STANDARD_VAULTS.length ? (shared && index === 1 ? CENTRAL_VAULT : (STANDARD_VAULTS[index] as string)) : `team-vault-${index}`;
    const arn = `arn:aws:backup:${region}:${account.id}:backup-vault:${name}`;
    const airGapped = name === 'airgapped';
    const createdDays = rng.int(60, 900);
    const config: Record<string, unknown> = {
      BackupVaultName: name,
      BackupVaultArn: arn,
      VaultType: airGapped ? 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' : 'BACKUP_VAULT',
      VaultState: 'AVAILABLE',
      EncryptionKeyArn: demoKeyArn(account.id, region, index % 3),
      CreationDate: isoDaysAgo(now, createdDays),
      CreatorRequestId: demoUuid('vault', account.id, region, index),
      NumberOfRecoveryPoints: rng.int(0, 5000),
      Tags: { owner: 'platform-backup' },
    };
    if (airGapped) {
      Object.assign(config, { Locked: true, MinRetentionDays: 7, MaxRetentionDays: 3653 });
    } else {
      const lock = rng.roll(0.5);
      if (forcedExample(ctx, 111) || lock < 0.04) {
        config.Locked = false;
      } else if (forcedExample(ctx, 112, 1) || lock < 0.08) {
        Object.assign(config, { Locked: true, MinRetentionDays: 7, MaxRetentionDays: 3653 }); // governance: no LockDate
      } else {
        const graceDays = forcedExample(ctx, 113, 2) || lock < 0.1 ? -rng.int(1, 3) : rng.int(3, createdDays - 3);
        Object.assign(config, {
          Locked: true,
          MinRetentionDays: forcedExample(ctx, 114, 2) || lock > 0.97 ? 1 : 7,
          MaxRetentionDays: 3653,
          LockDate: isoAt(now - graceDays * DAY_MS),
        });
      }
    }
    // Every vault, air-gapped ones too, may carry the deny-deletion policy (a roll: fixable on the demo estate).
    const pol = rng.roll(0.5);
    if (!(forcedExample(ctx, 115) || pol < 0.04)) {
      const exemptAll = forcedExample(ctx, 116, 1) || pol > 0.975;
      config.AccessPolicy = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyManualDeletion',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: DENY_ALL,
            Resource: '*',
            ...(exemptAll ? { Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${account.id}:role/*` } } } : {}),
          },
        ],
      };
    }
    return { id: name, arn, name, tags: { owner: 'platform-backup' }, config };
  },
};
