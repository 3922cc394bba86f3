import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * A hand-written AWS Config delivery tree in the documented format (snapshots and history under
 * `AWSLogs/<account>/Config/<region>/<y>/<m>/<d>/ConfigSnapshot|ConfigHistory/`), with known flaws per
 * control, for the provider, CLI and S3 tests. Field names follow real configuration items (camelCase
 * `configuration`, supplementary values partly as JSON text, as Config writes them).
 */
export const ACCOUNT_A = '111122223333';
export const ACCOUNT_B = '444455556666';
const SNAP_TIME = '2026-11-30T10:00:00.000Z';

type Item = Record<string, unknown>;

/** One configuration item with Config's envelope. */
export const configItem = (resourceType: string, resourceId: string, accountId: string, awsRegion: string, configuration: unknown, extra: Item = {}): Item => ({
  version: '1.3',
  accountId,
  configurationItemCaptureTime: SNAP_TIME,
  configurationItemStatus: 'OK',
  configurationStateId: '1764496800000',
  configurationItemMD5Hash: '',
  arn: `arn:aws:${resourceType.split('::')[1]?.toLowerCase()}:${awsRegion}:${accountId}:${resourceId}`,
  resourceType,
  resourceId,
  resourceName: resourceId,
  awsRegion,
  availabilityZone: 'Not Applicable',
  tags: {},
  relatedEvents: [],
  relationships: [],
  configuration,
  supplementaryConfiguration: {},
  ...extra,
});

const ownerAcl = (owner: string, extra: unknown[] = []) =>
  JSON.stringify({ grantSet: null, grantList: [{ grantee: { id: owner, displayName: null }, permission: 'FullControl' }, ...extra], owner: { displayName: null, id: owner }, isRequesterCharged: false });
const kmsSse = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: `arn:aws:kms:eu-west-1:${ACCOUNT_A}:key/k-rot` }, bucketKeyEnabled: true }] };
const blockAll = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const tlsPolicy = (bucket: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
  });
const goodBucket = (name: string, account: string, region: string) =>
  configItem('AWS::S3::Bucket', name, account, region, { name, owner: { displayName: null, id: 'c0ffee' }, creationDate: '2024-01-01T00:00:00.000Z' }, {
    arn: `arn:aws:s3:::${name}`,
    tags: { owner: 'platform', 'data-classification': 'private' },
    supplementaryConfiguration: {
      AccessControlList: ownerAcl('c0ffee'),
      BucketPolicy: { policyText: tlsPolicy(name) },
      BucketVersioningConfiguration: { status: 'Enabled', isMfaDeleteEnabled: null },
      PublicAccessBlockConfiguration: blockAll,
      ServerSideEncryptionConfiguration: kmsSse,
      BucketLoggingConfiguration: { destinationBucketName: 'logs', logFilePrefix: `${name}/` },
    },
  });
const sgRule = (port: number, cidr: string) => ({ fromPort: port, toPort: port, ipProtocol: 'tcp', ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [], ipv4Ranges: [{ cidrIp: cidr }], ipRanges: [cidr] });
const sg = (id: string, account: string, region: string, rules: unknown[]) =>
  configItem('AWS::EC2::SecurityGroup', id, account, region, { description: id, groupName: id, ipPermissions: rules, ownerId: account, groupId: id, ipPermissionsEgress: [], tags: [], vpcId: 'vpc-1' }, { tags: { owner: 'web' } });
const volume = (id: string, encrypted: boolean) =>
  configItem('AWS::EC2::Volume', id, ACCOUNT_A, 'eu-west-1', { attachments: [], availabilityZone: 'eu-west-1a', createTime: '2025-01-01T00:00:00.000Z', encrypted, size: 8, snapshotId: '', state: { value: 'available' }, volumeId: id, volumeType: 'gp3', tags: [] });
const adminDoc = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
const user = (name: string, inline: unknown[]) =>
  configItem('AWS::IAM::User', `AIDA${name.toUpperCase()}`, ACCOUNT_A, 'global', {
    path: '/', userName: name, userId: `AIDA${name.toUpperCase()}`, arn: `arn:aws:iam::${ACCOUNT_A}:user/${name}`, createDate: '2024-01-01T00:00:00.000Z',
    userPolicyList: inline, groupList: [], attachedManagedPolicies: [{ policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', policyName: 'ReadOnlyAccess' }], permissionsBoundary: null, tags: [],
  }, { resourceName: name });

/** Account A, eu-west-1: S3, security groups, volumes, KMS, RDS, IAM, unknown and lacking types, one malformed item. */
const snapshotAEuWest1 = (): Item[] => [
  goodBucket('a-logs', ACCOUNT_A, 'eu-west-1'),
  configItem('AWS::S3::Bucket', 'a-public', ACCOUNT_A, 'eu-west-1', { name: 'a-public', owner: { id: 'c0ffee' }, creationDate: '2024-01-01T00:00:00.000Z' }, {
    tags: { owner: 'web', 'data-classification': 'public' },
    supplementaryConfiguration: {
      AccessControlList: ownerAcl('c0ffee', [{ grantee: 'AllUsers', permission: 'Read' }]),
      BucketVersioningConfiguration: JSON.stringify({ status: 'Off', isMfaDeleteEnabled: null }),
      ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256', kmsMasterKeyID: null }, bucketKeyEnabled: false }] },
      BucketPolicy: { policyText: null },
    },
  }),
  sg('sg-open', ACCOUNT_A, 'eu-west-1', [sgRule(22, '0.0.0.0/0'), sgRule(443, '0.0.0.0/0')]),
  sg('sg-ok', ACCOUNT_A, 'eu-west-1', [sgRule(443, '10.0.0.0/8')]),
  configItem('AWS::EC2::Instance', 'i-0123456789abcdef0', ACCOUNT_A, 'eu-west-1', {
    instanceId: 'i-0123456789abcdef0', imageId: 'ami-1', instanceType: 't3.micro', launchTime: '2026-01-01T00:00:00.000Z', state: { code: 16, name: 'running' },
    metadataOptions: { state: 'applied', httpTokens: 'optional', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' }, vpcId: 'vpc-1', subnetId: 'subnet-1',
    securityGroups: [{ groupName: 'sg-ok', groupId: 'sg-ok' }], iamInstanceProfile: { arn: `arn:aws:iam::${ACCOUNT_A}:instance-profile/web`, id: 'AIPA1' }, tags: [{ key: 'owner', value: 'web' }],
  }, { tags: { owner: 'web', Name: 'web-1' } }),
  volume('vol-unenc', false),
  volume('vol-enc', true),
  configItem('AWS::KMS::Key', 'k-norot', ACCOUNT_A, 'eu-west-1', {
    keyId: 'k-norot', arn: `arn:aws:kms:eu-west-1:${ACCOUNT_A}:key/k-norot`, awsaccountId: ACCOUNT_A, keyState: 'Enabled', keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', origin: 'AWS_KMS', enabled: true, multiRegion: false,
  }, { supplementaryConfiguration: { KeyRotationStatus: false }, tags: { owner: 'platform' } }),
  configItem('AWS::KMS::Key', 'k-rot', ACCOUNT_A, 'eu-west-1', {
    keyId: 'k-rot', arn: `arn:aws:kms:eu-west-1:${ACCOUNT_A}:key/k-rot`, awsaccountId: ACCOUNT_A, keyState: 'Enabled', keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', origin: 'AWS_KMS', enabled: true, multiRegion: false,
  }, { supplementaryConfiguration: { KeyRotationStatus: 'true' } }),
  configItem('AWS::RDS::DBInstance', 'db-ABC', ACCOUNT_A, 'eu-west-1', {
    dBInstanceIdentifier: 'orders', dBInstanceArn: `arn:aws:rds:eu-west-1:${ACCOUNT_A}:db:orders`, engine: 'postgres', dBInstanceClass: 'db.t4g.micro', multiAZ: false, publiclyAccessible: true,
    deletionProtection: true, storageEncrypted: true, backupRetentionPeriod: 14, dbiResourceId: 'db-ABC',
  }, { resourceName: 'orders', tags: { owner: 'orders', 'data-classification': 'confidential', backup: 'none' } }),
  configItem('AWS::RDS::DBSnapshot', 'rds:orders-2026-11-29', ACCOUNT_A, 'eu-west-1', {
    dBSnapshotIdentifier: 'rds:orders-2026-11-29', dBSnapshotArn: `arn:aws:rds:eu-west-1:${ACCOUNT_A}:snapshot:rds:orders-2026-11-29`, dBInstanceIdentifier: 'orders',
    snapshotCreateTime: '2026-11-29T03:00:00.000Z', engine: 'postgres', allocatedStorage: 20, status: 'available', snapshotType: 'automated', encrypted: false,
  }),
  configItem('AWS::Redshift::Cluster', 'analytics', ACCOUNT_A, 'eu-west-1', {
    clusterIdentifier: 'analytics', nodeType: 'ra3.xlplus', clusterStatus: 'available', encrypted: true, publiclyAccessible: false, dBName: 'dev', numberOfNodes: 2,
  }, { tags: { owner: 'data' } }),
  user('alice', []),
  user('root-ish', [{ policyName: 'everything', policyDocument: adminDoc }]),
  configItem('AWS::IAM::Role', 'AROAADMIN', ACCOUNT_A, 'global', {
    path: '/', roleName: 'break-glass', roleId: 'AROAADMIN', arn: `arn:aws:iam::${ACCOUNT_A}:role/break-glass`, createDate: '2024-01-01T00:00:00.000Z',
    assumeRolePolicyDocument: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_A}:root` }, Action: 'sts:AssumeRole' }] })),
    rolePolicyList: [{ policyName: 'everything', policyDocument: adminDoc }], attachedManagedPolicies: [], instanceProfileList: [], tags: [],
  }, { resourceName: 'break-glass' }),
  configItem('AWS::IAM::Policy', 'ANPAREAD', ACCOUNT_A, 'global', {
    policyName: 'read-orders', policyId: 'ANPAREAD', arn: `arn:aws:iam::${ACCOUNT_A}:policy/read-orders`, path: '/', defaultVersionId: 'v2', attachmentCount: 1, isAttachable: true,
    policyVersionList: [
      { document: adminDoc, versionId: 'v1', isDefaultVersion: false, createDate: '2024-01-01T00:00:00.000Z' },
      { document: encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }] })), versionId: 'v2', isDefaultVersion: true, createDate: '2025-01-01T00:00:00.000Z' },
    ],
  }, { resourceName: 'read-orders' }),
  configItem('AWS::SNS::Topic', 'arn:aws:sns:eu-west-1:111122223333:alerts', ACCOUNT_A, 'eu-west-1', { TopicArn: 'arn:aws:sns:eu-west-1:111122223333:alerts' }),
  configItem('AWS::SNS::Topic', 'arn:aws:sns:eu-west-1:111122223333:events', ACCOUNT_A, 'eu-west-1', { TopicArn: 'arn:aws:sns:eu-west-1:111122223333:events' }),
  configItem('AWS::Lambda::Function', 'fn', ACCOUNT_A, 'eu-west-1', { functionName: 'fn' }),
  configItem('AWS::CloudTrail::Trail', 'main', ACCOUNT_A, 'eu-west-1', {
    name: 'main', trailARN: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/main', s3BucketName: 'a-logs', homeRegion: 'eu-west-1', kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k-rot',
    isMultiRegionTrail: true, logFileValidationEnabled: true, includeGlobalServiceEvents: true, isOrganizationTrail: false, hasCustomEventSelectors: false,
  }),
  // Item 20: malformed (a configuration Config would never write) in the S3 scope: that scope is not claimed complete.
  configItem('AWS::S3::Bucket', 'a-broken', ACCOUNT_A, 'eu-west-1', 'not json at all'),
];

/** Account A, us-east-1: EKS, ELBv2, DynamoDB, CloudWatch Logs. */
const snapshotAUsEast1 = (): Item[] => [
  configItem('AWS::RDS::DBCluster', 'cluster-ORDERS', ACCOUNT_A, 'us-east-1', {
    dBClusterIdentifier: 'orders-aurora', dBClusterArn: 'arn:aws:rds:us-east-1:111122223333:cluster:orders-aurora', engine: 'aurora-postgresql', engineVersion: '16.4',
    status: 'available', multiAZ: true, storageEncrypted: true, kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k', deletionProtection: false, backupRetentionPeriod: 7,
    dBClusterMembers: [{ dBInstanceIdentifier: 'orders-aurora-1', isClusterWriter: true }],
  }, { resourceName: 'orders-aurora' }),
  configItem('AWS::EKS::Cluster', 'prod', ACCOUNT_A, 'us-east-1', {
    Name: 'prod', Arn: `arn:aws:eks:us-east-1:${ACCOUNT_A}:cluster/prod`, Version: '1.31', RoleArn: `arn:aws:iam::${ACCOUNT_A}:role/eks`,
    ResourcesVpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: [], EndpointPublicAccess: true, EndpointPrivateAccess: false, PublicAccessCidrs: ['0.0.0.0/0'] },
    Logging: { ClusterLogging: { EnabledTypes: [{ Type: 'api' }] } },
  }, { tags: { owner: 'platform' } }),
  configItem('AWS::EKS::Cluster', 'private', ACCOUNT_A, 'us-east-1', {
    Name: 'private', Arn: `arn:aws:eks:us-east-1:${ACCOUNT_A}:cluster/private`, Version: '1.31',
    ResourcesVpcConfig: { SubnetIds: ['subnet-1'], EndpointPublicAccess: false, EndpointPrivateAccess: true },
    Logging: { ClusterLogging: { EnabledTypes: [{ Type: 'api' }, { Type: 'audit' }] } },
  }),
  configItem('AWS::ElasticLoadBalancingV2::Listener', `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT_A}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`, ACCOUNT_A, 'us-east-1', {
    ListenerArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT_A}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`, LoadBalancerArn: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT_A}:loadbalancer/app/web/50dc6c495c0c9188`,
    Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-2016-08', Certificates: [{ CertificateArn: `arn:aws:acm:us-east-1:${ACCOUNT_A}:certificate/1` }], DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:tg' }],
  }),
  configItem('AWS::ECS::TaskDefinition', `arn:aws:ecs:us-east-1:${ACCOUNT_A}:task-definition/checkout:7`, ACCOUNT_A, 'us-east-1', {
    TaskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT_A}:task-definition/checkout:7`, Family: 'checkout', NetworkMode: 'awsvpc', RequiresCompatibilities: ['FARGATE'], Cpu: '256', Memory: '512', Status: 'ACTIVE',
    ContainerDefinitions: [
      { Name: 'app', Image: 'checkout:1.2', Essential: true, ReadonlyRootFilesystem: true },
      { Name: 'sidecar', Image: 'envoy:1.30', Essential: false, ReadonlyRootFilesystem: false },
    ],
  }, { tags: { owner: 'shop' } }),
  configItem('AWS::DynamoDB::Table', 'carts', ACCOUNT_A, 'us-east-1', {
    tableName: 'carts', tableArn: `arn:aws:dynamodb:us-east-1:${ACCOUNT_A}:table/carts`, tableStatus: 'ACTIVE', ssedescription: { status: 'ENABLED', ssetype: 'KMS', kmsmasterKeyArn: 'arn:k' }, deletionProtectionEnabled: true,
  }, {
    tags: { owner: 'shop', 'data-classification': 'private', backup: 'none' },
    supplementaryConfiguration: { ContinuousBackupsDescription: { continuousBackupsStatus: 'ENABLED', pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: 'DISABLED' } } },
  }),
  configItem('AWS::Logs::LogGroup', '/aws/lambda/fn', ACCOUNT_A, 'us-east-1', { LogGroupName: '/aws/lambda/fn', RetentionInDays: 7, Arn: `arn:aws:logs:us-east-1:${ACCOUNT_A}:log-group:/aws/lambda/fn:*` }),
];

/** Account B, eu-west-1: account Block Public Access off, a backup plan without copies, a weak recovery point. */
const snapshotBEuWest1 = (): Item[] => [
  goodBucket('b-data', ACCOUNT_B, 'eu-west-1'),
  configItem('AWS::S3::AccountPublicAccessBlock', ACCOUNT_B, ACCOUNT_B, 'eu-west-1', { blockPublicAcls: false, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }),
  configItem('AWS::Backup::BackupPlan', 'plan-1', ACCOUNT_B, 'eu-west-1', {
    BackupPlanId: 'plan-1', BackupPlanArn: `arn:aws:backup:eu-west-1:${ACCOUNT_B}:backup-plan:plan-1`, VersionId: 'v1',
    BackupPlan: { BackupPlanName: 'daily_35', BackupPlanRule: [{ RuleName: 'daily', TargetBackupVault: 'daily', ScheduleExpression: 'cron(0 3 ? * * *)', StartWindowMinutes: 60, CompletionWindowMinutes: 480, Lifecycle: { DeleteAfterDays: 35 } }] },
  }),
  configItem('AWS::Backup::BackupSelection', 'sel-1', ACCOUNT_B, 'eu-west-1', {
    BackupPlanId: 'plan-1', SelectionId: 'sel-1', BackupSelection: { SelectionName: 'all-tagged', IamRoleArn: `arn:aws:iam::${ACCOUNT_B}:role/backup`, Resources: ['*'], ListOfTags: [] },
  }),
  configItem('AWS::Backup::RecoveryPoint', `arn:aws:backup:eu-west-1:${ACCOUNT_B}:recovery-point:rp-1`, ACCOUNT_B, 'eu-west-1', {
    RecoveryPointArn: `arn:aws:backup:eu-west-1:${ACCOUNT_B}:recovery-point:rp-1`, BackupVaultName: 'daily', BackupVaultArn: `arn:aws:backup:eu-west-1:${ACCOUNT_B}:backup-vault:daily`,
    ResourceArn: `arn:aws:s3:::b-data`, ResourceType: 'S3', Status: 'COMPLETED', CreationDate: '2026-11-29T03:00:00.000Z', IsEncrypted: false, Lifecycle: { DeleteAfterDays: 7 },
  }),
];

/** History for account A, eu-west-1: a fix after the snapshot, a deletion, an older change that must lose, an unrecorded item. */
const historyAEuWest1 = (): Item[] => [
  { ...goodBucket('a-public', ACCOUNT_A, 'eu-west-1'), configurationItemCaptureTime: '2026-11-30T12:00:00.000Z' },
  { ...volume('vol-unenc', false), configurationItemStatus: 'ResourceDeleted', configuration: null, supplementaryConfiguration: {}, configurationItemCaptureTime: '2026-11-30T11:00:00.000Z' },
  { ...sg('sg-ok', ACCOUNT_A, 'eu-west-1', [sgRule(3389, '0.0.0.0/0')]), configurationItemCaptureTime: '2026-11-29T08:00:00.000Z' },
  { ...sg('sg-new', ACCOUNT_A, 'eu-west-1', [sgRule(3389, '0.0.0.0/0')]), configurationItemCaptureTime: '2026-11-30T13:00:00.000Z' },
  { ...sg('sg-unrecorded', ACCOUNT_A, 'eu-west-1', []), configurationItemStatus: 'ResourceNotRecorded', configuration: null },
];

const dayPath = (account: string, region: string, kind: string) => `AWSLogs/${account}/Config/${region}/2026/11/30/${kind}`;
const snapshotKey = (account: string, region: string, time = '20261130T100000Z') =>
  `${dayPath(account, region, 'ConfigSnapshot')}/${account}_Config_${region}_ConfigSnapshot_${time}_0b4c5a1e-9c1f-4d1e-8f3a-1a2b3c4d5e6f.json.gz`;
const doc = (items: Item[], snapshotId?: string) => JSON.stringify({ fileVersion: '1.0', ...(snapshotId ? { configSnapshotId: snapshotId } : {}), configurationItems: items });

/** The delivery tree as key → bytes; `withHistory: false` leaves the history file out (a first scan). */
export const deliveryFiles = (opts: { withHistory?: boolean; malformed?: boolean } = {}): Map<string, Buffer> => {
  const files = new Map<string, Buffer>();
  files.set(snapshotKey(ACCOUNT_A, 'eu-west-1'), gzipSync(doc(snapshotAEuWest1(), 'snap-a-euw1')));
  // People also unpack deliveries: a plain JSON snapshot is read the same way.
  files.set(snapshotKey(ACCOUNT_A, 'us-east-1').replace(/\.gz$/, ''), Buffer.from(doc(snapshotAUsEast1(), 'snap-a-use1')));
  files.set(snapshotKey(ACCOUNT_B, 'eu-west-1'), gzipSync(doc(snapshotBEuWest1(), 'snap-b-euw1')));
  // An older snapshot of the same account and Region: superseded, never read.
  files.set(snapshotKey(ACCOUNT_B, 'eu-west-1', '20261101T100000Z').replace('2026/11/30', '2026/11/1'), gzipSync(doc([goodBucket('b-old-only', ACCOUNT_B, 'eu-west-1')], 'snap-b-old')));
  if (opts.withHistory !== false) {
    files.set(`${dayPath(ACCOUNT_A, 'eu-west-1', 'ConfigHistory')}/${ACCOUNT_A}_Config_eu-west-1_ConfigHistory_AWS::S3::Bucket_20261130T120000Z_20261130T130000Z_1.json.gz`, gzipSync(doc(historyAEuWest1())));
  }
  // History from before the newest snapshot (already in it): skipped, so sg-ancient never appears.
  files.set(
    `${dayPath(ACCOUNT_A, 'eu-west-1', 'ConfigHistory').replace('2026/11/30', '2026/11/29')}/${ACCOUNT_A}_Config_eu-west-1_ConfigHistory_AWS::EC2::SecurityGroup_20261129T060000Z_20261129T120000Z_1.json.gz`,
    gzipSync(doc([{ ...sg('sg-ancient', ACCOUNT_A, 'eu-west-1', [sgRule(22, '0.0.0.0/0')]), configurationItemCaptureTime: '2026-11-29T07:00:00.000Z' }])),
  );
  if (opts.malformed !== false) {
    // A delivery cut short in transfer: valid gzip header, truncated body.
    files.set(`${dayPath(ACCOUNT_B, 'us-east-1', 'ConfigSnapshot')}/truncated.json.gz`, gzipSync(doc([goodBucket('b-cut', ACCOUNT_B, 'us-east-1')], 'snap-cut')).subarray(0, 40));
  }
  return files;
};

/** Writes the delivery tree under `dir` (what `aws s3 sync s3://bucket/AWSLogs .` would leave). */
export const writeDeliveryTree = async (dir: string, opts: { withHistory?: boolean; malformed?: boolean } = {}): Promise<void> => {
  for (const [key, bytes] of deliveryFiles(opts)) {
    const path = join(dir, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }
};
