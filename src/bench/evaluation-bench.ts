/**
 * `npm run bench` (evaluation part): how fast the condition engine judges resources, on one core.
 *
 *  - Micro-benchmark (issue #13): 100,000 synthetic S3 buckets shaped like Cloud Custodian's S3
 *    resources (Name, CreationDate, Tags, Location.LocationConstraint, Acl.Grants, Logging, default
 *    encryption rules, Block Public Access) and 10 value conditions, in two modes:
 *      independent: 10 one-condition policies over every bucket (1,000,000 evaluations);
 *      chain:       one policy ANDing the 10 conditions, short-circuiting; evaluations are counted as
 *                   Custodian counts them: per bucket, the conditions run until the first that fails.
 *    Median of 5 timed runs after a warm-up, through `Evaluator.evaluate` in batches of 1,000 with the
 *    per-policy tally, as a scan calls it; the evaluator decides and returns findings whose evidence
 *    is written when read (PendingFinding), so these figures exclude evidence. Wall time and, for a
 *    shared machine, the process's CPU time.
 *  - Single-resource latency: each resource of a demo estate, alone, against every built-in policy of
 *    its type (`evaluate([r])`, the event-driven path), p50 / p99 over every resource type: the
 *    decision alone, and with the evidence of every failure written.
 *
 * BENCH_BUCKETS, BENCH_RUNS and BENCH_LATENCY_SIZE override the sizes.
 */
import { demoEvaluationSetup } from './demo-evaluation-setup.js';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { buildRegistries } from '../composition-root.js';
import type { Resource } from '../inventory/resource.js';
import { compilePolicy, type CompiledPolicy } from '../policies/compiled-policy.js';
import { ConditionCompiler } from '../policies/condition/condition-compiler.js';
import type { FilterContext } from '../policies/filters/named-filter.js';
import { PreloadedLookup } from '../policies/filters/preloaded-lookup.js';
import type { ConditionSpec, LoadedPolicy } from '../policies/policy.js';
import { Evaluator, type PolicyTally } from '../evaluation/evaluator.js';

const NOW = '2026-11-22T00:00:00Z';
const BUCKETS = Number(process.env.BENCH_BUCKETS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LATENCY_SIZE = Number(process.env.BENCH_LATENCY_SIZE ?? 20_000);
const BATCH = 1_000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The ten conditions of issue #13, in chain order (most buckets pass the first ones). */
export const BENCH_CONDITIONS: { name: string; where: ConditionSpec }[] = [
  { name: 'tag present', where: { 'tag:owner': { exists: true } } },
  { name: 'ACL grant count ≥ 1', where: { 'Acl.Grants': { size: { gte: 1 } } } },
  { name: 'created more than 30 days ago', where: { CreationDate: { 'age-days-gt': 30 } } },
  { name: 'name regex', where: { Name: { matches: '-(data|raw|curated|exports|reports|archive|uploads)-\\d+$' } } },
  { name: 'location constraint ≠', where: { 'Location.LocationConstraint': { ne: 'eu-central-1' } } },
  { name: 'tag in a list', where: { 'tag:env': { in: ['prod', 'staging', 'dev'] } } },
  { name: 'SSE algorithm ≠ aws:kms', where: { 'ServerSideEncryptionConfiguration.Rules[*].ApplyServerSideEncryptionByDefault.SSEAlgorithm': { ne: 'aws:kms' } } },
  { name: 'tag absent', where: { 'tag:classification': { absent: true } } },
  { name: 'logging target absent', where: { 'Logging.TargetBucket': { absent: true } } },
  { name: 'BlockPublicAcls not true', where: { 'PublicAccessBlockConfiguration.BlockPublicAcls': { ne: true } } },
];

/** A small seeded generator (mulberry32): the same buckets every run. */
const rngFrom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'eu-west-2', 'ap-southeast-1', 'ap-northeast-1', 'sa-east-1'];
const PURPOSES = ['data', 'raw', 'curated', 'exports', 'reports', 'archive', 'uploads', 'www'];
const TEAMS = ['payments', 'search', 'identity', 'ledger', 'growth', 'platform'];
const ENVS = ['prod', 'staging', 'dev', 'sandbox', 'prod', 'dev', 'staging'];

/** Buckets as Custodian's S3 resource describes them (its `Tags` list, `Location`, `Acl`, `Logging`), plus Vigil's tag map. */
export const syntheticBuckets = (n: number, now: number, seed = 13): Resource[] => {
  const rnd = rngFrom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const out: Resource[] = [];
  for (let i = 0; i < n; i++) {
    const region = pick(REGIONS);
    const team = pick(TEAMS);
    const name = `acme-${team}-${region}-${pick(PURPOSES)}-${i}`;
    const tags: Record<string, string> = {};
    if (rnd() < 0.97) tags.owner = team;
    if (rnd() < 0.9) tags.env = pick(ENVS);
    if (rnd() < 0.3) tags.classification = pick(['internal', 'confidential', 'public']);
    if (rnd() < 0.5) tags['cost-centre'] = `cc-${Math.floor(rnd() * 900 + 100)}`;
    const ownerId = `${(i * 2654435761) >>> 0}`.padStart(12, '0').repeat(5).slice(0, 64);
    const grants: Record<string, unknown>[] = rnd() < 0.995 ? [{ Grantee: { Type: 'CanonicalUser', ID: ownerId, DisplayName: team }, Permission: 'FULL_CONTROL' }] : [];
    if (rnd() < 0.02) grants.push({ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' });
    const config: Record<string, unknown> = {
      Name: name,
      CreationDate: new Date(now - Math.floor(rnd() * 1500 + 1) * 86_400_000 - Math.floor(rnd() * 86_400_000)).toISOString(),
      Location: { LocationConstraint: region === 'us-east-1' ? null : region },
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      Acl: { Owner: { DisplayName: team, ID: ownerId }, Grants: grants },
      Logging: rnd() < 0.65 ? { TargetBucket: `acme-${region}-access-logs`, TargetPrefix: `${name}/` } : {},
      ServerSideEncryptionConfiguration: {
        Rules: [rnd() < 0.4 ? { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: `arn:aws:kms:${region}:111122223333:key/k-${i % 7}` }, BucketKeyEnabled: true } : { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
      },
      Versioning: rnd() < 0.8 ? { Status: 'Enabled', MFADelete: 'Disabled' } : {},
    };
    const bpa = rnd();
    if (bpa < 0.4) config.PublicAccessBlockConfiguration = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    else if (bpa < 0.8) config.PublicAccessBlockConfiguration = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: false };
    out.push({
      provider: 'aws', accountId: '111122223333', region, type: 'aws.s3.bucket', id: name, arn: `arn:aws:s3:::${name}`, name, tags, owner: team,
      config, observedAt: NOW,
    });
  }
  return out;
};

const policyOf = (id: string, where: ConditionSpec): LoadedPolicy => ({
  id, title: id, resource: 'aws.s3.bucket', severity: 'low', frameworks: {}, where, remediation: { guidance: '-' },
  source: { file: 'bench', line: 1, col: 1 }, builtin: false,
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Times `evaluate` over all buckets in batches; returns ms per run (median of RUNS after a warm-up) and the findings counted. */
const timeEvaluator = (evaluator: Evaluator, buckets: Resource[], now: number) => {
  const ctx = { now, lookup: new PreloadedLookup(), organization: { accounts: [] } };
  const once = () => {
    const tally: PolicyTally = new Map();
    let findings = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < buckets.length; i += BATCH) findings += evaluator.evaluate(buckets.slice(i, i + BATCH), ctx, tally).findings.length;
    const cpu = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, findings };
  };
  const first = once();
  const runs = Array.from({ length: RUNS }, once);
  return { ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)), runs: runs.map((r) => r.ms), findings: first.findings };
};

/** Per bucket, the conditions a short-circuiting AND runs: up to and including the first that fails (Custodian's count). */
export const chainEvaluationCount = (singles: readonly CompiledPolicy[], buckets: readonly Resource[], ctx: FilterContext): number => {
  let n = 0;
  for (const b of buckets) {
    for (const p of singles) {
      n++;
      if (!p.holds(b, ctx)) break;
    }
  }
  return n;
};

const microBenchmark = () => {
  const now = new Date(NOW).getTime();
  const buckets = syntheticBuckets(BUCKETS, now);
  const registries = buildRegistries();
  const compiler = new ConditionCompiler(registries.operators, registries.filters);
  const singles: CompiledPolicy[] = BENCH_CONDITIONS.map((c, i) => compilePolicy(policyOf(`bench-${i + 1}`, c.where), compiler));
  const chain = compilePolicy(policyOf('bench-chain', { all: BENCH_CONDITIONS.map((c) => c.where) }), compiler);

  // What each condition matches, and the chain's evaluation count as Custodian counts it.
  const ctx = { now, lookup: new PreloadedLookup(), organization: { accounts: [] } };
  const matched = singles.map((p) => buckets.filter((b) => p.holds(b, ctx)).length);
  const chainEvaluations = chainEvaluationCount(singles, buckets, ctx);

  const independent = timeEvaluator(new Evaluator(singles), buckets, now);
  const chained = timeEvaluator(new Evaluator([chain]), buckets, now);
  const evaluations = buckets.length * singles.length;
  console.log(`evaluation micro-benchmark: ${fmt(buckets.length)} synthetic S3 buckets, ${singles.length} value conditions, one core, median of ${RUNS}`);
  console.log(`  matches per condition: ${BENCH_CONDITIONS.map((c, i) => `${c.name} ${fmt(matched[i] as number)}`).join(' · ')}`);
  console.log(
    `  independent (${singles.length} one-condition policies): ${fmt(evaluations)} evaluations, ${fmt(independent.findings)} matches in ${independent.ms.toFixed(1)} ms → ${fmt(evaluations / (independent.ms / 1000))} evaluations/s  (runs ${independent.runs.map((x) => x.toFixed(0)).join(', ')} ms; CPU ${independent.cpuMs.toFixed(1)} ms → ${fmt(evaluations / (independent.cpuMs / 1000))}/s)`,
  );
  console.log(
    `  chain (one policy, ${singles.length} conditions ANDed): ${fmt(chainEvaluations)} evaluations, ${fmt(chained.findings)} matches in ${chained.ms.toFixed(1)} ms → ${fmt(chainEvaluations / (chained.ms / 1000))} evaluations/s  (runs ${chained.runs.map((x) => x.toFixed(0)).join(', ')} ms; CPU ${chained.cpuMs.toFixed(1)} ms → ${fmt(chainEvaluations / (chained.cpuMs / 1000))}/s)`,
  );
};

const singleResourceLatency = async () => {
  const { set, evaluator, demo, lookup, ctx } = await demoEvaluationSetup(LATENCY_SIZE, NOW);
  const needs = evaluator.needs();
  for await (const b of demo.collect({ types: needs })) lookup.add(b.resources);
  const resources: Resource[] = [];
  for await (const b of demo.collect({})) for (const r of b.resources) if (evaluator.policiesFor(r.type).length > 0) resources.push(r);
  // Warm up (the compiled closures and the lookup's memos), then time each resource alone: the
  // decision (what an unchanged violation needs), then with the evidence of each failure written
  // (what a new or changed violation needs).
  for (const r of resources) for (const f of evaluator.evaluate([r], ctx).findings) void f.evidence;
  const decide = timeEach(resources, (r) => evaluator.evaluate([r], ctx));
  const explain = timeEach(resources, (r) => {
    for (const f of evaluator.evaluate([r], ctx).findings) void f.evidence;
  });
  const types = new Set(resources.map((r) => r.type)).size;
  console.log(
    `single-resource latency: ${fmt(resources.length)} resources of ${types} types, each alone against every built-in policy of its type (${set.compiled.length} policies)`,
  );
  console.log(`  decision:            p50 ${decide.q(0.5)} µs · p99 ${decide.q(0.99)} µs · max ${decide.q(1)} µs  (slowest: ${decide.slowest})`);
  console.log(`  with evidence built: p50 ${explain.q(0.5)} µs · p99 ${explain.q(0.99)} µs · max ${explain.q(1)} µs  (slowest: ${explain.slowest})`);
};

/** Wall time of `fn` on each resource alone: quantiles in µs and the slowest types. */
const timeEach = (resources: readonly Resource[], fn: (r: Resource) => void) => {
  const ns: number[] = [];
  const worst = new Map<string, number>();
  for (const r of resources) {
    const t0 = process.hrtime.bigint();
    fn(r);
    const t = Number(process.hrtime.bigint() - t0);
    ns.push(t);
    if (t > (worst.get(r.type) ?? 0)) worst.set(r.type, t);
  }
  ns.sort((a, b) => a - b);
  const q = (p: number) => ((ns[Math.min(ns.length - 1, Math.floor(p * ns.length))] as number) / 1000).toFixed(1);
  const slowest = [...worst].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([t, v]) => `${t} ${(v / 1000).toFixed(0)} µs`).join(', ');
  return { q, slowest };
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`Vigil evaluation bench — node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  microBenchmark();
  await singleResourceLatency();
}
