import type { Severity } from '../common/severity.js';
import type { Resource } from '../inventory/resource.js';
import type { LoadedPolicy } from '../policies/policy.js';
import type { Store } from '../store/store.js';
import type { Evidence } from '../violations/evidence.js';
import type { Violation, ViolationState } from '../violations/violation.js';
import { violationId } from '../violations/violation-id.js';

/**
 * A small, hand-counted estate for the read model, API and dashboard tests. Its numbers are written down
 * in POSTURE_FIXTURE_COUNTS so a test compares with what a person counted, not with the code under test.
 *
 * Live violations: s3 public access ×3 (high), IAM MFA ×2 (critical), backup vault lock ×1 (medium);
 * plus one resolved and one excepted that posture must ignore. kms-key-rotation passes everywhere.
 */
export const POSTURE_FIXTURE_NOW = '2026-03-10T12:00:00.000Z';

const ACCOUNT_A = '111111111111';
const ACCOUNT_B = '222222222222';

const policy = (p: Omit<LoadedPolicy, 'source' | 'builtin' | 'where'>): LoadedPolicy => ({
  ...p,
  where: { 'Fixture.Field': { ne: true } },
  source: { file: `policies/${p.id}.yaml`, line: 1, col: 1 },
  builtin: true,
});

export const postureFixturePolicies: LoadedPolicy[] = [
  policy({
    id: 's3-bucket-public-access-block',
    title: 'S3 buckets block all public access',
    resource: 'aws.s3.bucket',
    severity: 'high',
    frameworks: { 'aws-fsbp': 'S3.8', dora: 'Art. 9', 'iso27001@2022': 'A.8.3' },
    remediation: { guidance: 'Turn on all four Block Public Access settings.', enforce: 's3.block-public-access', risk: 'disruptive' },
  }),
  policy({
    id: 'iam-user-mfa',
    title: 'IAM users with a console password have MFA',
    resource: 'aws.iam.user',
    severity: 'critical',
    frameworks: { 'cis-aws@4.0': '1.10', 'iso27001@2022': 'A.8.5' },
    remediation: { guidance: 'Enable an MFA device for the user.', risk: 'manual' },
  }),
  policy({
    id: 'backup-vault-lock',
    title: 'Backup vaults are locked (WORM)',
    resource: 'aws.backup.vault',
    severity: 'medium',
    frameworks: { dora: 'Art. 12' },
    remediation: { guidance: 'Apply a vault lock in compliance mode.', enforce: 'backup.lock-vault', risk: 'irreversible' },
  }),
  policy({
    id: 'kms-key-rotation',
    title: 'KMS keys rotate yearly',
    resource: 'aws.kms.key',
    severity: 'low',
    frameworks: { 'cis-aws@4.0': '3.6' },
    remediation: { guidance: 'Enable automatic key rotation.' },
  }),
];

/** What a person counted in the fixture. */
export const POSTURE_FIXTURE_COUNTS = {
  resources: 9,
  policies: 4,
  liveViolations: 6,
  bySeverity: { critical: 2, high: 3, medium: 1, low: 0, info: 0 } satisfies Record<Severity, number>,
  byState: { open: 4, reminded: 1, due: 1 },
  /** framework → [policies, failingPolicies, violations] */
  byFramework: {
    'iso27001@2022': [2, 2, 5],
    'aws-fsbp': [1, 1, 3],
    dora: [2, 2, 4],
    'cis-aws@4.0': [2, 1, 2],
  },
  byAccount: { [ACCOUNT_A]: 4, [ACCOUNT_B]: 2 },
} as const;

const bucket = (name: string, accountId: string, owner: string | undefined, blockPublicAcls: boolean): Resource => ({
  provider: 'aws', accountId, region: 'eu-west-1', type: 'aws.s3.bucket', id: name, arn: `arn:aws:s3:::${name}`, name,
  tags: owner ? { owner } : {}, ...(owner ? { owner } : {}),
  config: { Name: name, PublicAccessBlockConfiguration: { BlockPublicAcls: blockPublicAcls } }, observedAt: '2026-03-10T11:00:00.000Z',
});
const user = (name: string, accountId: string, owner: string | undefined): Resource => ({
  provider: 'aws', accountId, region: 'global', type: 'aws.iam.user', id: name, arn: `arn:aws:iam::${accountId}:user/${name}`, name,
  tags: {}, ...(owner ? { owner } : {}), config: { UserName: name, MFADevices: [] }, observedAt: '2026-03-10T11:00:00.000Z',
});
const vault = (name: string, accountId: string, owner: string): Resource => ({
  provider: 'aws', accountId, region: 'eu-west-1', type: 'aws.backup.vault', id: name,
  arn: `arn:aws:backup:eu-west-1:${accountId}:backup-vault:${name}`, name, tags: { owner }, owner,
  config: { BackupVaultName: name, Locked: false }, observedAt: '2026-03-10T11:00:00.000Z',
});

export const postureFixtureResources: Resource[] = [
  bucket('payments-logs', ACCOUNT_A, 'payments', false),
  bucket('payments-exports', ACCOUNT_A, 'payments', false),
  bucket('web-assets', ACCOUNT_B, 'web', false),
  bucket('old-reports', ACCOUNT_B, 'web', true),
  bucket('audit-archive', ACCOUNT_A, 'security', true),
  user('alice', ACCOUNT_A, 'platform'),
  user('build-bot', ACCOUNT_A, undefined),
  vault('prod-vault', ACCOUNT_B, 'platform'),
  vault('dev-vault', ACCOUNT_B, 'platform'),
];

const byName = (name: string): Resource => {
  const r = postureFixtureResources.find((x) => x.name === name);
  if (!r) throw new Error(`fixture has no resource ${name}`);
  return r;
};

const violation = (policyId: string, name: string, state: ViolationState, evidence: Evidence[], extra: Partial<Violation> = {}): Violation => {
  const r = byName(name);
  const p = postureFixturePolicies.find((x) => x.id === policyId);
  if (!p) throw new Error(`fixture has no policy ${policyId}`);
  const live = !['resolved', 'excepted'].includes(state);
  return {
    id: violationId(policyId, r.arn), policyId, resourceArn: r.arn, resourceType: r.type, accountId: r.accountId, region: r.region,
    owner: r.owner ?? null, severity: p.severity, state, remindersSent: state === 'reminded' ? 1 : 0, evidence,
    firstSeenAt: '2026-03-01T09:00:00.000Z', lastSeenAt: live ? '2026-03-10T11:00:00.000Z' : '2026-03-05T11:00:00.000Z',
    stateChangedAt: '2026-03-01T09:00:00.000Z', nextActionAt: null, resolvedAt: live ? null : '2026-03-05T11:00:00.000Z',
    resolution: state === 'resolved' ? 'passes' : state === 'excepted' ? 'exception:dev-vault-waiver' : null,
    lastScanId: 'scan-2', version: 1, ...extra,
  };
};

const publicAcls: Evidence[] = [{ path: 'PublicAccessBlockConfiguration.BlockPublicAcls', expected: '= true', actual: false }];
const noMfa: Evidence[] = [{ path: 'MFADevices', expected: 'not empty', actual: [] }];
const unlocked: Evidence[] = [{ path: 'Locked', expected: '= true', actual: false }];

export const postureFixtureViolations: Violation[] = [
  violation('s3-bucket-public-access-block', 'payments-logs', 'open', publicAcls),
  violation('s3-bucket-public-access-block', 'payments-exports', 'open', publicAcls),
  violation('s3-bucket-public-access-block', 'web-assets', 'open', publicAcls),
  violation('s3-bucket-public-access-block', 'old-reports', 'resolved', publicAcls),
  violation('iam-user-mfa', 'alice', 'reminded', noMfa, { nextActionAt: '2026-03-12T09:00:00.000Z' }),
  violation('iam-user-mfa', 'build-bot', 'open', noMfa),
  violation('backup-vault-lock', 'prod-vault', 'due', unlocked),
  violation('backup-vault-lock', 'dev-vault', 'excepted', unlocked),
];

/** The violation the detail tests open: reminded once, so its history has two events. */
export const POSTURE_FIXTURE_REMINDED_ID = violationId('iam-user-mfa', 'arn:aws:iam::111111111111:user/alice');

/**
 * Writes the fixture into a migrated store: two scans (the newer one finished), resources, violations,
 * their audit events and one quarantined record.
 *
 * @example
 * const store = await openTestStore();
 * await seedPostureFixture(store);
 */
export async function seedPostureFixture(store: Store): Promise<void> {
  await store.scans.start({ id: 'scan-1', source: 'demo', startedAt: '2026-03-01T09:00:00.000Z', finishedAt: null, status: 'running', stats: {} });
  await store.scans.finish('scan-1', { finishedAt: '2026-03-01T09:01:00.000Z', status: 'finished', stats: { resources: 9 } });
  await store.scans.start({ id: 'scan-2', source: 'demo', startedAt: '2026-03-10T11:00:00.000Z', finishedAt: null, status: 'running', stats: {} });
  await store.scans.finish('scan-2', { finishedAt: '2026-03-10T11:02:00.000Z', status: 'finished', stats: { resources: 9, violationsOpened: 0 } });
  await store.inventory.upsert(postureFixtureResources, '2026-03-10T11:00:00.000Z');
  await store.transaction(async (tx) => {
    await tx.violations.insert(postureFixtureViolations);
    await tx.audit.append(
      postureFixtureViolations.map((v) => ({
        type: 'violation.opened', subjectKind: 'violation' as const, subjectId: v.id, actor: 'scanner', at: v.firstSeenAt,
        data: { policyId: v.policyId, resourceArn: v.resourceArn },
      })),
    );
    await tx.audit.append([
      { type: 'violation.reminded', subjectKind: 'violation', subjectId: POSTURE_FIXTURE_REMINDED_ID, actor: 'manager', at: '2026-03-03T09:00:00.000Z', data: { reminder: 1, to: 'platform' } },
    ]);
  });
  await store.quarantine.add([{ source: 'demo', reason: 'missing field "Name"', record: '{"Arn":"arn:aws:s3:::???"}' }], 'scan-2', '2026-03-10T11:00:30.000Z');
}
