// The EC2 account-setting and VPC actions against moto.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CreateVpcCommand, DescribeFlowLogsCommand, DisableEbsEncryptionByDefaultCommand, EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { motoRunner, motoSuite, mustSucceed, TEST_ACCOUNT, TEST_REGION } from '../../../testing/action-runner.js';

await motoSuite('ec2 actions against moto', (moto, cfg) => {
  const ec2 = new EC2Client(cfg);
  const run = motoRunner(moto);

  it('enable-ebs-encryption-by-default: dry-run changes nothing; enforce turns it on; rollback turns it off', async () => {
    await ec2.send(new DisableEbsEncryptionByDefaultCommand({}));
    const settings = { arn: `arn:aws:ec2:${TEST_REGION}:${TEST_ACCOUNT}:region-settings`, type: 'aws.ec2.region-settings' };
    const enabled = async () => (await ec2.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault;
    assert.equal((await run('ec2.enable-ebs-encryption-by-default', settings, { dryRun: true })).out.reason, 'dry-run');
    assert.equal(await enabled(), false);
    const { rollback } = await mustSucceed(run, 'ec2.enable-ebs-encryption-by-default', settings);
    assert.equal(await enabled(), true);
    await rollback();
    assert.equal(await enabled(), false);
  });

  it('create-flow-logs creates a REJECT flow log to the S3 bucket; rollback deletes only that one', async () => {
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc?.VpcId ?? '';
    const resource = { arn: `arn:aws:ec2:${TEST_REGION}:${TEST_ACCOUNT}:vpc/${vpc}`, type: 'aws.ec2.vpc' };
    const flowLogs = async () => (await ec2.send(new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpc] }] }))).FlowLogs ?? [];
    const rejected = await run('ec2.create-flow-logs', resource);
    assert.match(rejected.out.reason ?? '', /params of ec2.create-flow-logs are invalid at \/destinationArn/);
    const missing = await run('ec2.create-flow-logs', resource, { params: { destinationArn: 'arn:aws:s3:::no-such-bucket' } });
    assert.match(missing.record?.error ?? '', /CreateFlowLogs refused/);
    await new S3Client({ ...cfg, forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'flow-logs-central', CreateBucketConfiguration: { LocationConstraint: TEST_REGION } }));
    const { rollback } = await mustSucceed(run, 'ec2.create-flow-logs', resource, { params: { destinationArn: 'arn:aws:s3:::flow-logs-central' } });
    assert.deepEqual((await flowLogs()).map((f) => [f.TrafficType, f.LogDestinationType, f.LogDestination]), [['REJECT', 's3', 'arn:aws:s3:::flow-logs-central']]);
    await rollback();
    assert.deepEqual(await flowLogs(), []);
  });
});
