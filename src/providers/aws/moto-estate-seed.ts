// Test support: seeds a small estate into moto through the SDK v3, one known flaw per control, so the
// integration test can assert exactly which resources the real policies flag. Not imported by the product.
import { BackupClient, CreateBackupPlanCommand, CreateBackupVaultCommand, PutBackupVaultLockConfigurationCommand } from '@aws-sdk/client-backup';
import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient, CreateLogGroupCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient, PutConfigurationRecorderCommand } from '@aws-sdk/client-config-service';
import { CreateTableCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateFlowLogsCommand,
  CreateSecurityGroupCommand,
  CreateSnapshotCommand,
  CreateSubnetCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateClusterCommand, CreateNodegroupCommand, EKSClient } from '@aws-sdk/client-eks';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  UpdateAccountPasswordPolicyCommand,
  UploadServerCertificateCommand,
} from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, EnableKeyRotationCommand, KMSClient, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { CreateDBClusterCommand, CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  CreateBucketCommand,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateClusterCommand as CreateRedshiftClusterCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { PutPublicAccessBlockCommand as PutAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';

export const SEED_REGION = 'eu-west-1';
export const MOTO_ACCOUNT = '123456789012';

type ClientConfig = Record<string, unknown>;
const FAKE_PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----';
const FAKE_KEY = '-----BEGIN PRIVATE KEY-----\nMIIBfake\n-----END PRIVATE KEY-----';
const doc = (statement: unknown[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statement });

const seedS3 = async (cfg: ClientConfig): Promise<string> => {
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  const where = { CreateBucketConfiguration: { LocationConstraint: SEED_REGION } } as const;
  for (const Bucket of ['vigil-open', 'vigil-locked', 'vigil-public-acl']) await s3.send(new CreateBucketCommand({ Bucket, ...where }));
  const key = await new KMSClient(cfg).send(new CreateKeyCommand({ Description: 's3 data key' }));
  const keyArn = key.KeyMetadata?.Arn as string;
  await new KMSClient(cfg).send(new CreateAliasCommand({ AliasName: 'alias/s3-data', TargetKeyId: key.KeyMetadata?.KeyId }));
  await s3.send(new PutPublicAccessBlockCommand({ Bucket: 'vigil-locked', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
  await s3.send(new PutBucketEncryptionCommand({ Bucket: 'vigil-locked', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }] } }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: 'vigil-locked', VersioningConfiguration: { Status: 'Enabled' } }));
  const arn = 'arn:aws:s3:::vigil-locked';
  await s3.send(new PutBucketPolicyCommand({ Bucket: 'vigil-locked', Policy: doc([{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]) }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: 'vigil-locked', Tagging: { TagSet: [{ Key: 'owner', Value: 'payments' }, { Key: 'data-classification', Value: 'private' }] } }));
  await s3.send(new PutBucketAclCommand({ Bucket: 'vigil-public-acl', ACL: 'public-read' }));
  // Account-wide Block Public Access on, but without RestrictPublicBuckets.
  await new S3ControlClient(cfg).send(new PutAccountPublicAccessBlockCommand({ AccountId: MOTO_ACCOUNT, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false } }));
  return keyArn;
};

const seedIam = async (cfg: ClientConfig): Promise<void> => {
  const iam = new IAMClient(cfg);
  for (const UserName of ['ana', 'bob', 'carol']) await iam.send(new CreateUserCommand({ UserName, Tags: [{ Key: 'owner', Value: 'payments' }] }));
  // ana: console with MFA; bob: console without MFA and one key; carol: two active keys, no console.
  await iam.send(new CreateLoginProfileCommand({ UserName: 'ana', Password: 'Correct-Horse-42!' }));
  const mfa = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'ana' }));
  await iam.send(new EnableMFADeviceCommand({ UserName: 'ana', SerialNumber: mfa.VirtualMFADevice?.SerialNumber, AuthenticationCode1: '123456', AuthenticationCode2: '654321' }));
  await iam.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: 'Correct-Horse-43!' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'bob' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }));
  await iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }));
  const admin = await iam.send(new CreatePolicyCommand({ PolicyName: 'admin-star', PolicyDocument: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) }));
  await iam.send(new CreatePolicyCommand({ PolicyName: 'read-orders', PolicyDocument: doc([{ Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: '*' }]), Tags: [{ Key: 'owner', Value: 'payments' }] }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'carol', PolicyArn: admin.Policy?.Arn }));
  await iam.send(new CreateRoleCommand({ RoleName: 'orders-api', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]), Tags: [{ Key: 'owner', Value: 'payments' }] }));
  await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, RequireSymbols: false, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, PasswordReusePrevention: 24 }));
};

const seedEc2 = async (cfg: ClientConfig): Promise<{ legacy: string; hardened: string }> => {
  const ec2 = new EC2Client(cfg);
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'orders' }] }] }));
  const VpcId = vpc.Vpc?.VpcId as string;
  const flow = await ec2.send(new CreateFlowLogsCommand({ ResourceIds: [VpcId], ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::vigil-locked' }));
  if (flow.Unsuccessful?.length) throw new Error(`flow log not created: ${JSON.stringify(flow.Unsuccessful)}`);
  const subnet = await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.20.1.0/24', AvailabilityZone: `${SEED_REGION}a` }));
  const subnet2 = await ec2.send(new CreateSubnetCommand({ VpcId, CidrBlock: '10.20.2.0/24', AvailabilityZone: `${SEED_REGION}b` }));
  const ssh = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'open-ssh', Description: 'ssh from anywhere', VpcId }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: ssh.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  const web = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'https from anywhere', VpcId }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web.GroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
  const plainVol = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${SEED_REGION}a`, Size: 10, TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'plain' }] }] }));
  await ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${SEED_REGION}a`, Size: 10, Encrypted: true, TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'sealed' }] }] }));
  await ec2.send(new CreateSnapshotCommand({ VolumeId: plainVol.VolumeId, Description: 'plain-snap', TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'Name', Value: 'plain-snap' }] }] }));
  const images = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
  const ImageId = images.Images?.find((i) => i.Platform !== 'Windows')?.ImageId as string;
  const legacy = await ec2.send(new RunInstancesCommand({ ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SubnetId: subnet.Subnet?.SubnetId, MetadataOptions: { HttpTokens: 'optional' }, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'legacy' }] }, { ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'legacy-root' }] }] }));
  const hardened = await ec2.send(new RunInstancesCommand({ ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', SubnetId: subnet.Subnet?.SubnetId, MetadataOptions: { HttpTokens: 'required' }, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'hardened' }, { Key: 'owner', Value: 'payments' }, { Key: 'eks:cluster-name', Value: 'private' }] }, { ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'hardened-root' }] }] }));

  // ELBv2 checks that a listener's certificate exists; an IAM server certificate is what moto can hold.
  const cert = await new IAMClient(cfg).send(new UploadServerCertificateCommand({ ServerCertificateName: 'orders', CertificateBody: FAKE_PEM, PrivateKey: FAKE_KEY }));
  const CertificateArn = cert.ServerCertificateMetadata?.Arn as string;
  const elb = new ElasticLoadBalancingV2Client(cfg);
  const lb = await elb.send(new CreateLoadBalancerCommand({ Name: 'orders', Subnets: [subnet.Subnet?.SubnetId as string, subnet2.Subnet?.SubnetId as string], SecurityGroups: [web.GroupId as string] }));
  const tg = await elb.send(new CreateTargetGroupCommand({ Name: 'orders', Protocol: 'HTTP', Port: 80, VpcId }));
  const forward = [{ Type: 'forward' as const, TargetGroupArn: tg.TargetGroups?.[0]?.TargetGroupArn }];
  const LoadBalancerArn = lb.LoadBalancers?.[0]?.LoadBalancerArn;
  await elb.send(new CreateListenerCommand({ LoadBalancerArn, Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-2016-08', Certificates: [{ CertificateArn }], DefaultActions: forward }));
  await elb.send(new CreateListenerCommand({ LoadBalancerArn, Protocol: 'HTTPS', Port: 8443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', Certificates: [{ CertificateArn }], DefaultActions: forward }));
  return { legacy: legacy.Instances?.[0]?.InstanceId as string, hardened: hardened.Instances?.[0]?.InstanceId as string };
};

const seedData = async (cfg: ClientConfig, s3KeyArn: string): Promise<void> => {
  const kms = new KMSClient(cfg);
  const rotated = await kms.send(new CreateKeyCommand({ Description: 'rotated', Tags: [{ TagKey: 'owner', TagValue: 'payments' }] }));
  await kms.send(new EnableKeyRotationCommand({ KeyId: rotated.KeyMetadata?.KeyId }));
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/rotated', TargetKeyId: rotated.KeyMetadata?.KeyId }));
  const doomed = await kms.send(new CreateKeyCommand({ Description: 'doomed' }));
  await kms.send(new EnableKeyRotationCommand({ KeyId: doomed.KeyMetadata?.KeyId }));
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: doomed.KeyMetadata?.KeyId }));
  await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyMetadata?.KeyId, PendingWindowInDays: 7 }));

  const rds = new RDSClient(cfg);
  await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'orders-db', DBInstanceClass: 'db.t3.micro', Engine: 'postgres', AllocatedStorage: 20, MasterUsername: 'app', MasterUserPassword: 'not-a-secret-1', PubliclyAccessible: true, BackupRetentionPeriod: 1 }));
  await rds.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: 'ledger-db', DBInstanceClass: 'db.t3.micro', Engine: 'postgres', AllocatedStorage: 20, MasterUsername: 'app', MasterUserPassword: 'not-a-secret-2', StorageEncrypted: true, KmsKeyId: s3KeyArn, MultiAZ: true, DeletionProtection: true, PubliclyAccessible: false, BackupRetentionPeriod: 30, Tags: [{ Key: 'owner', Value: 'ledger' }, { Key: 'data-classification', Value: 'confidential' }, { Key: 'backup', Value: 'none' }] }));
  // Aurora: one cluster encrypted and protected, one plain (no policy judges clusters yet: the record's shape is what is tested).
  await rds.send(new CreateDBClusterCommand({ DBClusterIdentifier: 'ledger-aurora', Engine: 'aurora-postgresql', MasterUsername: 'app', MasterUserPassword: 'not-a-secret-3', StorageEncrypted: true, KmsKeyId: s3KeyArn, DeletionProtection: true, BackupRetentionPeriod: 30, Tags: [{ Key: 'owner', Value: 'ledger' }] }));
  await rds.send(new CreateDBClusterCommand({ DBClusterIdentifier: 'orders-aurora', Engine: 'aurora-mysql', MasterUsername: 'app', MasterUserPassword: 'not-a-secret-4', BackupRetentionPeriod: 1 }));

  const ddb = new DynamoDBClient(cfg);
  const table = { AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }], BillingMode: 'PAY_PER_REQUEST' as const };
  await ddb.send(new CreateTableCommand({ TableName: 'orders', ...table }));
  await ddb.send(new CreateTableCommand({ TableName: 'ledger', ...table, Tags: [{ Key: 'owner', Value: 'ledger' }, { Key: 'data-classification', Value: 'private' }, { Key: 'backup', Value: 'none' }] }));
  await ddb.send(new UpdateContinuousBackupsCommand({ TableName: 'ledger', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));

  const ct = new CloudTrailClient(cfg);
  await ct.send(new CreateTrailCommand({ Name: 'quiet', S3BucketName: 'vigil-locked' }));
  await ct.send(new CreateTrailCommand({ Name: 'org', S3BucketName: 'vigil-locked', IsMultiRegionTrail: true, EnableLogFileValidation: true, KmsKeyId: s3KeyArn }));
  await ct.send(new PutEventSelectorsCommand({ TrailName: 'org', EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] }));
  await ct.send(new StartLoggingCommand({ Name: 'org' }));

  // A recorder that records everything but was never started.
  await new ConfigServiceClient(cfg).send(new PutConfigurationRecorderCommand({
    ConfigurationRecorder: { name: 'default', roleARN: `arn:aws:iam::${MOTO_ACCOUNT}:role/config`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } },
  }));
  await new RedshiftClient(cfg).send(new CreateRedshiftClusterCommand({ ClusterIdentifier: 'analytics', NodeType: 'ra3.xlplus', MasterUsername: 'admin', MasterUserPassword: 'Not-a-secret-3', NumberOfNodes: 2, Encrypted: false, Tags: [{ Key: 'owner', Value: 'analytics' }] }));

  const logs = new CloudWatchLogsClient(cfg);
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/forever' }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/kept', tags: { owner: 'payments' } }));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName: '/app/kept', retentionInDays: 365 }));
};

const seedContainers = async (cfg: ClientConfig): Promise<void> => {
  const eks = new EKSClient(cfg);
  const vpcConfig = { subnetIds: ['subnet-a', 'subnet-b'] };
  await eks.send(new CreateClusterCommand({ name: 'open', roleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/eks`, resourcesVpcConfig: { ...vpcConfig, endpointPublicAccess: true, endpointPrivateAccess: false } }));
  await eks.send(new CreateClusterCommand({
    name: 'private',
    roleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/eks`,
    resourcesVpcConfig: { ...vpcConfig, endpointPublicAccess: false, endpointPrivateAccess: true },
    logging: { clusterLogging: [{ types: ['api', 'audit', 'authenticator'], enabled: true }] },
  }));
  const ng = { clusterName: 'private', nodeRole: `arn:aws:iam::${MOTO_ACCOUNT}:role/eks-node`, subnets: ['subnet-a'] };
  await eks.send(new CreateNodegroupCommand({ ...ng, nodegroupName: 'bottlerocket', amiType: 'BOTTLEROCKET_x86_64' }));
  await eks.send(new CreateNodegroupCommand({ ...ng, nodegroupName: 'al2', amiType: 'AL2_x86_64' }));

  const ecs = new ECSClient(cfg);
  await ecs.send(new RegisterTaskDefinitionCommand({ family: 'writable', containerDefinitions: [{ name: 'app', image: 'nginx:1', essential: true, memory: 128 }] }));
  await ecs.send(new RegisterTaskDefinitionCommand({ family: 'sealed', containerDefinitions: [{ name: 'app', image: 'nginx:1', essential: true, memory: 128, readonlyRootFilesystem: true }], tags: [{ key: 'owner', value: 'payments' }] }));
};

const seedBackup = async (cfg: ClientConfig): Promise<void> => {
  const backup = new BackupClient(cfg);
  await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'unlocked', BackupVaultTags: { owner: 'platform' } }));
  await backup.send(new CreateBackupVaultCommand({ BackupVaultName: 'locked', BackupVaultTags: { owner: 'platform' } }));
  await backup.send(new PutBackupVaultLockConfigurationCommand({ BackupVaultName: 'locked', MinRetentionDays: 7, MaxRetentionDays: 3650, ChangeableForDays: 3 }));
  await backup.send(new CreateBackupPlanCommand({
    BackupPlan: { BackupPlanName: 'weekly_7', Rules: [{ RuleName: 'weekly', TargetBackupVaultName: 'unlocked', ScheduleExpression: 'cron(0 3 ? * 1 *)', Lifecycle: { DeleteAfterDays: 7 } }] },
    BackupPlanTags: { owner: 'platform' },
  }));
};

/** The reports bucket and prefix the Bottlerocket collector is pointed at. */
export const REPORTS = { bucket: 'vigil-node-reports', prefix: 'cis' } as const;

const cisReport = (selinux: 'PASS' | 'FAIL') => ({
  level: 1, total: 4, passed: selinux === 'PASS' ? 4 : 3, skipped: 0, failed: selinux === 'PASS' ? 0 : 1, status: selinux,
  timestamp: '2026-11-22T06:00:00.000000000Z', name: 'CIS Bottlerocket Benchmark', version: 'v1.0.0', url: 'https://www.cisecurity.org/benchmark/bottlerocket',
  results: {
    br01030100: { name: 'br01030100', id: '1.3.1', level: 1, title: 'Ensure dm-verity is configured', mode: 'Automatic', status: 'PASS', error: '' },
    br01040100: { name: 'br01040100', id: '1.4.1', level: 1, title: 'Ensure setuid programs do not create core dumps', mode: 'Automatic', status: 'PASS', error: '' },
    br01040200: { name: 'br01040200', id: '1.4.2', level: 1, title: 'Ensure address space layout randomization (ASLR) is enabled', mode: 'Automatic', status: 'PASS', error: '' },
    br01050100: { name: 'br01050100', id: '1.5.1', level: 1, title: 'Ensure SELinux is configured', mode: 'Automatic', status: selinux, error: selinux === 'PASS' ? '' : 'SELinux is permissive' },
  },
});

/**
 * Reports as SSM Run Command writes them: `legacy` failed SELinux once and passes in its newer run,
 * `hardened` fails it now, and a node that no longer exists left a failing report behind.
 */
const seedBottlerocketReports = async (cfg: ClientConfig, keyArn: string, instances: { legacy: string; hardened: string }): Promise<void> => {
  const s3 = new S3Client({ ...cfg, forcePathStyle: true });
  // Locked down like vigil-locked, except that it cannot deny plain HTTP: moto enforces aws:SecureTransport and the test speaks HTTP.
  const Bucket = REPORTS.bucket;
  await s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint: SEED_REGION } }));
  await s3.send(new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
  await s3.send(new PutBucketEncryptionCommand({ Bucket, ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: keyArn }, BucketKeyEnabled: true }] } }));
  await s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'owner', Value: 'platform' }, { Key: 'data-classification', Value: 'private' }] } }));
  const put = (command: string, instance: string, body: string) =>
    s3.send(new PutObjectCommand({ Bucket: REPORTS.bucket, Key: `${REPORTS.prefix}/${MOTO_ACCOUNT}/${SEED_REGION}/${command}/${instance}/awsrunShellScript/0.awsrunShellScript/stdout`, Body: body }));
  await put('cmd-1', instances.legacy, JSON.stringify(cisReport('FAIL')));
  await put('cmd-1', 'i-0000000000000dead', JSON.stringify(cisReport('FAIL')));
  await new Promise((resolve) => setTimeout(resolve, 1100)); // LastModified has second resolution
  await put('cmd-2', instances.legacy, JSON.stringify(cisReport('PASS')));
  await put('cmd-2', instances.hardened, JSON.stringify(cisReport('FAIL')));
  await put('cmd-2', `${instances.hardened}-notes`, 'not a report key');
};

/**
 * Seeds the estate the moto integration test judges, through the same SDK clients the collectors use.
 *
 * @example
 * await seedMotoEstate({ region: 'eu-west-1', endpoint, credentials });
 */
export const seedMotoEstate = async (cfg: ClientConfig): Promise<void> => {
  const keyArn = await seedS3(cfg);
  await seedIam(cfg);
  const instances = await seedEc2(cfg);
  await seedBottlerocketReports(cfg, keyArn, instances);
  await seedData(cfg, keyArn);
  await seedContainers(cfg);
  await seedBackup(cfg);
};
