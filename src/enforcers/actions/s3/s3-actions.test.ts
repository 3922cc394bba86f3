// The S3 family against moto: seed through the SDK, enforce through the service, read back, roll back.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CreateTableCommand, DynamoDBClient, GetResourcePolicyCommand, PutResourcePolicyCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetBucketAclCommand, GetBucketPolicyCommand, GetBucketVersioningCommand, PutBucketAclCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { awsClientFactory } from '../../aws-api.js';
import { motoRunner, motoSuite, mustSucceed, TEST_ACCOUNT, TEST_REGION } from '../../../testing/action-runner.js';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

await motoSuite('s3 actions against moto', (moto, cfg) => {
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  // S3 Control needs the factory's local-endpoint handling (it prefixes the host with the account id).
  const control = awsClientFactory({ endpoint: cfg.endpoint, credentials: cfg.credentials })('s3control', TEST_REGION, TEST_ACCOUNT);
  const ddb = new DynamoDBClient(cfg);
  const run = motoRunner(moto);
  const bucket = async (name: string) => {
    await s3.send(new CreateBucketCommand({ Bucket: name, CreateBucketConfiguration: { LocationConstraint: TEST_REGION } }));
    return { arn: `arn:aws:s3:::${name}`, type: 'aws.s3.bucket' };
  };

  it('block-account-public-access: dry-run changes nothing; enforce turns the four account settings on; rollback removes the block it added', async () => {
    const account = { arn: `arn:aws:s3::${TEST_ACCOUNT}:account-public-access-block`, type: 'aws.s3.account-settings' };
    const read = () => control.send(new GetPublicAccessBlockCommand({ AccountId: TEST_ACCOUNT }));
    const dry = await run('s3.block-account-public-access', account, { dryRun: true });
    assert.deepEqual([dry.out.kind, dry.out.reason, dry.record?.before], ['skipped', 'dry-run', { config: null }]);
    await assert.rejects(read(), /NoSuchPublicAccessBlockConfiguration/);
    const { rollback } = await mustSucceed(run, 's3.block-account-public-access', account);
    assert.deepEqual((await read()).PublicAccessBlockConfiguration, { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    await rollback();
    await assert.rejects(read(), /NoSuchPublicAccessBlockConfiguration/);
  });

  it('enable-versioning enables versioning and refuses a rollback (S3 can only suspend it)', async () => {
    const b = await bucket('ver-1');
    const { rollback, record } = await mustSucceed(run, 's3.enable-versioning', b);
    assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: 'ver-1' }))).Status, 'Enabled');
    assert.deepEqual(record?.before, { status: null, mfaDelete: null });
    await assert.rejects(rollback(), /not reversible/);
  });

  it('private-acl removes the AllUsers grant and keeps the owner\'s; rollback puts the public grant back', async () => {
    const b = await bucket('acl-1');
    const acl = await s3.send(new GetBucketAclCommand({ Bucket: 'acl-1' }));
    await s3.send(new PutBucketAclCommand({ Bucket: 'acl-1', AccessControlPolicy: { Owner: acl.Owner, Grants: [...(acl.Grants ?? []), { Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'READ' }] } }));
    const grantees = async () => ((await s3.send(new GetBucketAclCommand({ Bucket: 'acl-1' }))).Grants ?? []).map((g) => g.Grantee?.URI ?? g.Grantee?.ID).sort();
    const dry = await run('s3.private-acl', b, { dryRun: true });
    assert.equal(dry.out.reason, 'dry-run');
    assert.equal((await grantees()).length, 2);
    const { rollback } = await mustSucceed(run, 's3.private-acl', b);
    assert.deepEqual(await grantees(), [acl.Owner?.ID]);
    await rollback();
    assert.deepEqual(await grantees(), [acl.Owner?.ID, ALL_USERS].sort());
  });

  it('remove-external-statements drops the outside account, keeps internal statements and principals; rollback restores the policy', async () => {
    const b = await bucket('share-1');
    const internal = { Sid: 'Analytics', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::share-1/*' };
    const mixed = { Sid: 'Mixed', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::210987654321:root', 'arn:aws:iam::999988887777:root'] }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::share-1' };
    const outside = { Sid: 'Partner', Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::share-1/*' };
    const original = JSON.stringify({ Version: '2012-10-17', Statement: [internal, mixed, outside] });
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'share-1', Policy: original }));
    const policy = async () => JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: 'share-1' }))).Policy ?? '{}');
    const { rollback } = await mustSucceed(run, 's3.remove-external-statements', b, { params: { internalAccounts: ['210987654321'] } });
    assert.deepEqual((await policy()).Statement, [internal, { ...mixed, Principal: { AWS: 'arn:aws:iam::210987654321:root' } }]);
    await rollback();
    assert.deepEqual((await policy()).Statement, [internal, mixed, outside]);
  });

  it('remove-external-statements on a DynamoDB table deletes a policy left with no statement', async () => {
    await ddb.send(new CreateTableCommand({ TableName: 'ledger', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }));
    const arn = `arn:aws:dynamodb:${TEST_REGION}:${TEST_ACCOUNT}:table/ledger`;
    const doc = { Version: '2012-10-17', Statement: [{ Sid: 'Everyone', Effect: 'Allow', Principal: '*', Action: 'dynamodb:GetItem', Resource: arn }] };
    await ddb.send(new PutResourcePolicyCommand({ ResourceArn: arn, Policy: JSON.stringify(doc) }));
    const { rollback } = await mustSucceed(run, 's3.remove-external-statements', { arn, type: 'aws.dynamodb.table' });
    await assert.rejects(ddb.send(new GetResourcePolicyCommand({ ResourceArn: arn })), /PolicyNotFound|not found/i);
    await rollback();
    assert.deepEqual(JSON.parse((await ddb.send(new GetResourcePolicyCommand({ ResourceArn: arn }))).Policy ?? '{}').Statement, doc.Statement);
  });
});
