/**
 * How fast the demo generators make a large estate, per generator. Not a test: prints figures.
 *
 *   npx tsx src/bench/demo-generation-bench.ts
 *
 * Mirrors DemoProvider.collect (same counts per account and Region, one Rng per resource, identity and
 * tags from the resource type when the generator does not return them) without batching or the async
 * iterator, so the figures are the generators' own cost. µs/resource is CPU time (user + system) of
 * this process, because the machine is shared and wall time swings with others' load. Environment:
 *  - BENCH_SIZE (default 1,000,000): estate size;
 *  - BENCH_ROUNDS (default 1): repeat the whole estate, report the last round (JIT warm);
 *  - BENCH_KEYED_RNG=1: hash each `seed/type/account/region/` prefix once and make each resource's Rng
 *    with `Rng.keyed(prefixHash, index)` (same Rng as the string key) instead of `new Rng(key)`;
 *  - BENCH_FINGERPRINT=1: also print a hash of every generator's output, to check a refactor
 *    changed nothing (compare two runs at the same size).
 */
import { createHash } from 'node:crypto';
import { buildRegistries } from '../composition-root.js';
import type { Account } from '../inventory/organization.js';
import type { DemoGenerator } from '../providers/demo/demo-generator.js';
import { DEMO_REGIONS, demoOrganization } from '../providers/demo/demo-organization.js';
import { allDemoGenerators } from '../providers/demo/generators/all-generators.js';
import { Rng, hashString } from '../providers/demo/rng.js';

const SIZE = Number(process.env.BENCH_SIZE ?? 1_000_000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));
const KEYED_RNG = process.env.BENCH_KEYED_RNG === '1';
const FINGERPRINT = process.env.BENCH_FINGERPRINT === '1';
const SEED = 42;
const NOW = Date.parse('2026-11-22T00:00:00Z');

interface Row {
  type: string;
  resources: number;
  /** CPU time of this process (user + system): the machine is shared, so wall time is noisy. */
  ms: number;
  wallMs: number;
  fingerprint: string;
}

const { resourceTypes } = buildRegistries();
const generators = allDemoGenerators();
const accounts: Account[] = demoOrganization(SIZE).accounts;
const totalWeight = generators.reduce((n, g) => n + g.weight, 0) || 1;

/** Same arithmetic as DemoProvider.countPer. */
const countPer = (g: DemoGenerator): number => {
  const cells = accounts.length * (g.scope === 'regional' ? DEMO_REGIONS.length : 1);
  const share = g.weight > 0 ? Math.round((SIZE * g.weight) / totalWeight / cells) : 0;
  return Math.max(g.min ?? 1, share);
};

const run = (g: DemoGenerator): Row => {
  const def = resourceTypes.get(g.type);
  const count = countPer(g);
  const hash = FINGERPRINT ? createHash('sha256') : undefined;
  let resources = 0;
  let sink = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const account of accounts) {
    const regions = g.scope === 'global' ? ['global'] : g.scope === 'home' ? [DEMO_REGIONS[0]] : [...DEMO_REGIONS];
    for (const region of regions) {
      const keyHash = hashString(`${SEED}/${g.type}/${account.id}/${region}/`);
      for (let index = 0; index < count; index++) {
        const rng = KEYED_RNG ? Rng.keyed(keyHash, index) : new Rng(`${SEED}/${g.type}/${account.id}/${region}/${index}`);
        const made = g.generate({ rng, seed: SEED, account, region, regions: DEMO_REGIONS, accounts, index, count, now: NOW });
        const ident = made.id && made.arn && made.name ? { id: made.id, arn: made.arn, name: made.name } : def.identity(made.config, { accountId: account.id, region });
        const resource = {
          provider: 'aws',
          accountId: account.id,
          region,
          type: def.type,
          id: made.id ?? ident.id,
          arn: made.arn ?? ident.arn,
          name: made.name ?? ident.name,
          tags: made.tags ?? def.tags(made.config),
          config: made.config,
        };
        sink += resource.arn.length;
        if (hash) hash.update(JSON.stringify(resource));
        resources++;
      }
    }
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  if (sink < 0) console.log(sink);
  return { type: g.type, resources, ms: (cpu.user + cpu.system) / 1000, wallMs, fingerprint: hash ? hash.digest('hex').slice(0, 12) : '' };
};

let rows: Row[] = [];
for (let round = 0; round < ROUNDS; round++) rows = generators.map(run);

const total = rows.reduce((a, r) => ({ resources: a.resources + r.resources, ms: a.ms + r.ms, wallMs: a.wallMs + r.wallMs }), { resources: 0, ms: 0, wallMs: 0 });
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
console.log(`demo generation: size ${fmt(SIZE)}, ${accounts.length} accounts, rng ${KEYED_RNG ? 'Rng.keyed' : 'new Rng(key)'}, round ${ROUNDS} of ${ROUNDS}`);
console.log(`${'type'.padEnd(36)}${'resources'.padStart(11)}${'µs/res'.padStart(9)}${'cpu ms'.padStart(9)}${'wall ms'.padStart(9)}${FINGERPRINT ? '  fingerprint' : ''}`);
for (const r of [...rows].sort((a, b) => b.ms - a.ms)) {
  const us = r.resources ? (r.ms * 1000) / r.resources : 0;
  console.log(`${r.type.padEnd(36)}${fmt(r.resources).padStart(11)}${fmt(us, 2).padStart(9)}${fmt(r.ms).padStart(9)}${fmt(r.wallMs).padStart(9)}${FINGERPRINT ? `  ${r.fingerprint}` : ''}`);
}
console.log(`${'TOTAL'.padEnd(36)}${fmt(total.resources).padStart(11)}${fmt((total.ms * 1000) / total.resources, 2).padStart(9)}${fmt(total.ms).padStart(9)}${fmt(total.wallMs).padStart(9)}`);
