// The RDS and DynamoDB actions against moto: seed, enforce through the service, read back, roll back.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CreateTableCommand, DescribeContinuousBackupsCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateDBClusterCommand, CreateDBInstanceCommand, DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient, type CreateDBInstanceMessage } from '@aws-sdk/client-rds';
import { motoRunner, motoSuite, mustSucceed, TEST_ACCOUNT, TEST_REGION } from '../../../testing/action-runner.js';

await motoSuite('rds and dynamodb actions against moto', (moto, cfg) => {
  const rds = new RDSClient(cfg);
  const ddb = new DynamoDBClient(cfg);
  const run = motoRunner(moto);
  const db = async (id: string, over: Partial<CreateDBInstanceMessage> = {}) => {
    await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: id, DBInstanceClass: 'db.t3.micro', Engine: 'postgres', MasterUsername: 'u', MasterUserPassword: 'password123', AllocatedStorage: 20, ...over }));
    return { arn: `arn:aws:rds:${TEST_REGION}:${TEST_ACCOUNT}:db:${id}`, type: 'aws.rds.db-instance' };
  };
  const read = async (id: string) => (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))).DBInstances?.[0];

  it('disable-public-access: dry-run leaves it public; enforce turns it off; rollback makes it public again', async () => {
    const r = await db('pub-1', { PubliclyAccessible: true });
    const dry = await run('rds.disable-public-access', r, { dryRun: true });
    assert.deepEqual([dry.out.reason, dry.record?.before], ['dry-run', { publiclyAccessible: true }]);
    assert.equal((await read('pub-1'))?.PubliclyAccessible, true);
    const { rollback } = await mustSucceed(run, 'rds.disable-public-access', r);
    assert.equal((await read('pub-1'))?.PubliclyAccessible, false);
    await rollback();
    assert.equal((await read('pub-1'))?.PubliclyAccessible, true);
  });

  it('enable-multi-az converts the instance; rollback converts it back', async () => {
    const r = await db('maz-1', { MultiAZ: false });
    const { rollback } = await mustSucceed(run, 'rds.enable-multi-az', r, { params: { applyImmediately: true } });
    assert.equal((await read('maz-1'))?.MultiAZ, true);
    await rollback();
    assert.equal((await read('maz-1'))?.MultiAZ, false);
  });

  it('modify-backup-retention raises 1 day to 7, leaves 30 days alone (never lowers); rollback restores 1', async () => {
    const r = await db('ret-1', { BackupRetentionPeriod: 1 });
    const { rollback } = await mustSucceed(run, 'rds.modify-backup-retention', r, { params: { applyImmediately: true } });
    assert.equal((await read('ret-1'))?.BackupRetentionPeriod, 7);
    await rollback();
    assert.equal((await read('ret-1'))?.BackupRetentionPeriod, 1);
    const long = await db('ret-2', { BackupRetentionPeriod: 30 });
    const skip = await run('rds.modify-backup-retention', long, { params: { minimumDays: 14 } });
    assert.deepEqual([skip.out.kind, skip.out.reason], ['skipped', 'already-compliant']);
    assert.equal((await read('ret-2'))?.BackupRetentionPeriod, 30);
  });

  it('enable-cluster-deletion-protection protects an Aurora cluster; rollback unprotects it; a protected one is left alone', async () => {
    const cluster = async (id: string, DeletionProtection: boolean) => {
      await rds.send(new CreateDBClusterCommand({ DBClusterIdentifier: id, Engine: 'aurora-postgresql', MasterUsername: 'u', MasterUserPassword: 'password123', DeletionProtection }));
      return { arn: `arn:aws:rds:${TEST_REGION}:${TEST_ACCOUNT}:cluster:${id}`, type: 'aws.rds.db-cluster' };
    };
    const protectedNow = async (id: string) => (await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }))).DBClusters?.[0]?.DeletionProtection;
    const r = await cluster('aurora-1', false);
    const dry = await run('rds.enable-cluster-deletion-protection', r, { dryRun: true });
    assert.deepEqual([dry.out.reason, dry.record?.before], ['dry-run', { deletionProtection: false }]);
    assert.equal(await protectedNow('aurora-1'), false);
    const { rollback } = await mustSucceed(run, 'rds.enable-cluster-deletion-protection', r);
    assert.equal(await protectedNow('aurora-1'), true);
    await rollback();
    assert.equal(await protectedNow('aurora-1'), false);
    const skip = await run('rds.enable-cluster-deletion-protection', await cluster('aurora-2', true));
    assert.deepEqual([skip.out.kind, skip.out.reason], ['skipped', 'already-compliant']);
  });

  it('dynamodb enable-pitr turns point-in-time recovery on; rollback turns it off', async () => {
    await ddb.send(new CreateTableCommand({ TableName: 'orders', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
    const status = async () => (await ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'orders' }))).ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
    const t = { arn: `arn:aws:dynamodb:${TEST_REGION}:${TEST_ACCOUNT}:table/orders`, type: 'aws.dynamodb.table' };
    await run('dynamodb.enable-pitr', t, { dryRun: true });
    assert.equal(await status(), 'DISABLED');
    const { rollback } = await mustSucceed(run, 'dynamodb.enable-pitr', t);
    assert.equal(await status(), 'ENABLED');
    await rollback();
    assert.equal(await status(), 'DISABLED');
  });
});
