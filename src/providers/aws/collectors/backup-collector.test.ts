// Backup and Access Analyzer against a small local endpoint answering in their REST-JSON wire format
// (moto 5 has no selections, recovery points, legal holds, restore jobs or Access Analyzer): the real
// SDK v3 client parses real response bodies, pages are followed, and the real policies judge the records.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Resource } from '../../../inventory/resource.js';
import { compilePolicy } from '../../../policies/compiled-policy.js';
import { ConditionCompiler } from '../../../policies/condition/condition-compiler.js';
import { PolicyLoader } from '../../../policies/policy-loader.js';
import { BUILTIN_POLICY_DIR, createRegistries } from '../../../policies/registries.js';
import { testFilterContext } from '../../../testing/resource-fixture.js';
import type { CollectContext } from '../service-collector.js';
import { accessAnalyzerCollector } from './accessanalyzer-collector.js';
import { backupCollector } from './backup-collector.js';
import type { Problem } from './collector-kit.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const NOW = Date.parse('2026-11-22T12:00:00Z');
const DAY = 86_400_000;
/** REST-JSON bodies carry timestamps as epoch seconds. */
const at = (ms: number): number => ms / 1000;
const vaultArn = (name: string, region = REGION, account = ACCOUNT) => `arn:aws:backup:${region}:${account}:backup-vault:${name}`;
const rpArn = (id: string) => `arn:aws:backup:${REGION}:${ACCOUNT}:recovery-point:${id}`;
const TABLE = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const PLAN = '8f3e1a2b-0c4d-4e5f-9a6b-7c8d9e0f1a2b';
const TESTING_PLAN = `arn:aws:backup:${REGION}:${ACCOUNT}:restore-testing-plan:weekly-a1b2c3`;

const point = (id: string, over: Record<string, unknown>) => ({
  RecoveryPointArn: rpArn(id),
  BackupVaultName: 'daily',
  BackupVaultArn: vaultArn('daily'),
  ResourceArn: TABLE,
  ResourceType: 'DynamoDB',
  Status: 'COMPLETED',
  CreationDate: at(NOW - DAY),
  CompletionDate: at(NOW - DAY + 600_000),
  Lifecycle: { DeleteAfterDays: 35 },
  CalculatedLifecycle: { DeleteAt: at(NOW + 34 * DAY) },
  EncryptionKeyArn: KEY,
  IsEncrypted: true,
  VaultType: 'BACKUP_VAULT',
  ...over,
});

/** What the endpoint answers, path by path (GET only: the collectors send nothing else). */
const routes: [RegExp, (m: RegExpExecArray, q: URLSearchParams) => unknown][] = [
  [/^\/backup-vaults\/?$/, () => ({
    BackupVaultList: [
      { BackupVaultName: 'daily', BackupVaultArn: vaultArn('daily'), VaultType: 'BACKUP_VAULT', VaultState: 'AVAILABLE', CreationDate: at(NOW - 400 * DAY), EncryptionKeyArn: KEY, NumberOfRecoveryPoints: 4, Locked: true, MinRetentionDays: 7, MaxRetentionDays: 3650, LockDate: at(NOW - 390 * DAY) },
      { BackupVaultName: 'scratch', BackupVaultArn: vaultArn('scratch'), VaultType: 'BACKUP_VAULT', VaultState: 'AVAILABLE', CreationDate: at(NOW - 10 * DAY), EncryptionKeyArn: KEY, NumberOfRecoveryPoints: 0, Locked: false },
    ],
  })],
  [/^\/backup-vaults\/daily\/access-policy\/?$/, () => ({
    BackupVaultName: 'daily',
    BackupVaultArn: vaultArn('daily'),
    Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], Resource: '*' }] }),
  })],
  // Two pages, so the collector must follow NextToken.
  [/^\/backup-vaults\/daily\/recovery-points\/?$/, (_m, q) =>
    q.get('nextToken') === 'page-2'
      ? { RecoveryPoints: [point('rp-held', { CreationDate: at(NOW - 20 * DAY), Lifecycle: { DeleteAfterDays: 35 }, CalculatedLifecycle: { DeleteAt: at(NOW + 15 * DAY) } })] }
      : { RecoveryPoints: [point('rp-good', {}), point('rp-short', { Lifecycle: { DeleteAfterDays: 7 }, CalculatedLifecycle: { DeleteAt: at(NOW + 6 * DAY) } }), point('rp-plain', { IsEncrypted: false, EncryptionKeyArn: undefined })], NextToken: 'page-2' }],
  [/^\/backup-vaults\/scratch\/recovery-points\/?$/, () => ({ RecoveryPoints: [] })],
  [/^\/backup\/plans\/?$/, () => ({ BackupPlansList: [{ BackupPlanId: PLAN, BackupPlanArn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-plan:${PLAN}`, BackupPlanName: 'daily_35', VersionId: 'v1', CreationDate: at(NOW - 400 * DAY) }] })],
  [new RegExp(`^/backup/plans/${PLAN}/?$`), () => ({
    BackupPlanId: PLAN,
    BackupPlanArn: `arn:aws:backup:${REGION}:${ACCOUNT}:backup-plan:${PLAN}`,
    VersionId: 'v1',
    CreationDate: at(NOW - 400 * DAY),
    BackupPlan: {
      BackupPlanName: 'daily_35',
      Rules: [{ RuleName: 'daily', RuleId: 'r-1', TargetBackupVaultName: 'daily', ScheduleExpression: 'cron(0 3 ? * * *)', StartWindowMinutes: 60, CompletionWindowMinutes: 480, Lifecycle: { DeleteAfterDays: 35 } }],
    },
  })],
  [new RegExp(`^/backup/plans/${PLAN}/selections/?$`), () => ({ BackupSelectionsList: [{ SelectionId: 'sel-1', SelectionName: 'tagged', BackupPlanId: PLAN, CreationDate: at(NOW - 400 * DAY), IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup` }] })],
  [new RegExp(`^/backup/plans/${PLAN}/selections/sel-1/?$`), () => ({
    SelectionId: 'sel-1',
    BackupPlanId: PLAN,
    CreationDate: at(NOW - 400 * DAY),
    BackupSelection: { SelectionName: 'tagged', IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, Resources: [], NotResources: [], ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily_35' }] },
  })],
  [/^\/legal-holds\/?$/, () => ({ LegalHolds: [{ Title: 'Incident 41', Status: 'ACTIVE', LegalHoldId: 'lh-1', LegalHoldArn: `arn:aws:backup:${REGION}:${ACCOUNT}:legal-hold:lh-1`, CreationDate: at(NOW - 5 * DAY) }] })],
  [/^\/legal-holds\/lh-1\/?$/, () => ({
    Title: 'Incident 41',
    Status: 'ACTIVE',
    LegalHoldId: 'lh-1',
    LegalHoldArn: `arn:aws:backup:${REGION}:${ACCOUNT}:legal-hold:lh-1`,
    CreationDate: at(NOW - 5 * DAY),
    RecoveryPointSelection: { VaultNames: ['daily'], ResourceIdentifiers: [], DateRange: { FromDate: at(NOW - 25 * DAY), ToDate: at(NOW - 15 * DAY) } },
  })],
  [/^\/restore-jobs\/?$/, () => ({ RestoreJobs: [{ RestoreJobId: 'rj-fast', Status: 'COMPLETED' }, { RestoreJobId: 'rj-slow', Status: 'COMPLETED' }] })],
  [/^\/restore-jobs\/(rj-fast|rj-slow)\/?$/, (m) => ({
    AccountId: ACCOUNT,
    RestoreJobId: m[1],
    RecoveryPointArn: rpArn('rp-good'),
    SourceResourceArn: m[1] === 'rj-fast' ? TABLE : `arn:aws:rds:${REGION}:${ACCOUNT}:db:ledger`,
    BackupVaultArn: vaultArn('daily'),
    CreationDate: at(NOW - 2 * DAY),
    CompletionDate: at(NOW - 2 * DAY + (m[1] === 'rj-fast' ? 42 : 900) * 60_000),
    Status: 'COMPLETED',
    PercentDone: '100.00%',
    ResourceType: m[1] === 'rj-fast' ? 'DynamoDB' : 'RDS',
    ValidationStatus: 'SUCCESSFUL',
  })],
  // Restore testing (REST-JSON; its listings spell NextToken/MaxResults in the query): one weekly plan whose selections come in two pages.
  [/^\/restore-testing\/plans\/?$/, () => ({ RestoreTestingPlans: [{ RestoreTestingPlanName: 'weekly', RestoreTestingPlanArn: TESTING_PLAN, CreationTime: at(NOW - 90 * DAY), ScheduleExpression: 'cron(0 1 ? * SUN *)' }] })],
  [/^\/restore-testing\/plans\/weekly\/?$/, () => ({
    RestoreTestingPlan: {
      RestoreTestingPlanName: 'weekly', RestoreTestingPlanArn: TESTING_PLAN, CreationTime: at(NOW - 90 * DAY), LastExecutionTime: at(NOW - 4 * DAY),
      ScheduleExpression: 'cron(0 1 ? * SUN *)', ScheduleExpressionTimezone: 'Etc/UTC', StartWindowHours: 24,
      RecoveryPointSelection: { Algorithm: 'LATEST_WITHIN_WINDOW', IncludeVaults: ['*'], RecoveryPointTypes: ['SNAPSHOT'], SelectionWindowDays: 7 },
    },
  })],
  [/^\/restore-testing\/plans\/weekly\/selections\/?$/, (_m, q) => {
    const selection = (name: string, type: string) => ({ RestoreTestingPlanName: 'weekly', RestoreTestingSelectionName: name, ProtectedResourceType: type, IamRoleArn: `arn:aws:iam::${ACCOUNT}:role/backup`, CreationTime: at(NOW - 90 * DAY), ValidationWindowHours: 4 });
    return q.get('NextToken') === 'sel-page-2' ? { RestoreTestingSelections: [selection('tables', 'DynamoDB')] } : { RestoreTestingSelections: [selection('databases', 'RDS')], NextToken: 'sel-page-2' };
  }],
  [/^\/tags\/(.+?)\/?$/, (m) => ({ Tags: decodeURIComponent(m[1] as string).includes('backup-vault:daily') ? { owner: 'platform' } : {} })],
  // Access Analyzer (its model dates bodies as ISO-8601 strings): an ACTIVE account analyzer in eu-west-1 (see answer()), none in eu-central-1.
  [/^\/analyzer\/?$/, () => ({ analyzers: [] })],
];

const answer = (region: string, path: string, q: URLSearchParams): { status: number; body: unknown; error?: string } => {
  if (path.replace(/\/$/, '') === '/analyzer' && region === REGION) {
    return { status: 200, body: { analyzers: [{ arn: `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/account`, name: 'account', type: 'ACCOUNT', status: 'ACTIVE', createdAt: new Date(NOW - 100 * DAY).toISOString(), tags: {} }] } };
  }
  for (const [re, handler] of routes) {
    const m = re.exec(path);
    if (m) return { status: 200, body: handler(m, q) };
  }
  return { status: 404, body: { Message: `${path} not found` }, error: 'ResourceNotFoundException' };
};

describe('Backup and Access Analyzer collectors against a local REST-JSON endpoint', () => {
  let server: Server;
  let endpoint = '';
  const sent: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://local');
      const region = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? '';
      sent.push(`${req.method} ${url.pathname}`);
      const { status, body, error } = req.method === 'GET' ? answer(region, url.pathname, url.searchParams) : { status: 405, body: { Message: 'read-only endpoint' }, error: 'MethodNotAllowed' };
      res.writeHead(status, { 'content-type': 'application/json', ...(error ? { 'x-amzn-errortype': error } : {}) });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const collect = async (collector: typeof backupCollector, region: string, wants?: (type: string) => boolean) => {
    const ctx: CollectContext = {
      ...(wants ? { wants } : {}),
      accountId: ACCOUNT,
      region,
      partition: 'aws',
      clientConfig: { region, endpoint, credentials: async () => ({ accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' }), retryMode: 'standard', maxAttempts: 1 },
      observedAt: new Date(NOW).toISOString(),
      limit: (fn) => fn(),
    };
    const resources: Resource[] = [];
    const problems: Problem[] = [];
    for await (const page of collector.collect(ctx)) {
      resources.push(...page.resources);
      problems.push(...(page.problems ?? []));
    }
    return { resources, problems };
  };

  it('reads every Backup type in the API shape the resource types document, following pages', async () => {
    const { resources, problems } = await collect(backupCollector, REGION);
    const byType = (t: string) => resources.filter((r) => r.type === t).map((r) => r.id).sort();
    assert.deepEqual(byType('aws.backup.vault'), ['daily', 'scratch']);
    assert.deepEqual(byType('aws.backup.recovery-point'), ['rp-good', 'rp-held', 'rp-plain', 'rp-short']);
    assert.deepEqual(byType('aws.backup.plan'), [PLAN]);
    assert.deepEqual(byType('aws.backup.selection'), ['sel-1']);
    assert.deepEqual(byType('aws.backup.legal-hold'), ['lh-1']);
    assert.deepEqual(byType('aws.backup.restore-job'), ['rj-fast', 'rj-slow']);
    assert.deepEqual(byType('aws.backup.restore-testing-plan'), ['weekly']);
    const testing = resources.find((r) => r.type === 'aws.backup.restore-testing-plan') as Resource;
    assert.equal(testing.arn, TESTING_PLAN);
    assert.deepEqual((testing.config.RestoreTestingSelections as { ProtectedResourceType: string }[]).map((x) => x.ProtectedResourceType), ['RDS', 'DynamoDB'], 'both pages of selections');
    assert.equal((testing.config.RecoveryPointSelection as { SelectionWindowDays: number }).SelectionWindowDays, 7);
    // A vault without an access policy answers ResourceNotFoundException: absent, not a problem.
    assert.deepEqual(problems, []);
    const daily = resources.find((r) => r.id === 'daily') as Resource;
    assert.deepEqual(daily.tags, { owner: 'platform' });
    assert.equal(daily.config.LockDate, new Date(NOW - 390 * DAY).toISOString(), 'timestamps become ISO strings');
    assert.deepEqual((daily.config.AccessPolicy as { Statement: { Effect: string }[] }).Statement[0]?.Effect, 'Deny', 'the policy document is parsed');
    assert.equal('AccessPolicy' in (resources.find((r) => r.id === 'scratch') as Resource).config, false);
    const hold = resources.find((r) => r.id === 'lh-1') as Resource;
    assert.deepEqual(hold.config.RecoveryPointSelection, { VaultNames: ['daily'], ResourceIdentifiers: [], DateRange: { FromDate: new Date(NOW - 25 * DAY).toISOString(), ToDate: new Date(NOW - 15 * DAY).toISOString() } });
    assert.ok(sent.every((s) => s.startsWith('GET ')), 'read-only: nothing but GET was sent');
  });

  it('sends only the listings a scan pass asks for (recovery points need the vault list, not the vaults\' policies or tags)', async () => {
    sent.length = 0;
    const { resources } = await collect(backupCollector, REGION, (t) => t === 'aws.backup.recovery-point');
    assert.deepEqual([...new Set(resources.map((r) => r.type))], ['aws.backup.recovery-point']);
    const paths = [...new Set(sent.map((s) => s.replace(/^GET /, '').replace(/\/$/, '')))].sort();
    assert.deepEqual(paths, ['/backup-vaults', '/backup-vaults/daily/recovery-points', '/backup-vaults/scratch/recovery-points']);
  });

  it('the real Backup and Access Analyzer policies flag exactly the flawed records', async () => {
    const resources = [
      ...(await collect(backupCollector, REGION)).resources,
      ...(await collect(accessAnalyzerCollector, REGION)).resources,
      ...(await collect(accessAnalyzerCollector, 'eu-central-1')).resources,
    ];
    const registries = createRegistries();
    const { policies, diagnostics } = await new PolicyLoader(registries).load([{ path: BUILTIN_POLICY_DIR, builtin: true }]);
    assert.deepEqual(diagnostics, []);
    const compiler = new ConditionCompiler(registries.operators, registries.filters);
    const ctx = testFilterContext(NOW, resources, { accounts: [{ id: ACCOUNT, name: 'prod' }] });
    const flagged: Record<string, string[]> = {};
    for (const p of policies) {
      const cp = compilePolicy(p, compiler);
      const ids = resources.filter((r) => cp.types.includes(r.type) && cp.applies(r, ctx) && cp.test(r, ctx)).map((r) => r.name).sort();
      if (ids.length) flagged[p.id] = ids;
    }
    assert.deepEqual(flagged, {
      'access-analyzer-enabled': ['access-analyzer-eu-central-1'],
      // The one plan copies nowhere.
      'backup-cross-account-copy': ['daily_35'],
      'backup-cross-region-copy': ['daily_35'],
      // Made inside the hold's date range, yet its lifecycle deletes it in 15 days (warned 30 days ahead).
      'backup-legal-hold-respected': ['rp-held'],
      'backup-recovery-point-encrypted': ['rp-plain'],
      'backup-recovery-point-min-retention': ['rp-short'],
      // 900 minutes against a 720-minute target; rj-fast took 42.
      'backup-restore-time-target': ['rj-slow'],
      // No lock, and no access policy denying deletes.
      'backup-vault-lock': ['scratch'],
      'backup-vault-no-manual-delete': ['scratch'],
    });
  });
});
