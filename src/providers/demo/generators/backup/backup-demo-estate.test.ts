import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import type { Resource } from '../../../../inventory/resource.js';
import { compilePolicy } from '../../../../policies/compiled-policy.js';
import { ConditionCompiler } from '../../../../policies/condition/condition-compiler.js';
import type { FilterContext } from '../../../../policies/filters/named-filter.js';
import { PolicyLoader } from '../../../../policies/policy-loader.js';
import { createRegistries } from '../../../../policies/registries.js';
import type { Account } from '../../../../inventory/organization.js';
import type { DemoGenerator } from '../../demo-generator.js';
import { Rng } from '../../rng.js';
import { rdsDbInstanceDemoGenerator } from '../data/rds-db-instance-demo-generator.js';
import { backupGenerators } from './index.js';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const REGIONS = ['eu-west-1', 'eu-central-1'];
const ACCOUNTS: Account[] = [
  { id: '123456789012', name: 'payments-prod', environment: 'prod' },
  { id: '210987654321', name: 'payments-staging', environment: 'staging' },
  { id: '345678901234', name: 'security-shared', environment: 'shared' },
  { id: '400000000000', name: 'lending-prod-0', environment: 'prod' },
];
const registries = createRegistries();

/** The demo provider's own recipe (count ∝ weight, floor `min`, Rng keyed by seed/type/account/region/index), in small. */
const estate = (seed: string, size: number, generators: DemoGenerator[]): Resource[] => {
  const total = generators.reduce((n, g) => n + g.weight, 0);
  const out: Resource[] = [];
  for (const g of generators) {
    const def = registries.resourceTypes.get(g.type);
    const cells = ACCOUNTS.length * (g.scope === 'regional' ? REGIONS.length : 1);
    const count = Math.max(g.min ?? 1, Math.round((size * g.weight) / total / cells));
    for (const account of ACCOUNTS) {
      for (const region of g.scope === 'regional' ? REGIONS : [REGIONS[0] as string]) {
        for (let index = 0; index < count; index++) {
          const rng = new Rng(`${seed}/${g.type}/${account.id}/${region}/${index}`);
          const m = g.generate({ rng, account, region, regions: REGIONS, accounts: ACCOUNTS, index, count, now: NOW, seed });
          const ident = def.identity(m.config, { accountId: account.id, region });
          out.push({ provider: 'aws', accountId: account.id, region, type: g.type, id: m.id ?? ident.id, arn: m.arn ?? ident.arn, name: m.name ?? ident.name, tags: m.tags ?? def.tags(m.config), config: m.config, observedAt: '' });
        }
      }
    }
  }
  return out;
};

const generators = [...backupGenerators, rdsDbInstanceDemoGenerator];

test('same seed, same estate; another seed, another estate', () => {
  const a = estate('42', 3000, generators);
  const b = estate('42', 3000, generators);
  const c = estate('43', 3000, generators);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('every backup resource type is generated and its identity is unique', () => {
  const all = estate('7', 3000, generators);
  for (const g of backupGenerators) assert.ok(all.some((r) => r.type === g.type), g.type);
  const arns = new Set(all.map((r) => r.arn));
  assert.equal(arns.size, all.length, 'duplicate ARNs');
});

test('relations hold: selections name existing plans, recovery points name existing tables and RDS instances', () => {
  const all = estate('7', 3000, generators);
  const plans = new Set(all.filter((r) => r.type === 'aws.backup.plan').map((r) => `${r.accountId}/${r.region}/${String(r.config.BackupPlanId)}`));
  for (const s of all.filter((r) => r.type === 'aws.backup.selection')) assert.ok(plans.has(`${s.accountId}/${s.region}/${String(s.config.BackupPlanId)}`), s.arn);
  const arns = new Set(all.map((r) => r.arn));
  const rps = all.filter((r) => r.type === 'aws.backup.recovery-point');
  const dangling = rps.filter((r) => !arns.has(String(r.config.ResourceArn)));
  assert.ok(dangling.length / rps.length < 0.05, `${dangling.length} of ${rps.length} recovery points protect nothing`);
  assert.ok(rps.some((r) => r.config.ResourceType === 'RDS' && arns.has(String(r.config.ResourceArn))), 'RDS instances have recovery points');
  const vaults = new Set(all.filter((r) => r.type === 'aws.backup.vault').map((r) => r.arn));
  for (const rp of rps) assert.ok(vaults.has(String(rp.config.BackupVaultArn)), String(rp.config.BackupVaultArn));
});

test('every section-A control has compliant and violating demo resources, violations a minority', async () => {
  const dir = new URL('../../../../../policies/aws/backup', import.meta.url).pathname;
  const { policies, diagnostics } = await new PolicyLoader(registries).load([{ path: dir, builtin: true }]);
  assert.deepEqual(diagnostics, []);
  assert.equal(policies.length, readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml')).length);
  const all = estate('2026', 4000, generators);
  const memo = new Map<string, unknown>();
  const byType = new Map<string, Resource[]>();
  for (const r of all) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  const byArn = new Map(all.map((r) => [r.arn, r]));
  const ctx: FilterContext = {
    now: NOW,
    organization: { accounts: ACCOUNTS },
    lookup: {
      byType: (t) => byType.get(t) ?? [],
      byArn: (a) => byArn.get(a),
      memo: <T>(k: string, build: () => T): T => (memo.has(k) ? (memo.get(k) as T) : (memo.set(k, build()).get(k) as T)),
    },
  };
  const compiler = new ConditionCompiler(registries.operators, registries.filters);
  const report: string[] = [];
  for (const p of policies) {
    const cp = compilePolicy(p, compiler);
    const judged = all.filter((r) => cp.types.includes(r.type) && cp.applies(r, ctx));
    const failing = judged.filter((r) => cp.test(r, ctx) !== null).length;
    report.push(`${p.id}: ${failing}/${judged.length}`);
    assert.ok(failing > 0, `${p.id}: no violating demo resource (${judged.length} judged)`);
    assert.ok(failing < judged.length, `${p.id}: no compliant demo resource`);
    assert.ok(failing / judged.length <= 0.25, `${p.id}: ${failing} of ${judged.length} violate`);
  }
  // Fixture files exist for every policy (vigil test runs them).
  for (const p of policies) assert.ok(readFileSync(`${dir}/${p.id}.test.yaml`, 'utf8').includes('expect: fail'), p.id);
  console.log(report.join('\n'));
});
