import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dataResourceTypes } from '../../../../inventory/resource-types/data/index.js';
import type { Account } from '../../../../inventory/organization.js';
import type { DemoGenerator, DemoResource } from '../../demo-generator.js';
import { Rng } from '../../rng.js';
import { dataGenerators } from './index.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const ACCOUNTS: Account[] = [
  { id: '111122223333', name: 'prod-core', environment: 'prod' },
  { id: '222233334444', name: 'prod-data', environment: 'prod' },
  { id: '333344445555', name: 'dev-sandbox', environment: 'dev' },
];
const REGIONS = ['eu-west-1', 'eu-central-1'] as const;

interface Made extends DemoResource {
  accountId: string;
  region: string;
}

/** A tiny stand-in for the demo provider's loop: deterministic per (seed, type, account, region, index). */
const estate = (g: DemoGenerator, perRegion: number, seed = 'seed-1'): Made[] => {
  const out: Made[] = [];
  for (const account of ACCOUNTS) {
    const regions = g.scope === 'global' ? ['global'] : g.scope === 'home' ? [REGIONS[0]] : [...REGIONS];
    for (const region of regions) {
      const count = Math.max(g.min ?? 1, g.weight === 0 ? 0 : perRegion);
      for (let index = 0; index < count; index++) {
        const rng = new Rng(`${seed}/${g.type}/${account.id}/${region}/${index}`);
        const r = g.generate({ rng, account, region, regions: REGIONS, accounts: ACCOUNTS, index, count, now: NOW });
        out.push({ ...r, accountId: account.id, region });
      }
    }
  }
  return out;
};

const gen = (type: string): DemoGenerator => {
  const g = dataGenerators.find((x) => x.type === type);
  if (!g) throw new Error(`no generator for ${type}`);
  return g;
};
const configs = (type: string, perRegion = 300) => estate(gen(type), perRegion).map((r) => r.config as Record<string, any>);

/** A control shows both outcomes in the demo: at least one resource violates it and at least one complies. */
const both = (type: string, violates: (c: Record<string, any>) => boolean, perRegion = 300): void => {
  const cs = configs(type, perRegion);
  const bad = cs.filter(violates).length;
  assert.ok(bad > 0, `${type}: no violating demo resource`);
  assert.ok(bad < cs.length, `${type}: no compliant demo resource`);
  // Singletons (one per account or Region) are too few for a rate; the bulk must fail only a few percent.
  if (cs.length >= 50) assert.ok(bad / cs.length < 0.15, `${type}: ${bad} of ${cs.length} violate, more than a few percent`);
};

describe('data demo generators', () => {
  it('register a generator for every data resource type, and only registered types', () => {
    assert.deepEqual(dataGenerators.map((g) => g.type).sort(), dataResourceTypes.map((t) => t.type).sort());
  });

  it('are deterministic: the same seed gives the same estate, another seed another one', () => {
    for (const g of dataGenerators) {
      const a = JSON.stringify(estate(g, 20, 'seed-A'));
      assert.equal(a, JSON.stringify(estate(g, 20, 'seed-A')), g.type);
      if (g.weight > 0) assert.notEqual(a, JSON.stringify(estate(g, 20, 'seed-B')), g.type);
    }
  });

  it('give identities that agree with the resource type and are unique', () => {
    for (const g of dataGenerators) {
      const def = dataResourceTypes.find((t) => t.type === g.type)!;
      const arns = new Set<string>();
      for (const r of estate(g, 30)) {
        const id = def.identity(r.config, { accountId: r.accountId, region: r.region });
        if (r.arn) assert.equal(r.arn, id.arn, `${g.type}: generator and type disagree on the ARN`);
        if (r.id) assert.equal(r.id, id.id, `${g.type}: generator and type disagree on the id`);
        if (r.tags) assert.deepEqual(r.tags, def.tags(r.config), `${g.type}: tags`);
        assert.ok(!arns.has(id.arn), `${g.type}: duplicate ARN ${id.arn}`);
        arns.add(id.arn);
      }
    }
  });

  it('show compliant and failing resources for every section C and D control', () => {
    const bpaOff = (c: Record<string, any>) => !c.PublicAccessBlockConfiguration || Object.values(c.PublicAccessBlockConfiguration).some((v) => v !== true);
    both('aws.s3.account-settings', bpaOff);
    both('aws.s3.bucket', bpaOff);
    both('aws.s3.bucket', (c) => c.Acl.Grants.some((g: any) => /AllUsers|AuthenticatedUsers/.test(g.Grantee.URI ?? '')));
    both('aws.s3.bucket', (c) => !c.Policy?.Statement.some((s: any) => s.Sid === 'DenyInsecureTransport'));
    both('aws.s3.bucket', (c) => c.ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm !== 'aws:kms');
    both('aws.s3.bucket', (c) => c.Versioning.Status !== 'Enabled');
    both('aws.s3.bucket', (c) => !c.TagSet.some((t: any) => t.Key === 'data-classification' && ['public', 'private', 'confidential'].includes(t.Value)));
    both('aws.s3.bucket', (c) => c.Policy?.Statement.some((s: any) => s.Sid === 'VendorRead') ?? false);
    both('aws.rds.db-instance', (c) => !c.TagList.some((t: any) => t.Key === 'data-classification'), 40);
    both('aws.kms.key', (c) => c.KeyManager === 'CUSTOMER' && c.KeySpec === 'SYMMETRIC_DEFAULT' && !c.KeyRotationEnabled, 40);
    both('aws.kms.key', (c) => c.KeyState === 'PendingDeletion', 40);
    both('aws.ec2.region-settings', (c) => c.EbsEncryptionByDefault !== true);
    both('aws.ec2.volume', (c) => c.Encrypted !== true);
    both('aws.ec2.snapshot', (c) => c.Encrypted !== true);
    both('aws.rds.db-instance', (c) => c.StorageEncrypted !== true, 40);
    both('aws.rds.db-snapshot', (c) => c.Encrypted !== true, 40);
    both('aws.rds.db-instance', (c) => !c.Engine.startsWith('aurora') && c.MultiAZ !== true, 40);
    both('aws.rds.db-instance', (c) => c.PubliclyAccessible === true, 40);
    both('aws.rds.db-instance', (c) => c.DeletionProtection !== true, 40);
    both('aws.elbv2.listener', (c) => c.SslPolicy !== undefined && !/TLS13-1-[23]|TLS-1-2/.test(c.SslPolicy), 40);
    both('aws.cloudtrail.trail', (c) => !c.IsMultiRegionTrail || !c.IsLogging);
    both('aws.cloudtrail.trail', (c) => !c.LogFileValidationEnabled);
    both('aws.cloudtrail.trail', (c) => c.KmsKeyId === undefined);
    both('aws.config.recorder', (c) => c.recordingGroup?.allSupported !== true || c.status?.recording !== true);
    both('aws.ec2.vpc', (c) => !c.FlowLogs.some((f: any) => f.FlowLogStatus === 'ACTIVE' && ['REJECT', 'ALL'].includes(f.TrafficType)), 20);
    both('aws.logs.log-group', (c) => c.retentionInDays !== undefined && c.retentionInDays < 90);
    assert.ok(configs('aws.logs.log-group').some((c) => c.retentionInDays === undefined), 'some log groups never expire');
  });

  it('tag prod data stores with a backup policy, and leave a few without one', () => {
    const prodBuckets = estate(gen('aws.s3.bucket'), 300).filter((r) => r.accountId !== '333344445555');
    const tagged = prodBuckets.filter((r) => r.tags?.backup === 'daily_35').length;
    assert.ok(tagged > prodBuckets.length * 0.9 && tagged < prodBuckets.length);
    assert.ok(estate(gen('aws.rds.db-instance'), 40).some((r) => r.tags?.backup === 'db_30_365_2555'));
  });

  it('make the bulk types cheap: a bucket or log group costs a few RNG constructions, not a JSON round-trip', () => {
    const account = ACCOUNTS[0]!;
    const N = 50_000;
    // The machine is shared, so time is judged against a baseline measured in the same moment: building
    // the per-resource Rng the demo provider builds anyway.
    const baseline = (): number => {
      const t0 = performance.now();
      let x = 0;
      for (let index = 0; index < N; index++) x += new Rng(`s/aws.s3.bucket/${account.id}/eu-west-1/${index}`).next();
      assert.ok(x > 0);
      return performance.now() - t0;
    };
    for (const g of [gen('aws.s3.bucket'), gen('aws.logs.log-group')]) {
      const before = baseline();
      const t0 = performance.now();
      for (let index = 0; index < N; index++) {
        g.generate({ rng: new Rng(`s/${g.type}/${account.id}/eu-west-1/${index}`), account, region: 'eu-west-1', regions: REGIONS, accounts: ACCOUNTS, index, count: N, now: NOW });
      }
      const ms = performance.now() - t0;
      const ref = Math.max(1, Math.min(before, baseline()));
      // Measured: buckets ~12x the baseline, log groups ~7x; with a JSON round-trip per resource both exceed 70x.
      assert.ok(ms < 40 * ref, `${g.type}: ${N} took ${Math.round(ms)} ms, ${Math.round(ms / ref)}x the RNG baseline`);
    }
  });
});
