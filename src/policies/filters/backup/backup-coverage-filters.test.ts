import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Resource } from '../../../inventory/resource.js';
import { backupRecoveryPointStaleFilter } from './backup-recovery-point-stale-filter.js';
import { backupResourceNotInPlanFilter } from './backup-resource-not-in-plan-filter.js';
import { retentionsOf } from '../../../inventory/resource-types/backup/backup-policy-retentions.js';
import { backupTagPolicyUnmetFilter } from './backup-tag-policy-unmet-filter.js';
import { filterContext, res } from '../../../testing/backup-test-estate.js';

const NOW = '2026-11-22T12:00:00.000Z';
const table = (name: string, tags: Record<string, string> = {}, more: Partial<Resource> = {}): Resource =>
  res('aws.dynamodb.table', `arn:aws:dynamodb:eu-west-1:111122223333:table/${name}`, { Table: { TableName: name } }, { tags, ...more });
const selection = (id: string, planId: string, bs: Record<string, unknown>, more: Partial<Resource> = {}): Resource =>
  res('aws.backup.selection', `arn:aws:backup:eu-west-1:111122223333:backup-plan:${planId}/selection/${id}`, { SelectionId: id, BackupPlanId: planId, BackupSelection: bs }, more);
const plan = (id: string, rules: unknown[]): Resource =>
  res('aws.backup.plan', `arn:aws:backup:eu-west-1:111122223333:backup-plan:${id}`, { BackupPlanId: id, BackupPlan: { BackupPlanName: id, Rules: rules } });
const rp = (id: string, resourceArn: string, creation: string, more: Record<string, unknown> = {}): Resource =>
  res('aws.backup.recovery-point', `arn:aws:backup:eu-west-1:111122223333:recovery-point:${id}`, { RecoveryPointArn: `arn:aws:backup:eu-west-1:111122223333:recovery-point:${id}`, ResourceArn: resourceArn, Status: 'COMPLETED', CreationDate: creation, BackupVaultName: 'daily', ...more });

const notInPlan = backupResourceNotInPlanFilter.compile({});

test('a resource is in a plan by exact ARN, by wildcard, by ListOfTags or by Conditions', () => {
  const byArn = table('a');
  const byWildcard = table('b-prod');
  const byTag = table('c', { backup: 'db_30_365_2555' });
  const byCond = table('d', { team: 'payments', env: 'prod' });
  const none = table('e', { backup: 'something-else' });
  const ctx = filterContext(
    [
      selection('s1', 'p1', { Resources: [byArn.arn] }),
      selection('s2', 'p1', { Resources: ['arn:aws:dynamodb:*:*:table/*-prod'] }),
      selection('s3', 'p1', { ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'db_30_365_2555' }] }),
      selection('s4', 'p1', { Resources: ['*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/team', ConditionValue: 'payments' }], StringLike: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'pro*' }] } }),
    ],
    NOW,
  );
  for (const t of [byArn, byWildcard, byTag, byCond]) assert.equal(notInPlan(t, ctx), null, t.name);
  const ev = notInPlan(none, ctx);
  assert.equal(ev?.[0]?.path, '$arn');
  assert.equal(ctx.builds.get('backup:selections-by-scope'), 1, 'selections are compiled once per scan');
});

test('Conditions are ANDed, NotResources excludes, and other accounts or Regions are never selected', () => {
  const half = table('x', { team: 'payments' });
  const excluded = table('y', { backup: 'daily_35' });
  const otherRegion = table('z', { backup: 'daily_35' }, { region: 'eu-central-1', arn: 'arn:aws:dynamodb:eu-central-1:111122223333:table/z' });
  const ctx = filterContext(
    [
      selection('s1', 'p1', { Resources: ['*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/team', ConditionValue: 'payments' }, { ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] } }),
      selection('s2', 'p1', { ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily_35' }], NotResources: [excluded.arn] }),
    ],
    NOW,
  );
  assert.notEqual(notInPlan(half, ctx), null);
  assert.notEqual(notInPlan(excluded, ctx), null);
  assert.notEqual(notInPlan(otherRegion, ctx), null);
});

test('empty selections and an estate without selections select nothing', () => {
  const t = table('a', { backup: 'daily_35' });
  assert.notEqual(notInPlan(t, filterContext([selection('s', 'p', { Resources: [], ListOfTags: [] })], NOW)), null);
  assert.notEqual(notInPlan(t, filterContext([], NOW)), null);
});

test('last recovery point: newest completed one counts, failed or old ones do not', () => {
  const f = backupRecoveryPointStaleFilter.compile({ maxAgeDays: 1, airGappedOnly: false, onlyInPlan: false });
  const t = table('a');
  assert.equal(f(t, filterContext([rp('1', t.arn, '2026-11-22T03:00:00.000Z'), rp('0', t.arn, '2026-10-01T03:00:00.000Z')], NOW)), null);
  const stale = f(t, filterContext([rp('1', t.arn, '2026-11-22T03:00:00.000Z', { Status: 'PARTIAL' }), rp('0', t.arn, '2026-11-19T03:00:00.000Z')], NOW));
  assert.equal(stale?.[0]?.actual, '2026-11-19T03:00:00.000Z');
  const none = f(t, filterContext([], NOW));
  assert.equal(none?.[0]?.actual, null);
});

test('last recovery point: resources outside any plan are left to the coverage control', () => {
  const f = backupRecoveryPointStaleFilter.compile({ maxAgeDays: 1, airGappedOnly: false, onlyInPlan: true });
  const t = table('a', { backup: 'daily_35' });
  assert.equal(f(t, filterContext([], NOW)), null);
  const ctx = filterContext([selection('s', 'p', { ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily_35' }] })], NOW);
  assert.notEqual(f(t, ctx), null);
});

test('air-gapped: only recovery points in a logically air-gapped vault count (VaultType or the vault record)', () => {
  const f = backupRecoveryPointStaleFilter.compile({ maxAgeDays: 7, airGappedOnly: true, onlyInPlan: false });
  const t = table('a');
  const vault = res('aws.backup.vault', 'arn:aws:backup:eu-west-1:999988887777:backup-vault:lag', { VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' });
  assert.notEqual(f(t, filterContext([rp('1', t.arn, '2026-11-21T00:00:00.000Z', { VaultType: 'BACKUP_VAULT' })], NOW)), null);
  assert.equal(f(t, filterContext([rp('1', t.arn, '2026-11-20T00:00:00.000Z', { VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' })], NOW)), null);
  assert.equal(f(t, filterContext([vault, rp('1', t.arn, '2026-11-20T00:00:00.000Z', { BackupVaultArn: vault.arn })], NOW)), null);
  assert.notEqual(f(t, filterContext([rp('1', t.arn, '2026-11-01T00:00:00.000Z', { VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' })], NOW)), null, 'too old');
});

test('tag policy names resolve to retentions', () => {
  assert.deepEqual(retentionsOf('db_30_365_2555'), [30, 365, 2555]);
  assert.deepEqual(retentionsOf('daily_35'), [35]);
  assert.deepEqual(retentionsOf('gold'), []);
});

test('tag policy: a prod store needs a known tag and a selecting plan keeping every promised retention', () => {
  const f = backupTagPolicyUnmetFilter.compile({ tagKey: 'backup', knownPolicies: ['db_30_365_2555', 'daily_35'], environments: ['prod'] });
  const org = { accounts: [{ id: '111122223333', name: 'payments-prod', environment: 'prod' }] };
  const sel = selection('s', 'p', { ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'db_30_365_2555' }] });
  const full = plan('p', [{ RuleName: 'daily', Lifecycle: { DeleteAfterDays: 30 } }, { RuleName: 'monthly', Lifecycle: { DeleteAfterDays: 365 } }, { RuleName: 'yearly', Lifecycle: { DeleteAfterDays: 2555 } }]);
  const short = plan('p', [{ RuleName: 'daily', Lifecycle: { DeleteAfterDays: 30 } }, { RuleName: 'monthly', Lifecycle: { DeleteAfterDays: 365 } }]);
  const tagged = table('a', { backup: 'db_30_365_2555' });
  assert.equal(f(tagged, filterContext([sel, full], NOW, org)), null);
  assert.match(String(f(tagged, filterContext([sel, short], NOW, org))?.[0]?.note), /2555/);
  assert.equal(f(table('b'), filterContext([sel, full], NOW, org))?.[0]?.actual, null, 'untagged');
  assert.equal(f(table('c', { backup: 'db_7' }), filterContext([sel, full], NOW, org))?.[0]?.actual, 'db_7', 'unknown policy');
  assert.match(String(f(table('d', { backup: 'daily_35' }), filterContext([sel, full], NOW, org))?.[0]?.note), /no backup selection/);
  const dev = { accounts: [{ id: '111122223333', name: 'payments-dev', environment: 'dev' }] };
  assert.equal(f(table('e'), filterContext([], NOW, dev)), null, 'out of scope');
});
