import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backupCopyMissingFilter } from './backup-copy-missing-filter.js';
import { backupPlanFrequencyRetentionFilter } from './backup-plan-frequency-retention-filter.js';
import { backupVaultAllowsManualDeleteFilter } from './backup-vault-allows-manual-delete-filter.js';
import { backupVaultLockTooWeakFilter } from './backup-vault-lock-too-weak-filter.js';
import { filterContext, res } from '../../../testing/backup-test-estate.js';

const NOW = '2026-11-22T12:00:00.000Z';
const ctx = filterContext([], NOW, { accounts: [{ id: '111122223333', name: 'prod' }, { id: '444455556666', name: 'backup-shared' }] });
const vault = (config: Record<string, unknown>) => res('aws.backup.vault', 'arn:aws:backup:eu-west-1:111122223333:backup-vault:daily', { BackupVaultName: 'daily', ...config });
const plan = (rules: unknown[]) => res('aws.backup.plan', 'arn:aws:backup:eu-west-1:111122223333:backup-plan:p', { BackupPlanId: 'p', BackupPlan: { BackupPlanName: 'p', Rules: rules } });
const deny = (extra: Record<string, unknown> = {}) => ({ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], Resource: '*', ...extra });
const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const BREAKGLASS = 'arn:aws:iam::111122223333:role/backup-breakglass';

test('manual delete: the deny-to-everyone statement of seed 000 passes; no policy or an Allow fails', () => {
  const f = backupVaultAllowsManualDeleteFilter.compile({ actions: ['backup:DeleteRecoveryPoint'], exemptRoleArns: [] });
  assert.equal(f(vault({ AccessPolicy: policy(deny()) }), ctx), null);
  assert.equal(f(vault({ AccessPolicy: policy({ ...deny(), Principal: '*', Action: 'backup:Delete*' }) }), ctx), null, 'wildcard action, string principal');
  const none = f(vault({}), ctx);
  assert.equal(none?.[0]?.actual, null);
  assert.notEqual(f(vault({ AccessPolicy: policy({ ...deny(), Effect: 'Allow' }) }), ctx), null);
  assert.notEqual(f(vault({ AccessPolicy: policy(deny({ Principal: { AWS: 'arn:aws:iam::111122223333:role/intern' } })) }), ctx), null, 'denies one role only');
  assert.notEqual(f(vault({ AccessPolicy: policy() }), ctx), null, 'empty Statement');
});

test('manual delete: conditions may exempt only the listed roles', () => {
  const exemptOk = deny({ Condition: { ArnNotLike: { 'aws:PrincipalArn': [BREAKGLASS] } } });
  const exemptOther = deny({ Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/*'] } } });
  const otherCondition = deny({ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } });
  const withExempt = backupVaultAllowsManualDeleteFilter.compile({ actions: ['backup:DeleteRecoveryPoint'], exemptRoleArns: [BREAKGLASS] });
  const strict = backupVaultAllowsManualDeleteFilter.compile({ actions: ['backup:DeleteRecoveryPoint'], exemptRoleArns: [] });
  assert.equal(withExempt(vault({ AccessPolicy: policy(exemptOk) }), ctx), null);
  assert.notEqual(strict(vault({ AccessPolicy: policy(exemptOk) }), ctx), null);
  assert.notEqual(withExempt(vault({ AccessPolicy: policy(exemptOther) }), ctx), null);
  assert.notEqual(withExempt(vault({ AccessPolicy: policy(otherCondition) }), ctx), null);
});

test('manual delete: each listed action must be denied', () => {
  const f = backupVaultAllowsManualDeleteFilter.compile({ actions: ['backup:DeleteRecoveryPoint', 'backup:DeleteBackupVault'], exemptRoleArns: [] });
  const ev = f(vault({ AccessPolicy: policy(deny()) }), ctx);
  assert.deepEqual(ev?.[0]?.actual, ['backup:DeleteBackupVault not denied']);
});

test('vault lock: governance vs compliance mode and the grace time', () => {
  const compliance = backupVaultLockTooWeakFilter.compile({ mode: 'compliance', allowGraceTime: true });
  const noGrace = backupVaultLockTooWeakFilter.compile({ mode: 'compliance', allowGraceTime: false });
  const governance = backupVaultLockTooWeakFilter.compile({ mode: 'governance', allowGraceTime: true });
  const govLock = vault({ Locked: true, MinRetentionDays: 7 });
  const inGrace = vault({ Locked: true, LockDate: '2026-11-24T12:00:00.000Z' });
  const immutable = vault({ Locked: true, LockDate: '2026-01-01T00:00:00.000Z' });
  assert.equal(governance(govLock, ctx), null);
  assert.equal(compliance(govLock, ctx)?.[0]?.path, 'LockDate');
  assert.equal(compliance(inGrace, ctx), null);
  assert.equal(noGrace(inGrace, ctx)?.[0]?.path, 'LockDate');
  assert.equal(noGrace(immutable, ctx), null);
  assert.equal(governance(vault({ Locked: false }), ctx)?.[0]?.path, 'Locked');
  assert.equal(governance(vault({}), ctx)?.[0]?.actual, null, 'never locked');
  assert.equal(noGrace(vault({ VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' }), ctx), null, 'air-gapped vaults are compliance-locked by design');
});

test('frequency and retention: one rule must meet both', () => {
  const f = backupPlanFrequencyRetentionFilter.compile({ maxIntervalDays: 1, minRetentionDays: 35 });
  assert.equal(f(plan([{ RuleName: 'd', ScheduleExpression: 'cron(0 3 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }]), ctx), null);
  assert.equal(f(plan([{ RuleName: 'forever', ScheduleExpression: 'cron(0 3 ? * * *)' }]), ctx), null, 'no DeleteAfterDays keeps forever');
  const split = f(plan([
    { RuleName: 'daily', ScheduleExpression: 'cron(0 3 ? * * *)', Lifecycle: { DeleteAfterDays: 7 } },
    { RuleName: 'weekly', ScheduleExpression: 'cron(0 3 ? * SUN *)', Lifecycle: { DeleteAfterDays: 90 } },
  ]), ctx);
  assert.equal(split?.[0]?.path, 'BackupPlan.Rules');
  assert.equal((split?.[0]?.actual as string[]).length, 2);
  assert.equal(f(plan([]), ctx)?.[0]?.note, 'the plan has no rules');
  assert.notEqual(f(res('aws.backup.plan', 'arn:x', {}), ctx), null, 'missing BackupPlan');
});

test('copies: cross-Region needs another Region, cross-account another organisation account', () => {
  const region = backupCopyMissingFilter.compile({ kind: 'cross-region', allowedRegions: [], allowedAccounts: [] });
  const account = backupCopyMissingFilter.compile({ kind: 'cross-account', allowedRegions: [], allowedAccounts: [] });
  const eea = backupCopyMissingFilter.compile({ kind: 'cross-region', allowedRegions: ['eu-west-1', 'eu-central-1'], allowedAccounts: [] });
  const copy = (dest: string) => plan([{ RuleName: 'd', CopyActions: [{ DestinationBackupVaultArn: dest, Lifecycle: { DeleteAfterDays: 35 } }] }]);
  const crossRegion = copy('arn:aws:backup:eu-central-1:111122223333:backup-vault:copy');
  const crossAccount = copy('arn:aws:backup:eu-west-1:444455556666:backup-vault:central');
  const outsider = copy('arn:aws:backup:eu-west-1:999999999999:backup-vault:central');
  const leavesEea = copy('arn:aws:backup:us-east-1:111122223333:backup-vault:copy');
  assert.equal(region(crossRegion, ctx), null);
  assert.notEqual(region(crossAccount, ctx), null, 'same Region in another account is not cross-Region');
  assert.equal(account(crossAccount, ctx), null);
  assert.notEqual(account(crossRegion, ctx), null);
  assert.match(String(account(outsider, ctx)?.[1]?.note), /999999999999/);
  assert.equal(region(leavesEea, ctx), null);
  assert.match(JSON.stringify(eea(leavesEea, ctx)), /copies to us-east-1, which is not allowed/);
  assert.equal(region(plan([{ RuleName: 'd' }]), ctx)?.[0]?.path, 'BackupPlan.Rules[*].CopyActions');
});
