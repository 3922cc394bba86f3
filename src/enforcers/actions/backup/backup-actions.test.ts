// The AWS Backup actions: vault lock against moto; plans, jobs, restore tests and recovery points
// (which moto does not serve) against the AWS wire format, asserting the exact requests.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackupClient, CreateBackupVaultCommand, DescribeBackupVaultCommand } from '@aws-sdk/client-backup';
import type { WireRequest } from '../../../testing/aws-wire-stub.js';
import { motoRunner, motoSuite, mustSucceed, runOnWire, TEST_ACCOUNT, TEST_REGION } from '../../../testing/action-runner.js';

const A = '111122223333';
const writes = (requests: readonly (readonly [string, unknown])[]) => requests.filter(([op]) => !op.startsWith('GET') && !op.startsWith('Get'));

await motoSuite('backup vault lock against moto', (moto, cfg) => {
  it('put-vault-lock: refused without an approval, saying why; with one, locks in compliance mode; no rollback', async () => {
    const backup = new BackupClient(cfg);
    await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'ledger-vault' }));
    const vault = { arn: `arn:aws:backup:${TEST_REGION}:${TEST_ACCOUNT}:backup-vault:ledger-vault`, type: 'aws.backup.vault' };
    const run = motoRunner(moto);
    const refused = await run('backup.put-vault-lock', vault, { approval: false });
    assert.match(refused.out.reason ?? '', /approval/);
    const { rollback } = await mustSucceed(run, 'backup.put-vault-lock', vault, { approval: true, params: { minRetentionDays: 35 } });
    const v = await backup.send(new DescribeBackupVaultCommand({ BackupVaultName: 'ledger-vault' }));
    assert.deepEqual([v.Locked, v.MinRetentionDays, v.MaxRetentionDays], [true, 35, 3653]);
    await assert.rejects(rollback(), /not reversible/);
  });
});

describe('backup actions against the AWS wire format', () => {
  it('put-vault-lock in compliance mode is refused without an approval even when approvals are off for its risk class, and the reason says so', async () => {
    const { out, requests } = await runOnWire('backup.put-vault-lock', { arn: `arn:aws:backup:eu-west-1:${A}:backup-vault:v`, type: 'aws.backup.vault' }, () => ({ body: { BackupVaultName: 'v', Locked: false } }), { approvalFor: [] });
    assert.match(out.reason ?? '', /compliance-mode vault lock cannot be changed or removed by anyone after its 3-day grace time: it always needs an approval/);
    assert.deepEqual(writes(requests), []);
  });

  const PLAN = { arn: `arn:aws:backup:eu-west-1:${A}:backup-plan:plan-1`, type: 'aws.backup.plan' };
  const planModel = (rules: Record<string, unknown>[]) => (r: WireRequest) => {
    if (r.method === 'POST' && r.path.startsWith('/backup/plans/plan-1')) rules.splice(0, rules.length, ...((r.body as { BackupPlan: { Rules: Record<string, unknown>[] } }).BackupPlan.Rules));
    return { body: { BackupPlanId: 'plan-1', VersionId: 'v1', BackupPlan: { BackupPlanName: 'db', Rules: rules.map((x, i) => ({ RuleId: `r${i}`, ...x })) } } };
  };

  it('update-plan raises the daily rule\'s 7-day retention to 35 (weekly rule untouched); rollback writes the old rules back', async () => {
    const daily = { RuleName: 'daily', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 3 ? * * *)', Lifecycle: { DeleteAfterDays: 7 } };
    const weekly = { RuleName: 'weekly', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 3 ? * SUN *)', Lifecycle: { DeleteAfterDays: 365 } };
    const { out, requests, rollbackRequests } = await runOnWire('backup.update-plan', PLAN, planModel([daily, weekly]), { rollback: true });
    assert.equal(out.kind, 'succeeded');
    assert.deepEqual(writes(requests), [['POST /backup/plans/plan-1', { BackupPlan: { BackupPlanName: 'db', Rules: [{ ...daily, Lifecycle: { DeleteAfterDays: 35 } }, weekly] } }]]);
    assert.deepEqual(writes(rollbackRequests), [['POST /backup/plans/plan-1', { BackupPlan: { BackupPlanName: 'db', Rules: [daily, weekly] } }]]);
  });

  it('update-plan adds a daily rule when only a weekly one exists', async () => {
    const weekly = { RuleName: 'weekly', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 3 ? * SUN *)', Lifecycle: { DeleteAfterDays: 365 } };
    const { requests } = await runOnWire('backup.update-plan', PLAN, planModel([weekly]));
    const rules = (writes(requests)[0]?.[1] as { BackupPlan: { Rules: unknown[] } }).BackupPlan.Rules;
    assert.deepEqual(rules, [weekly, { RuleName: 'vigil-daily', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 3 ? * * *)', Lifecycle: { DeleteAfterDays: 35 } }]);
  });

  it('add-copy-action adds the destination to each rule, keeping an existing copy; a database without a plan id is refused', async () => {
    const dest = `arn:aws:backup:eu-central-1:${A}:backup-vault:dr`;
    const other = { DestinationBackupVaultArn: `arn:aws:backup:eu-west-1:444455556666:backup-vault:audit` };
    const rule = { RuleName: 'daily', TargetBackupVaultName: 'main', ScheduleExpression: 'cron(0 3 ? * * *)', Lifecycle: { DeleteAfterDays: 35 }, CopyActions: [other] };
    const { out, requests } = await runOnWire('backup.add-copy-action', PLAN, planModel([rule]), { params: { destinationVaultArn: dest } });
    assert.equal(out.kind, 'succeeded');
    assert.deepEqual((writes(requests)[0]?.[1] as { BackupPlan: { Rules: { CopyActions: unknown[] }[] } }).BackupPlan.Rules[0]?.CopyActions, [other, { DestinationBackupVaultArn: dest, Lifecycle: { DeleteAfterDays: 35 } }]);
    const db = await runOnWire('backup.add-copy-action', { arn: `arn:aws:rds:eu-west-1:${A}:db:ledger`, type: 'aws.rds.db-instance' }, () => ({ body: {} }), { params: { destinationVaultArn: dest } });
    assert.match(db.out.reason ?? '', /give params.backupPlanId/);
    assert.deepEqual(db.requests, []);
  });

  it('start-backup-job starts one job to the Default vault with the default role and the message\'s idempotency key', async () => {
    const db = `arn:aws:rds:eu-west-1:${A}:db:ledger`;
    let started = false;
    const { out, requests } = await runOnWire('backup.start-backup-job', { arn: db, type: 'aws.rds.db-instance' }, (r) => {
      if (r.method === 'PUT') started = true;
      if (r.path.startsWith('/backup-jobs') && r.method === 'GET') return { body: { BackupJobs: started ? [{ BackupJobId: 'j-1', State: 'CREATED', CreationDate: 1_765_000_000 }] : [] } };
      if (r.path.includes('/recovery-points')) return { body: { RecoveryPoints: [{ RecoveryPointArn: 'rp', Status: 'COMPLETED', CreationDate: 1_700_000_000 }] } };
      return { body: { BackupJobId: 'j-1' } };
    });
    assert.equal(out.kind, 'succeeded');
    assert.deepEqual(writes(requests), [
      ['PUT /backup-jobs', { BackupVaultName: 'Default', ResourceArn: db, IamRoleArn: `arn:aws:iam::${A}:role/service-role/AWSBackupDefaultServiceRole`, Lifecycle: { DeleteAfterDays: 35 }, IdempotencyToken: 'v-1:4' }],
    ]);
  });

  it('create-restore-testing-plan creates the plan and a selection for the restored type; rollback deletes both', async () => {
    const plans: string[] = [];
    const { out, requests, rollbackRequests } = await runOnWire('backup.create-restore-testing-plan', { arn: `arn:aws:backup:eu-west-1:${A}:restore-job:rj-9`, type: 'aws.backup.restore-job' }, (r) => {
      if (r.path === '/restore-jobs/rj-9') return { body: { RestoreJobId: 'rj-9', ResourceType: 'RDS' } };
      if (r.method === 'PUT' && r.path === '/restore-testing/plans') plans.push('vigil_weekly_restore_test');
      if (r.method === 'GET' && r.path === '/restore-testing/plans') return { body: { RestoreTestingPlans: plans.map((n) => ({ RestoreTestingPlanName: n, RestoreTestingPlanArn: `arn:${n}`, ScheduleExpression: 'cron(0 5 ? * SUN *)', CreationTime: 1 })) } };
      return { body: {} };
    }, { rollback: true });
    assert.equal(out.kind, 'succeeded');
    const w = writes(requests);
    assert.deepEqual(w.map(([op]) => op), ['PUT /restore-testing/plans', 'PUT /restore-testing/plans/vigil_weekly_restore_test/selections']);
    assert.equal((w[1]?.[1] as { RestoreTestingSelection: { ProtectedResourceType: string } }).RestoreTestingSelection.ProtectedResourceType, 'RDS');
    assert.deepEqual(writes(rollbackRequests).map(([op]) => op), ['DELETE /restore-testing/plans/vigil_weekly_restore_test/selections/vigil_latest_recovery_point', 'DELETE /restore-testing/plans/vigil_weekly_restore_test']);
  });

  it('raise-recovery-point-lifecycle finds the vault, raises 7 days to 35 keeping cold storage + 90; never lowers', async () => {
    const rp = `arn:aws:backup:eu-west-1:${A}:recovery-point:abc`;
    let lifecycle: Record<string, number> = { DeleteAfterDays: 7 };
    const reply = (r: WireRequest) => {
      if (r.path === '/backup-vaults') return { body: { BackupVaultList: [{ BackupVaultName: 'other' }, { BackupVaultName: 'main' }] } };
      if (r.path.startsWith('/backup-vaults/other/')) return { status: 404, body: { __type: 'ResourceNotFoundException', message: 'not here' } };
      if (r.method === 'POST') lifecycle = (r.body as { Lifecycle: Record<string, number> }).Lifecycle;
      return { body: { RecoveryPointArn: rp, BackupVaultName: 'main', Lifecycle: lifecycle } };
    };
    const { out, requests } = await runOnWire('backup.raise-recovery-point-lifecycle', { arn: rp, type: 'aws.backup.recovery-point' }, reply);
    assert.equal(out.kind, 'succeeded');
    assert.deepEqual(writes(requests), [[`POST /backup-vaults/main/recovery-points/${rp}`, { Lifecycle: { DeleteAfterDays: 35 } }]]);
    lifecycle = { DeleteAfterDays: 10, MoveToColdStorageAfterDays: 1 };
    const cold = await runOnWire('backup.raise-recovery-point-lifecycle', { arn: rp, type: 'aws.backup.recovery-point' }, reply);
    assert.deepEqual(writes(cold.requests)[0]?.[1], { Lifecycle: { DeleteAfterDays: 91, MoveToColdStorageAfterDays: 1 } });
    lifecycle = { DeleteAfterDays: 400 };
    assert.equal((await runOnWire('backup.raise-recovery-point-lifecycle', { arn: rp, type: 'aws.backup.recovery-point' }, reply)).out.reason, 'already-compliant');
  });

  it('tag-resource tags a store without a backup tag and refuses to retag an unknown policy name', async () => {
    const arn = `arn:aws:dynamodb:eu-west-1:${A}:table/orders`;
    const tagging = (tags: Record<string, string>) => (r: WireRequest) => {
      if (r.operation === 'TagResources') Object.assign(tags, (r.body as { Tags: Record<string, string> }).Tags);
      return { body: r.operation === 'GetResources' ? { ResourceTagMappingList: [{ ResourceARN: arn, Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }] } : { FailedResourcesMap: {} } };
    };
    const { out, requests } = await runOnWire('backup.tag-resource', { arn, type: 'aws.dynamodb.table' }, tagging({ env: 'prod' }));
    assert.equal(out.kind, 'succeeded');
    assert.deepEqual(requests[1], ['TagResources', { ResourceARNList: [arn], Tags: { backup: 'db_30_365_2555' } }]);
    const odd = await runOnWire('backup.tag-resource', { arn, type: 'aws.dynamodb.table' }, tagging({ backup: 'none' }));
    assert.match(odd.out.reason ?? '', /backup=none names no known backup policy/);
    assert.deepEqual(writes(odd.requests), []);
  });
});
