import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Account } from '../../../../inventory/organization.js';
import type { DemoContext, DemoGenerator } from '../../demo-generator.js';
import { Rng } from '../../rng.js';
import { identityResourceTypes } from '../../../../inventory/resource-types/identity/index.js';
import { identityGenerators } from './index.js';

const now = Date.parse('2026-11-22T00:00:00Z');
const accounts: Account[] = [
  { id: '111111111111', name: 'prod', environment: 'prod' },
  { id: '222222222222', name: 'staging', environment: 'staging' },
  { id: '333333333333', name: 'shared', environment: 'shared' },
];
const regions = ['eu-west-1', 'eu-central-1'] as const;

const ctxFor = (g: DemoGenerator, seed: string, account: Account, region: string, index: number, count: number): DemoContext => ({
  rng: new Rng(`${seed}/${g.type}/${account.id}/${region}/${index}`),
  account, region, regions, accounts, index, count, now,
});

const generateAll = (g: DemoGenerator, seed: string, perAccount: number) => {
  const out: Record<string, unknown>[] = [];
  for (const a of accounts) {
    for (const region of g.scope === 'global' ? ['global'] : regions) {
      for (let i = 0; i < perAccount; i++) out.push(g.generate(ctxFor(g, seed, a, region, i, perAccount)).config);
    }
  }
  return out;
};

test('same seed gives the same estate; another seed gives another', () => {
  for (const g of identityGenerators) {
    const a = JSON.stringify(generateAll(g, '42', 20));
    assert.equal(JSON.stringify(generateAll(g, '42', 20)), a, `${g.type} is not deterministic`);
    assert.notEqual(JSON.stringify(generateAll(g, '43', 20)), a, `${g.type} ignores the seed`);
  }
});

test('every generator makes a registered type whose identity derives from the config', () => {
  const types = new Map(identityResourceTypes.map((t) => [t.type, t]));
  for (const g of identityGenerators) {
    const def = types.get(g.type);
    assert.ok(def, `${g.type} has no resource type`);
    const cfg = g.generate(ctxFor(g, '1', accounts[0]!, g.scope === 'global' ? 'global' : 'eu-west-1', 0, 1)).config;
    const id = def.identity(cfg, { accountId: accounts[0]!.id, region: 'eu-west-1' });
    assert.ok(id.id && id.arn, g.type);
  }
});

test('IAM user names and ARNs are unique within an account', () => {
  const g = identityGenerators.find((x) => x.type === 'aws.iam.user')!;
  const names = new Set<string>();
  for (let i = 0; i < 2000; i++) names.add(String(g.generate(ctxFor(g, '7', accounts[0]!, 'global', i, 2000)).config.UserName));
  assert.equal(names.size, 2000);
});

test('the credential report row agrees with the API fields', () => {
  const g = identityGenerators.find((x) => x.type === 'aws.iam.user')!;
  for (const c of generateAll(g, '9', 200)) {
    const report = c.CredentialReport as Record<string, string>;
    assert.equal(report.password_enabled === 'true', c.LoginProfile !== undefined);
    assert.equal(report.mfa_active === 'true', (c.MFADevices as unknown[]).length > 0);
    const keys = c.AccessKeys as { Status: string; LastUsedDate?: string }[];
    keys.forEach((k, i) => {
      assert.equal(report[`access_key_${i + 1}_active`], k.Status === 'Active' ? 'true' : 'false');
      assert.equal(report[`access_key_${i + 1}_last_used_date`] === 'N/A', k.LastUsedDate === undefined);
    });
  }
});

// Generation speed is a figure, not a test: `npx tsx src/bench/demo-generation-bench.ts` prints µs per
// resource for every generator (CPU time, so a shared machine does not make it flaky).
