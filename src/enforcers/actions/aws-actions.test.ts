// Every AWS action against moto: seed the resource through the SDK, enforce it through the service
// (real clients, declared commands only), read the resource back, and roll back where reversible.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, DescribeInstancesCommand, DescribeSecurityGroupsCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateUserCommand, IAMClient, ListAccessKeysCommand, ListAttachedUserPoliciesCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, DescribeKeyCommand, GetKeyRotationStatusCommand, KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { CreateDBInstanceCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateBucketCommand, GetBucketEncryptionCommand, GetBucketPolicyCommand, GetPublicAccessBlockCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { motoRunner, motoSuite, mustSucceed, TEST_ACCOUNT as ACCOUNT, TEST_REGION as REGION } from '../../testing/action-runner.js';

await motoSuite('AWS actions against moto', (moto, cfg) => {
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  const iam = new IAMClient({ ...cfg, region: 'us-east-1' });
  const ec2 = new EC2Client(cfg);
  const kms = new KMSClient(cfg);
  const logs = new CloudWatchLogsClient(cfg);
  const rds = new RDSClient(cfg);
  const run = motoRunner(moto);
  /** Runs one action through the service on a fresh store, asserting it succeeded; returns the record and a rollback. */
  const enforce = (action: string, resource: { arn: string; type: string }, params: Record<string, unknown> = {}) => mustSucceed(run, action, resource, { params });

  describe('s3', () => {
    it('block-public-access turns all four settings on; rollback removes the block it added', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'pab-1', CreateBucketConfiguration: { LocationConstraint: REGION } }));
      const { rollback } = await enforce('s3.block-public-access', { arn: 'arn:aws:s3:::pab-1', type: 'aws.s3.bucket' });
      const got = await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-1' }));
      assert.deepEqual(got.PublicAccessBlockConfiguration, { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
      await rollback();
      await assert.rejects(s3.send(new GetPublicAccessBlockCommand({ Bucket: 'pab-1' })), /NoSuchPublicAccessBlockConfiguration|does not exist|not found/i);
    });

    it('default-encryption sets SSE-KMS with the given key', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'enc-1', CreateBucketConfiguration: { LocationConstraint: REGION } }));
      await enforce('s3.default-encryption', { arn: 'arn:aws:s3:::enc-1', type: 'aws.s3.bucket' }, { kmsKeyId: 'alias/payments' });
      const rule = (await s3.send(new GetBucketEncryptionCommand({ Bucket: 'enc-1' }))).ServerSideEncryptionConfiguration?.Rules?.[0];
      assert.deepEqual([rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm, rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID], ['aws:kms', 'alias/payments']);
    });

    it('deny-insecure-transport merges its statement into the existing policy, keeping the others; rollback restores the original', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'tls-1', CreateBucketConfiguration: { LocationConstraint: REGION } }));
      const original = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'ReadForAnalytics', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::tls-1/*' }] });
      await s3.send(new PutBucketPolicyCommand({ Bucket: 'tls-1', Policy: original }));
      const { rollback } = await enforce('s3.deny-insecure-transport', { arn: 'arn:aws:s3:::tls-1', type: 'aws.s3.bucket' });
      const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: 'tls-1' }))).Policy ?? '{}');
      assert.deepEqual(policy.Statement.map((s: { Sid: string }) => s.Sid), ['ReadForAnalytics', 'VigilDenyInsecureTransport']);
      assert.deepEqual(policy.Statement[1].Condition, { Bool: { 'aws:SecureTransport': 'false' } });
      await rollback();
      assert.deepEqual(JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: 'tls-1' }))).Policy ?? '{}').Statement.map((s: { Sid: string }) => s.Sid), ['ReadForAnalytics']);
    });
  });

  describe('iam', () => {
    it('deactivate-access-key deactivates the listed key (never deletes it); rollback reactivates it', async () => {
      await iam.send(new CreateUserCommand({ UserName: 'alice' }));
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey?.AccessKeyId ?? '';
      const { rollback } = await enforce('iam.deactivate-access-key', { arn: `arn:aws:iam::${ACCOUNT}:user/alice`, type: 'aws.iam.user' }, { accessKeyIds: [key] });
      const status = async () => (await iam.send(new ListAccessKeysCommand({ UserName: 'alice' }))).AccessKeyMetadata?.map((k) => k.Status);
      assert.deepEqual(await status(), ['Inactive']);
      await rollback();
      assert.deepEqual(await status(), ['Active']);
    });

    it('detach-admin-policy detaches the admin policy from a user; rollback attaches it again', async () => {
      await iam.send(new CreateUserCommand({ UserName: 'bob' }));
      const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
      const policyArn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'admin-star', PolicyDocument: doc }))).Policy?.Arn ?? '';
      await iam.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: policyArn }));
      const { rollback } = await enforce('iam.detach-admin-policy', { arn: `arn:aws:iam::${ACCOUNT}:user/bob`, type: 'aws.iam.user' }, { policyArn });
      const attached = async () => (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'bob' }))).AttachedPolicies?.map((p) => p.PolicyArn);
      assert.deepEqual(await attached(), []);
      await rollback();
      assert.deepEqual(await attached(), [policyArn]);
    });
  });

  describe('ec2', () => {
    const instance = async () => (await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' }))).Instances?.[0]?.InstanceId ?? '';
    const describe1 = async (id: string) => (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0];

    it('stop-instance stops a running instance; rollback starts it again', async () => {
      const id = await instance();
      const { rollback } = await enforce('ec2.stop-instance', { arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${id}`, type: 'aws.ec2.instance' });
      assert.ok(['stopping', 'stopped'].includes((await describe1(id))?.State?.Name ?? ''));
      await rollback();
      assert.ok(['pending', 'running'].includes((await describe1(id))?.State?.Name ?? ''));
    });

    it('require-imdsv2 sets HttpTokens=required', async () => {
      const id = await instance();
      await enforce('ec2.require-imdsv2', { arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${id}`, type: 'aws.ec2.instance' });
      assert.equal((await describe1(id))?.MetadataOptions?.HttpTokens, 'required');
    });

    it('revoke-open-admin-port revokes only the internet-open SSH range, keeping the office range and HTTPS', async () => {
      const sg = (await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web' }))).GroupId ?? '';
      await ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: sg,
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }, { CidrIp: '10.1.0.0/16' }] },
            { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
        }),
      );
      await enforce('ec2.revoke-open-admin-port', { arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${sg}`, type: 'aws.ec2.security-group' });
      const perms = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [sg] }))).SecurityGroups?.[0]?.IpPermissions ?? [];
      const ranges = perms.map((p) => [p.FromPort, (p.IpRanges ?? []).map((r) => r.CidrIp)]).sort();
      assert.deepEqual(ranges, [[22, ['10.1.0.0/16']], [443, ['0.0.0.0/0']]]);
    });
  });

  describe('kms', () => {
    it('enable-key-rotation turns rotation on; rollback turns it off again', async () => {
      const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId ?? '';
      const { rollback } = await enforce('kms.enable-key-rotation', { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${key}`, type: 'aws.kms.key' });
      assert.equal((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key }))).KeyRotationEnabled, true);
      await rollback();
      assert.equal((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key }))).KeyRotationEnabled, false);
    });

    it('cancel-key-deletion brings a key back from PendingDeletion and cannot be rolled back', async () => {
      const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId ?? '';
      await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key, PendingWindowInDays: 7 }));
      const { rollback } = await enforce('kms.cancel-key-deletion', { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${key}`, type: 'aws.kms.key' });
      assert.notEqual((await kms.send(new DescribeKeyCommand({ KeyId: key }))).KeyMetadata?.KeyState, 'PendingDeletion');
      await assert.rejects(rollback(), /not reversible/);
    });
  });

  describe('logs and rds', () => {
    it('raise-retention raises 7 days to the smallest allowed value ≥ 90', async () => {
      await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/payments' }));
      await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/app/payments', retentionInDays: 7 }));
      await enforce('logs.raise-retention', { arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/app/payments:*`, type: 'aws.logs.log-group' }, { minimumDays: 100 });
      const g = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/app/payments' }))).logGroups?.[0];
      assert.equal(g?.retentionInDays, 120);
    });


    it('rds enable-deletion-protection', async () => {
      await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'ledger', DBInstanceClass: 'db.t3.micro', Engine: 'postgres', MasterUsername: 'u', MasterUserPassword: 'password123', AllocatedStorage: 20 }));
      await enforce('rds.enable-deletion-protection', { arn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:ledger`, type: 'aws.rds.db-instance' });
      assert.equal((await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'ledger' }))).DBInstances?.[0]?.DeletionProtection, true);
    });


  });
});
