import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../store/open-store.js';
import { runVigil, tempDir, type CliRun } from '../../testing/cli-harness.js';
import { LIVE_STATES, type Violation } from '../../violations/violation.js';
import { ACCOUNT_A, ACCOUNT_B, writeDeliveryTree } from './aws-config-fixtures.js';

let dir: string;
let cleanup: () => Promise<void>;
before(async () => {
  ({ path: dir, cleanup } = await tempDir('vigil-aws-config-scan-'));
  await writeDeliveryTree(join(dir, 'first'), { withHistory: false, malformed: false });
  await writeDeliveryTree(join(dir, 'full'));
});
after(() => cleanup());

const violations = async (db: string): Promise<Violation[]> => {
  const store = await openStore({ url: db });
  try {
    return await store.violations.list({ limit: 100_000 });
  } finally {
    await store.close();
  }
};
const pairs = (vs: Violation[]) => vs.map((v) => `${v.policyId} ${v.resourceArn}`).sort();
const A = ACCOUNT_A;
const B = ACCOUNT_B;

/** What the fixtures break in every scan (history changes none of these). */
const ALWAYS = [
  `backup-cross-account-copy arn:aws:backup:eu-west-1:${B}:backup-plan:plan-1`,
  `backup-cross-region-copy arn:aws:backup:eu-west-1:${B}:backup-plan:plan-1`,
  `backup-recovery-point-encrypted arn:aws:backup:eu-west-1:${B}:recovery-point:rp-1`,
  `backup-recovery-point-min-retention arn:aws:backup:eu-west-1:${B}:recovery-point:rp-1`,
  `dynamodb-pitr arn:aws:dynamodb:us-east-1:${A}:table/carts`,
  `ec2-imdsv2 arn:aws:ec2:eu-west-1:${A}:instance/i-0123456789abcdef0`,
  `ecs-readonly-root arn:aws:ecs:us-east-1:${A}:task-definition/checkout:7`,
  `eks-audit-logs arn:aws:eks:us-east-1:${A}:cluster/prod`,
  `eks-private-endpoint arn:aws:eks:us-east-1:${A}:cluster/prod`,
  `elb-tls-policy arn:aws:elasticloadbalancing:us-east-1:${A}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`,
  `iam-no-admin-star arn:aws:iam::${A}:role/break-glass`,
  `kms-key-rotation arn:aws:kms:eu-west-1:${A}:key/k-norot`,
  `log-group-retention arn:aws:logs:us-east-1:${A}:log-group:/aws/lambda/fn`,
  // The Aurora cluster's configuration item has deletionProtection false.
  `rds-cluster-deletion-protection arn:aws:rds:us-east-1:${A}:cluster:orders-aurora`,
  `rds-multi-az arn:aws:rds:eu-west-1:${A}:db:orders`,
  `rds-not-public arn:aws:rds:eu-west-1:${A}:db:orders`,
  `data-classification-tagged arn:aws:redshift:eu-west-1:${A}:cluster:analytics`,
  `rds-storage-encrypted arn:aws:rds:eu-west-1:${A}:snapshot:rds:orders-2026-11-29`,
  `s3-account-public-access-block arn:aws:s3::${B}:account-public-access-block`,
  `sg-no-admin-ports-open arn:aws:ec2:eu-west-1:${A}:security-group/sg-open`,
];
/** Fixed (a-public) or deleted (vol-unenc) by the history file. */
const BEFORE_HISTORY = [
  `ebs-volume-encrypted arn:aws:ec2:eu-west-1:${A}:volume/vol-unenc`,
  `s3-bucket-public-access-block arn:aws:s3:::a-public`,
  `s3-default-encryption-kms arn:aws:s3:::a-public`,
  `s3-no-public-acl arn:aws:s3:::a-public`,
  `s3-tls-only arn:aws:s3:::a-public`,
  `s3-versioning arn:aws:s3:::a-public`,
];

describe('vigil scan --source aws-config:<dir> (real policies and evaluator)', () => {
  let db: string;
  let first: CliRun;
  let second: CliRun;
  let afterFirst: Violation[];
  before(async () => {
    db = join(dir, 'vigil.db');
    first = await runVigil(['scan', '--source', `aws-config:${join(dir, 'first')}`, '--db', db, '--format', 'json', '--output', 'v1.json'], { cwd: dir });
    afterFirst = await violations(db);
    second = await runVigil(['scan', '--source', `aws-config:${join(dir, 'full')}`, '--db', db, '--format', 'json', '--output', 'v2.json'], { cwd: dir });
  });

  it('opens exactly the violations the snapshots hold, per control and resource', () => {
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(pairs(afterFirst.filter((v) => LIVE_STATES.includes(v.state))), [...ALWAYS, ...BEFORE_HISTORY].sort());
  });

  it('after the history file: the fixed bucket and the deleted volume resolve, the new security group opens one', async () => {
    assert.equal(second.code, 0, second.stderr);
    const all = await violations(db);
    assert.deepEqual(pairs(all.filter((v) => LIVE_STATES.includes(v.state))), [...ALWAYS, `sg-no-admin-ports-open arn:aws:ec2:eu-west-1:${A}:security-group/sg-new`].sort());
    const resolved = new Map(all.filter((v) => !LIVE_STATES.includes(v.state)).map((v) => [`${v.policyId} ${v.resourceArn}`, v.resolution]));
    assert.equal(resolved.get(`ebs-volume-encrypted arn:aws:ec2:eu-west-1:${A}:volume/vol-unenc`), 'resource-deleted');
    for (const p of BEFORE_HISTORY.filter((x) => x.includes('a-public'))) assert.equal(resolved.get(p), 'passes', p);
  });

  it('summarises what it quarantined and could not judge', () => {
    assert.match(second.stdout, /Scanned 27 resources from aws-config:/);
    assert.match(second.stdout, /1 resources gone/);
    assert.match(second.stdout, /Quarantined: 2 bad records/);
    assert.match(second.stdout, /ConfigSnapshot_20261130T100000Z_[0-9a-f-]+\.json\.gz:item 20 {2}configuration is not an object/);
    assert.match(second.stdout, /truncated\.json\.gz {2}not a readable AWS Config delivery file: unexpected end of file/);
    assert.match(second.stdout, /Not judged:\n {2}3 items of 2 types not judged: AWS::SNS::Topic \(2\), AWS::Lambda::Function \(1\)\n/);
    assert.match(second.stdout, /2 items of 1 type judged only from the live aws source: AWS::IAM::User \(2: /);
    // A trail is judged from Config (encryption, log file validation), but whether it logs is not recorded: undecided, and said so.
    assert.match(second.stdout, /cloudtrail-multi-region on arn:aws:cloudtrail:eu-west-1:111122223333:trail\/main: not judged: IsLogging could not be read \(AWS Config records no trail status/);
  });
});
