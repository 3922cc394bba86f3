// Integration: the real SDK v3 collectors against moto (issue 8, item 8). An estate with known flaws is
// seeded through the SDK, collected with the per-service collectors, judged by the real built-in
// policies, and the violations must be exactly the seeded ones.
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import { before, describe, it, after } from 'node:test';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Resource } from '../../inventory/resource.js';
import { compilePolicy } from '../../policies/compiled-policy.js';
import { ConditionCompiler } from '../../policies/condition/condition-compiler.js';
import { PolicyLoader } from '../../policies/policy-loader.js';
import { BUILTIN_POLICY_DIR, createRegistries } from '../../policies/registries.js';
import { startMotoServer, type MotoServer } from '../../testing/moto-server.js';
import { testFilterContext } from '../../testing/resource-fixture.js';
import { allDemoGenerators } from '../demo/generators/all-generators.js';
import { Rng } from '../demo/rng.js';
import type { Account } from '../provider.js';
import { allCollectors } from './collectors/all-collectors.js';
import type { Problem } from './collectors/collector-kit.js';
import { bottlerocketReportCollector } from './collectors/bottlerocket-collector.js';
import { MOTO_ACCOUNT, REPORTS, SEED_REGION, seedMotoEstate } from './moto-estate-seed.js';
import type { CollectContext } from './service-collector.js';

const DAY = 86_400_000;
/** The default VPC's name is its random id. */
const DEFAULT_VPC = 'default-vpc';

/**
 * Every violation the built-in policies must find in the seeded estate, by control, and nothing else.
 * Each line is a seeded flaw, or a default of the emulated account that AWS has too (noted).
 */
const EXPECTED: Record<string, string[]> = {
  // Backup: the one plan keeps weekly backups for 7 days and copies nowhere; only one vault is locked;
  // no vault has an access policy denying deletes (moto cannot read one: see the problems below).
  'backup-cross-account-copy': ['weekly_7'],
  'backup-cross-region-copy': ['weekly_7'],
  'backup-plan-frequency-retention': ['weekly_7'],
  'backup-vault-lock': ['unlocked'],
  'backup-vault-no-manual-delete': ['locked', 'unlocked'],
  // Stores without a backup tag and in no plan; ledger and ledger-db are tagged backup=none.
  'backup-resource-in-plan': ['orders', 'orders-db'],
  'dynamodb-pitr': ['orders'],
  'rds-automated-backups': ['orders-db'],
  'ec2-imdsv2': ['legacy'],
  'ec2-owner-tag': ['legacy'],
  // No SSM patch data in moto, and its AMIs are years old: both instances fall back to the AMI-age rule.
  'ec2-patch-compliance': ['hardened', 'legacy'],
  'ecs-readonly-root': ['writable:1'],
  // Only the newest report of a node counts, and only for nodes that still exist.
  'bottlerocket-selinux-enforcing': ['report of hardened'],
  'eks-audit-logs': ['open'],
  'eks-nodes-hardened-os': ['al2'],
  'eks-private-endpoint': ['open'],
  'sg-no-admin-ports-open': ['open-ssh'],
  'data-classification-tagged': ['analytics', 'orders', 'orders-db', 'vigil-open', 'vigil-public-acl'],
  'ebs-encryption-by-default': ['EC2 settings eu-west-1'],
  // Instance root volumes are unencrypted too, as on AWS when default encryption is off.
  'ebs-volume-encrypted': ['hardened-root', 'legacy-root', 'plain', 'plain-snap'],
  'elb-tls-policy': ['orders:443'],
  // moto creates the EBS default key as a CUSTOMER key without rotation (on AWS it is AWS-managed and rotates).
  'kms-key-rotation': ['alias/aws/ebs', 'alias/s3-data'],
  'kms-not-pending-deletion': ['alias/doomed'],
  'rds-deletion-protection': ['orders-db'],
  'rds-multi-az': ['orders-db'],
  'rds-not-public': ['orders-db'],
  'rds-storage-encrypted': ['orders-db', 'rds:orders-db-DATE'],
  's3-account-public-access-block': ['S3 settings 123456789012'],
  's3-bucket-public-access-block': ['vigil-open', 'vigil-public-acl'],
  's3-default-encryption-kms': ['vigil-open', 'vigil-public-acl'],
  's3-no-public-acl': ['vigil-public-acl'],
  // The Bottlerocket reports bucket cannot deny plain HTTP in moto (see seedBottlerocketReports).
  's3-tls-only': ['vigil-node-reports', 'vigil-open', 'vigil-public-acl'],
  's3-versioning': ['vigil-open', 'vigil-public-acl'],
  'console-user-mfa': ['bob'],
  // Judged 120 days on: every active key is overdue, and nobody has used a credential since creation.
  'iam-access-key-rotation': ['bob', 'carol'],
  'iam-defunct-user': ['ana', 'bob', 'carol'],
  'iam-unused-credentials': ['ana', 'bob', 'carol'],
  'iam-no-admin-star': ['admin-star'],
  'iam-one-active-key': ['carol'],
  'iam-password-policy': ['123456789012'],
  // carol has keys but no console password: a workload user, out of this control's scope.
  'iam-users-prefer-roles': ['bob'],
  // The emulated root user has no MFA.
  'root-hardware-mfa': ['123456789012'],
  'root-mfa': ['123456789012'],
  'cloudtrail-kms': ['quiet'],
  'cloudtrail-log-validation': ['quiet'],
  'cloudtrail-multi-region': ['quiet'],
  'config-recorder-on': ['default'],
  // The default VPC has no flow log; the seeded `orders` VPC has one.
  'vpc-flow-logs': [DEFAULT_VPC],
};

/** What moto 5 does not implement, reported per call as a live scan would report an AccessDenied. */
const EXPECTED_PROBLEMS = [
  'ec2 ec2:GetEbsDefaultKmsKeyId',
  'ec2 ssm:ListResourceComplianceSummaries',
  'backup backup:GetBackupVaultAccessPolicy arn:aws:backup:eu-west-1:123456789012:backup-vault:unlocked',
  'backup backup:GetBackupVaultAccessPolicy arn:aws:backup:eu-west-1:123456789012:backup-vault:locked',
  'backup (listing) backup:ListBackupSelections',
  'access-analyzer (listing) access-analyzer:ListAnalyzers',
].sort();

/** A stable name for a flagged resource: moto makes ids at random and names automated snapshots by the minute. */
const label = (r: Resource): string =>
  r.type === 'aws.bottlerocket.node-report' ? `report of ${r.tags.Name}` : r.type === 'aws.ec2.vpc' && r.config.IsDefault === true ? DEFAULT_VPC : r.name.replace(/\d{4}-\d{2}-\d{2}-\d{2}-\d{2}$/, 'DATE');

/**
 * Field paths of a config: `Table.SSEDescription.Status`, `Tags[].Key`. Tag maps (`tags`/`Tags` objects)
 * hold the user's own keys, so their entries are not paths of the API's shape.
 */
const fieldPaths = (value: unknown, prefix = '', out = new Set<string>()): Set<string> => {
  if (value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) fieldPaths(v, `${prefix}[]`, out);
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${k}` : k;
    out.add(path);
    if (!(/^(tags|Tags)$/.test(k) && v && typeof v === 'object' && !Array.isArray(v))) fieldPaths(v, path, out);
  }
  return out;
};

/**
 * Fields the demo sets that the moto estate does not show, each because moto leaves it out or the
 * estate has no such case — never because the real API spells it differently. A demo field missing
 * here and from the moto record fails the test: it is then a shape the real API does not have.
 */
const NOT_IN_MOTO: Record<string, { paths: RegExp; why: string }[]> = {
  'aws.iam.user': [{ paths: /^(PasswordLastUsed|AccessKeys\[\]\.LastUsedDate)$/, why: 'set once a credential is used; nothing signs in to moto' }],
  'aws.iam.role': [
    { paths: /^(AttachedManagedPolicies|RolePolicyList)\[\]/, why: 'the seeded role has no policies' },
    { paths: /^RoleLastUsed\./, why: 'set once the role is assumed' },
  ],
  'aws.iam.account': [
    { paths: /^RootCredentialReport/, why: "moto's credential report has no <root_account> row" },
    { paths: /^SummaryMap\.AccountPasswordPresent$/, why: 'moto does not count the root password' },
  ],
  'aws.ec2.instance': [
    { paths: /^PatchCompliance/, why: 'moto has no SSM compliance API (ListResourceComplianceSummaries)' },
    { paths: /^(PlatformDetails|PublicIpAddress|IamInstanceProfile(\..*)?|SecurityGroups\[\]\..*)$/, why: 'moto leaves them out, or the seeded instances have none' },
  ],
  'aws.ec2.security-group': [{ paths: /^(Tags\[\]\.(Key|Value)|IpPermissions\[\]\.Ipv6Ranges\[\]\.CidrIpv6)$/, why: 'the seeded groups have no tags or IPv6 rules' }],
  'aws.eks.cluster': [{ paths: /^resourcesVpcConfig\.(vpcId|securityGroupIds|publicAccessCidrs)$/, why: 'moto echoes only what the cluster was created with' }],
  'aws.ecs.task-definition': [{ paths: /^(requiresCompatibilities|cpu|memory|containerDefinitions\[\]\.privileged)$/, why: 'not set on the seeded task definitions' }],
  'aws.s3.bucket': [
    { paths: /^Policy\.Statement\[\]\.(Principal\.AWS|Condition\.StringEquals.*)$/, why: 'the seeded policy has only the TLS deny' },
    { paths: /^(Logging\.LoggingEnabled.*|Versioning\.MFADelete)$/, why: 'no seeded bucket logs or has MFA delete configured' },
  ],
  'aws.kms.key': [{ paths: /^RotationPeriodInDays$/, why: 'moto does not return the rotation period' }],
  'aws.redshift.cluster': [{ paths: /^(KmsKeyId|MultiAZ)$/, why: 'the seeded cluster is unencrypted; moto predates MultiAZ' }],
  'aws.iam.policy': [
    { paths: /^(PolicyId|PermissionsBoundaryUsageCount)$/, why: 'moto leaves them out of GetAccountAuthorizationDetails' },
    { paths: /^PolicyVersion\.Document\.Statement\[\]\.NotAction$/, why: 'the seeded documents use Action only' },
  ],
  'aws.ec2.region-settings': [{ paths: /^KmsKeyId$/, why: 'moto has no GetEbsDefaultKmsKeyId' }],
  'aws.ec2.volume': [{ paths: /^(MultiAttachEnabled|Attachments\[\]\.DeleteOnTermination)$/, why: 'moto leaves them out' }],
  'aws.ec2.snapshot': [{ paths: /^(StorageTier|KmsKeyId)$/, why: 'moto leaves StorageTier out; the seeded snapshot is unencrypted' }],
  'aws.rds.db-snapshot': [{ paths: /^TagList\[\]\.(Key|Value)$/, why: 'the automated snapshot has no tags' }],
  'aws.elbv2.listener': [{ paths: /^DefaultActions\[\]\.RedirectConfig/, why: 'the seeded listeners forward' }],
  'aws.cloudtrail.trail': [
    { paths: /^(CloudWatchLogsLogGroupArn|TagsList\[\]\.(Key|Value))$/, why: 'not set on the seeded trails' },
    { paths: /^(AdvancedEventSelectors\[\]|EventSelectors\[\]\.(DataResources|ExcludeManagementEventSources))/, why: 'the seeded trail uses basic selectors; moto drops empty lists' },
  ],
  'aws.config.recorder': [
    { paths: /^recordingMode/, why: 'moto predates recording modes' },
    { paths: /^status\.(lastStatus|lastStartTime|lastStopTime)$/, why: 'the seeded recorder never started' },
  ],
  'aws.logs.log-group': [{ paths: /^logGroupClass$/, why: 'moto leaves it out' }],
  'aws.dynamodb.table': [{ paths: /^Table\.(TableId|SSEDescription(\..*)?)$/, why: 'moto leaves TableId out; the seeded tables use the default AWS owned key' }],
  'aws.backup.vault': [
    { paths: /^(VaultType|VaultState|EncryptionKeyArn)$/, why: 'moto leaves them out of ListBackupVaults' },
    { paths: /^AccessPolicy/, why: 'moto has no GetBackupVaultAccessPolicy' },
  ],
  'aws.backup.plan': [
    { paths: /^LastExecutionDate$/, why: 'the seeded plan never ran' },
    { paths: /^BackupPlan\.Rules\[\]\.(CopyActions.*|EnableContinuousBackup|Lifecycle\.MoveToColdStorageAfterDays)$/, why: 'not set on the seeded plan' },
  ],
};

const credentials = async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' });

/**
 * Client settings for moto. The endpoint is `localhost` and every name resolves to 127.0.0.1, because
 * S3 Control puts the account id in front of the host (`123456789012.localhost`), which neither an IP
 * endpoint nor the system resolver can serve; S3 uses path-style requests for the same reason.
 */
const motoClientConfig = (endpoint: string, region: string) => {
  const lookup = ((_host: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) =>
    opts?.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4)) as unknown as LookupFunction;
  return {
    region,
    endpoint: endpoint.replace('127.0.0.1', 'localhost'),
    credentials,
    retryMode: 'standard' as const,
    maxAttempts: 2,
    forcePathStyle: true,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, lookup }) }),
  };
};

/** Counts calls and their time, so the test can report the round trips a scan needed against its wall time. */
const contextFor = (endpoint: string, region: string, observedAt: string, calls: { n: number; ms: number }): CollectContext => ({
  accountId: MOTO_ACCOUNT,
  region,
  partition: 'aws',
  clientConfig: motoClientConfig(endpoint, region),
  observedAt,
  limit: async (fn) => {
    calls.n++;
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      calls.ms += performance.now() - t0;
    }
  },
});

describe('AWS collectors against moto', () => {
  let moto: MotoServer | undefined;
  const resources: Resource[] = [];
  const problems: (Problem & { service: string })[] = [];
  const calls = { n: 0, ms: 0 };
  /** Why the tests skip: moto could not start (never under CI=true, where startMotoServer throws). */
  let skipped: string | undefined;

  before(async () => {
    const started = await startMotoServer();
    if ('unavailable' in started) {
      skipped = started.unavailable;
      return;
    }
    moto = started;
    await seedMotoEstate(motoClientConfig(moto.endpoint, SEED_REGION));
    const observedAt = new Date().toISOString();
    const t0 = performance.now();
    // Services run side by side, as the provider's pool runs them.
    await Promise.all(
      allCollectors({ bottlerocketReports: REPORTS }).map(async (c) => {
        const ctx = contextFor(started.endpoint, c.global ? 'us-east-1' : SEED_REGION, observedAt, calls);
        try {
          for await (const page of c.collect(ctx)) {
            resources.push(...page.resources);
            for (const p of page.problems ?? []) problems.push({ service: c.service, ...p });
          }
        } catch (e) {
          problems.push({ service: c.service, operation: '(listing)', reason: (e as Error & { operation?: string }).operation ?? (e as Error).message });
        }
      }),
    );
    const ms = performance.now() - t0;
    if (process.env.VIGIL_MOTO_DUMP) (await import('node:fs')).writeFileSync(process.env.VIGIL_MOTO_DUMP, JSON.stringify({ resources, problems }, null, 1));
    console.log(`# moto scan: ${resources.length} resources, ${calls.n} API calls taking ${Math.round(calls.ms)} ms in sum, collected in ${Math.round(ms)} ms wall time`);
  });
  after(async () => moto?.stop());

  it('collects every seeded resource', (t) => {
    if (skipped) return t.skip(skipped);
    const ids = (type: string) => resources.filter((r) => r.type === type).map((r) => r.id).sort();
    assert.deepEqual(ids('aws.s3.bucket'), ['vigil-locked', 'vigil-node-reports', 'vigil-open', 'vigil-public-acl']);
    assert.deepEqual(ids('aws.iam.user'), ['ana', 'bob', 'carol']);
    assert.deepEqual(ids('aws.iam.policy'), ['admin-star', 'read-orders']);
    assert.deepEqual(ids('aws.dynamodb.table'), ['ledger', 'orders']);
    assert.deepEqual(ids('aws.rds.db-instance'), ['ledger-db', 'orders-db']);
    assert.deepEqual(ids('aws.backup.vault'), ['locked', 'unlocked']);
    const reports = resources.filter((r) => r.type === 'aws.bottlerocket.node-report');
    assert.deepEqual(reports.map((r) => [r.tags.Name, r.config.ClusterName ?? null, r.config.status]).sort(), [['hardened', 'private', 'FAIL'], ['legacy', null, 'PASS']]);
    assert.deepEqual(resources.filter((r) => r.type === 'aws.ec2.snapshot').map((r) => r.name), ['plain-snap'], 'only the snapshots the account owns');
    const lines = problems.map((p) => [p.service, p.operation, p.operation === '(listing)' ? p.reason : p.resourceArn].filter(Boolean).join(' ')).sort();
    assert.deepEqual(lines, EXPECTED_PROBLEMS);
  });

  it("the demo estate uses only fields the real API returns, type by type", (t) => {
    if (skipped) return t.skip(skipped);
    const accounts: Account[] = [
      { id: '111122223333', name: 'prod-a', environment: 'prod' },
      { id: '444455556666', name: 'dev-b', environment: 'dev' },
    ];
    const problems: string[] = [];
    const compared: string[] = [];
    for (const g of allDemoGenerators()) {
      const live = resources.filter((r) => r.type === g.type);
      if (live.length === 0) continue;
      compared.push(g.type);
      const livePaths = new Set<string>();
      for (const r of live) fieldPaths(r.config, '', livePaths);
      const demoPaths = new Set<string>();
      // Enough resources per account and Region to draw each flaw the generator knows.
      for (let index = 0; index < 120; index++) {
        const account = accounts[index % accounts.length] as Account;
        const region = g.scope === 'global' ? 'global' : SEED_REGION;
        const d = g.generate({ rng: new Rng(`keys/${g.type}/${index}`), account, region, regions: [SEED_REGION, 'eu-central-1'], accounts, index, count: 120, now: Date.now() });
        fieldPaths(d.config, '', demoPaths);
      }
      const excused = NOT_IN_MOTO[g.type] ?? [];
      for (const p of demoPaths) if (!livePaths.has(p) && !excused.some((e) => e.paths.test(p))) problems.push(`${g.type}: demo field ${p} is not in what the API returned`);
    }
    assert.deepEqual(problems, []);
    // What moto cannot hold (Access Analyzer, Backup selections, recovery points, legal holds, restore jobs)
    // is compared in backup-collector.test.ts against a local REST-JSON endpoint.
    const notCompared = allDemoGenerators().map((g) => g.type).filter((t) => !compared.includes(t)).sort();
    assert.deepEqual(notCompared, [
      'aws.accessanalyzer.region',
      'aws.backup.legal-hold',
      'aws.backup.recovery-point',
      'aws.backup.restore-job',
      'aws.backup.selection',
    ]);
  });

  it('the real policies flag exactly the seeded flaws', async (t) => {
    if (skipped) return t.skip(skipped);
    const registries = createRegistries();
    const { policies, diagnostics } = await new PolicyLoader(registries).load([{ path: BUILTIN_POLICY_DIR, builtin: true }]);
    assert.deepEqual(diagnostics, []);
    const compiler = new ConditionCompiler(registries.operators, registries.filters);
    // Judged as if 120 days had passed, so the keys and passwords seeded today are "old" for the age controls.
    const ctx = testFilterContext(Date.now() + 120 * DAY, resources, { accounts: [{ id: MOTO_ACCOUNT, name: 'moto' }] });
    const flagged: Record<string, string[]> = {};
    for (const p of policies) {
      const cp = compilePolicy(p, compiler);
      const ids = resources.filter((r) => cp.types.includes(r.type) && cp.applies(r, ctx) && cp.test(r, ctx)).map(label).sort();
      if (ids.length) flagged[p.id] = ids;
    }
    if (process.env.VIGIL_MOTO_DUMP) console.log(JSON.stringify({ flagged, problems }));
    assert.deepEqual(flagged, EXPECTED);
  });
});
