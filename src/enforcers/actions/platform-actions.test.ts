// The platform families against moto: config, ecs, elbv2, and eks.replace-node (through Auto Scaling).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AutoScalingClient, CreateAutoScalingGroupCommand, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { ConfigServiceClient, DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand, PutConfigurationRecorderCommand, PutDeliveryChannelCommand } from '@aws-sdk/client-config-service';
import { CreateLaunchTemplateCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateClusterCommand, CreateServiceCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListTaskDefinitionsCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateListenerCommand, CreateLoadBalancerCommand, DescribeListenersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient, UploadServerCertificateCommand } from '@aws-sdk/client-iam';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { motoRunner, motoSuite, mustSucceed, TEST_ACCOUNT, TEST_REGION } from '../../testing/action-runner.js';

// moto stores a server certificate without parsing it.
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----';

await motoSuite('platform actions against moto', (moto, cfg) => {
  const run = motoRunner(moto);
  const ec2 = new EC2Client(cfg);
  const subnets = async (cidr: string) => {
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: `${cidr}.0.0/16` }))).Vpc?.VpcId ?? '';
    const a = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `${cidr}.1.0/24`, AvailabilityZone: `${TEST_REGION}a` }))).Subnet?.SubnetId ?? '';
    const b = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `${cidr}.2.0/24`, AvailabilityZone: `${TEST_REGION}b` }))).Subnet?.SubnetId ?? '';
    return [a, b];
  };

  it('config start-recorder: refuses a recorder without a delivery channel, then records all types and starts; rollback restores and stops', async () => {
    const config = new ConfigServiceClient(cfg);
    const roleARN = `arn:aws:iam::${TEST_ACCOUNT}:role/config`;
    await config.send(new PutConfigurationRecorderCommand({ ConfigurationRecorder: { name: 'default', roleARN, recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ['AWS::S3::Bucket'] } } }));
    const recorder = { arn: `arn:aws:config:${TEST_REGION}:${TEST_ACCOUNT}:config-recorder/default`, type: 'aws.config.recorder' };
    const refused = await run('config.start-recorder', recorder);
    assert.match(refused.out.reason ?? '', /guard: the recorder has no delivery channel/);
    await new S3Client({ ...cfg, forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'config-central', CreateBucketConfiguration: { LocationConstraint: TEST_REGION } }));
    await config.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: 'default', s3BucketName: 'config-central' } }));
    const state = async () => [
      (await config.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders?.[0]?.recordingGroup?.allSupported,
      (await config.send(new DescribeConfigurationRecorderStatusCommand({}))).ConfigurationRecordersStatus?.[0]?.recording,
    ];
    const { rollback } = await mustSucceed(run, 'config.start-recorder', recorder);
    assert.deepEqual(await state(), [true, true]);
    await rollback();
    assert.deepEqual(await state(), [false, false]);
  });

  it('ecs register-readonly-revision registers revision 2 with read-only roots and deploys it to the services on revision 1 (with an approval); rollback moves them back and deregisters it', async () => {
    const ecs = new ECSClient(cfg);
    const containers = [{ name: 'api', image: 'nginx', memory: 256 }, { name: 'sidecar', image: 'envoy', memory: 128, readonlyRootFilesystem: true }];
    const arn = (await ecs.send(new RegisterTaskDefinitionCommand({ family: 'payments-api', containerDefinitions: containers, taskRoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/api` }))).taskDefinition?.taskDefinitionArn ?? '';
    const other = (await ecs.send(new RegisterTaskDefinitionCommand({ family: 'ledger', containerDefinitions: [{ name: 'ledger', image: 'ledger', memory: 128 }] }))).taskDefinition?.taskDefinitionArn ?? '';
    const services: Array<[string, string, string]> = [['prod', 'api', arn], ['prod', 'ledger', other], ['canary', 'api-canary', arn]];
    for (const cluster of ['prod', 'canary']) await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    for (const [cluster, serviceName, taskDefinition] of services) await ecs.send(new CreateServiceCommand({ cluster, serviceName, taskDefinition, desiredCount: 1 }));
    const running = async () => Promise.all(services.map(async ([cluster, service]) => (await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }))).services?.[0]?.taskDefinition));
    const resource = { arn, type: 'aws.ecs.task-definition' };

    assert.match((await run('ecs.register-readonly-revision', resource)).out.reason ?? '', /guard: deploying a read-only root to 2 running service\(s\) always needs an approval/);
    const { rollback } = await mustSucceed(run, 'ecs.register-readonly-revision', resource, { approval: true });
    const two = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'payments-api:2' }))).taskDefinition;
    assert.deepEqual(two?.containerDefinitions?.map((c) => [c.name, c.image, c.readonlyRootFilesystem]), [['api', 'nginx', true], ['sidecar', 'envoy', true]]);
    assert.equal(two?.taskRoleArn, `arn:aws:iam::${TEST_ACCOUNT}:role/api`);
    assert.equal((await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }))).taskDefinition?.containerDefinitions?.[0]?.readonlyRootFilesystem, undefined);
    assert.deepEqual(await running(), [two?.taskDefinitionArn, other, two?.taskDefinitionArn], 'both services on revision 1 now run revision 2; the other family is untouched');
    await rollback();
    assert.deepEqual(await running(), [arn, other, arn]);
    assert.deepEqual((await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'payments-api', status: 'ACTIVE' }))).taskDefinitionArns, [arn]);
  });

  it('elbv2 set-tls-policy moves an HTTPS listener off TLS 1.0; rollback restores the old policy', async () => {
    const elb = new ElasticLoadBalancingV2Client(cfg);
    const lb = (await elb.send(new CreateLoadBalancerCommand({ Name: 'web', Subnets: await subnets('10.20') }))).LoadBalancers?.[0]?.LoadBalancerArn ?? '';
    const iam = new IAMClient({ ...cfg, region: 'us-east-1' });
    const cert = (await iam.send(new UploadServerCertificateCommand({ ServerCertificateName: 'web', CertificateBody: CERT, PrivateKey: 'key' }))).ServerCertificateMetadata?.Arn ?? '';
    const listener = (await elb.send(new CreateListenerCommand({ LoadBalancerArn: lb, Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-2016-08', Certificates: [{ CertificateArn: cert }], DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200' } }] }))).Listeners?.[0]?.ListenerArn ?? '';
    const policy = async () => (await elb.send(new DescribeListenersCommand({ ListenerArns: [listener] }))).Listeners?.[0]?.SslPolicy;
    const { rollback } = await mustSucceed(run, 'elbv2.set-tls-policy', { arn: listener, type: 'aws.elbv2.listener' });
    assert.equal(await policy(), 'ELBSecurityPolicy-TLS13-1-2-2021-06');
    await rollback();
    assert.equal(await policy(), 'ELBSecurityPolicy-2016-08');
  });

  it('eks replace-node: refused without an approval and for the group\'s last node; with one, terminates it keeping the desired capacity', async () => {
    const asg = new AutoScalingClient(cfg);
    await ec2.send(new CreateLaunchTemplateCommand({ LaunchTemplateName: 'nodes', LaunchTemplateData: { ImageId: 'ami-12c6146b', InstanceType: 't3.micro' } }));
    const [a, b] = await subnets('10.30');
    const group = async (name: string, size: number) => {
      await asg.send(new CreateAutoScalingGroupCommand({ AutoScalingGroupName: name, LaunchTemplate: { LaunchTemplateName: 'nodes' }, MinSize: size, MaxSize: size + 1, DesiredCapacity: size, VPCZoneIdentifier: `${a},${b}` }));
      return (await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }))).AutoScalingGroups?.[0];
    };
    const report = (id: string) => ({ arn: `arn:aws:ec2:${TEST_REGION}:${TEST_ACCOUNT}:instance/${id}/bottlerocket-cis-report`, type: 'aws.bottlerocket.node-report' });
    const lone = (await group('lone', 1))?.Instances?.[0]?.InstanceId ?? '';
    assert.match((await run('eks.replace-node', report(lone))).out.reason ?? '', /always needs an approval/);
    assert.match((await run('eks.replace-node', report(lone), { approval: true })).out.reason ?? '', /1 healthy in-service instance/);
    const pair = await group('pair', 2);
    const victim = pair?.Instances?.[0]?.InstanceId ?? '';
    const { rollback } = await mustSucceed(run, 'eks.replace-node', report(victim), { approval: true });
    const after = (await asg.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['pair'] }))).AutoScalingGroups?.[0];
    assert.equal(after?.DesiredCapacity, 2);
    assert.ok(!after?.Instances?.some((i) => i.InstanceId === victim && i.LifecycleState === 'InService'));
    await assert.rejects(rollback(), /not reversible/);
  });
});
