/**
 * `npm run bench` (part 2): live AWS collection against the local wire endpoint — an organisation of
 * accounts × 4 regions reached through Organizations + AssumeRole, every call answered after a fixed
 * latency, listings paged at 100 items — with the real SDK v3 clients and the real collectors of
 * every service the endpoint serves but S3 (IAM, KMS, Backup, CloudWatch Logs, DynamoDB, CloudTrail).
 *
 *   BENCH_AWS_ACCOUNTS=50          throughput: a mid-sized estate per account/region (wall time, calls, calls/s)
 *   BENCH_AWS_RSS_ACCOUNTS=50,500  memory: the same small estate per account/region at each size (peak RSS)
 *   BENCH_AWS_LATENCY_MS=50        latency of every call
 *   BENCH_AWS_CONCURRENCY=64       listings in flight (default: aws.concurrency's default)
 *
 * The endpoint runs in this process and the collection in a child, so the child's peak RSS is the
 * collector's alone. Quality bar (issue 8): 50 accounts in under 60 s; 500's RSS within 1.5× of 50's.
 * What grows with the organisation is the number of accounts, not what each holds, so the memory runs
 * use a small estate per account/region (the same at both sizes) to keep the 500-account run short.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../common/clock.js';
import { AwsProvider } from '../providers/aws/aws-provider.js';
import { DEFAULT_CONFIG } from '../config/vigil-config.js';

const DEFAULT_AWS_SETTINGS = DEFAULT_CONFIG.aws;
import { allCollectors } from '../providers/aws/collectors/all-collectors.js';
import { AwsWireEndpoint, WIRE_SERVICES, type WireAccount } from './aws-wire-endpoint.js';

const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2'];
/** Per account and region: a mid-sized workload account. */
const FULL = { kmsKeys: 20, vaults: 3, recoveryPointsPerVault: 200, plans: 2, selectionsPerPlan: 3, legalHolds: 2, restoreJobs: 10, restoreTestingPlans: 1, logGroups: 40, tables: 5, iamUsers: 10 };
const SMALL = { kmsKeys: 1, vaults: 1, recoveryPointsPerVault: 5, plans: 0, selectionsPerPlan: 0, legalHolds: 0, restoreJobs: 0, restoreTestingPlans: 0, logGroups: 1, tables: 1, iamUsers: 1 };
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const organization = (n: number): WireAccount[] =>
  Array.from({ length: n }, (_, i) => ({ id: String(100000000000 + i), name: i === 0 ? 'management' : `workload-${i}`, ou: i === 0 ? 'root' : `root/${['prod', 'staging', 'dev'][i % 3]}` }));

/** The child: collect the whole organisation, keep nothing, report. */
const collect = async (url: string, accounts: number) => {
  const management = organization(1)[0]!.id;
  const provider = new AwsProvider({
    settings: { ...DEFAULT_AWS_SETTINGS, accounts: 'all', regions: 'all', homeRegion: 'us-east-1', concurrency: Number(process.env.BENCH_AWS_CONCURRENCY ?? DEFAULT_AWS_SETTINGS.concurrency) },
    // S3 is left out: S3 Control puts the account id in the host name, which an IP endpoint cannot be.
    collectors: allCollectors().filter((c) => c.service !== 's3' && (WIRE_SERVICES as readonly string[]).includes(c.service)),
    clock: new ManualClock('2026-12-03T12:00:00Z'),
    batchSize: 1_000,
    credentials: async () => ({ accessKeyId: `AKIA${management}ABCD`, secretAccessKey: 'wire-secret' }),
    endpoint: url,
  });
  const t0 = performance.now();
  let resources = 0;
  let failures = 0;
  let covered = 0;
  for await (const b of provider.collect({})) {
    resources += b.resources.length;
    failures += b.quarantined.length;
    covered += b.covered?.length ?? 0;
  }
  const ms = performance.now() - t0;
  provider.close();
  const cpu = process.cpuUsage();
  return { accounts, ms, cpuMs: (cpu.user + cpu.system) / 1000, calls: provider.http.calls, resources, failures, covered, rss: process.resourceUsage().maxRSS * 1024 };
};

const runChild = (url: string, accounts: number): Promise<Record<string, number>> =>
  new Promise((resolve, reject) => {
    // The young generation the scan worker runs the provider with (worker-evaluate-stream.ts): SDK
    // calls allocate briskly and die young.
    const child = spawn(process.execPath, [...process.execArgv, '--max-semi-space-size=64', fileURLToPath(import.meta.url), 'child', url, String(accounts)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4_000)));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, number>) : reject(new Error(`collection of ${accounts} accounts failed:\n${err}`))));
  });

if (process.argv[2] === 'child') {
  process.stdout.write(JSON.stringify(await collect(process.argv[3] as string, Number(process.argv[4]))));
} else {
  const latencyMs = Number(process.env.BENCH_AWS_LATENCY_MS ?? 50);
  const list = (v: string) => v.split(',').filter(Boolean).map(Number);
  console.log(`AWS collection (local wire endpoint, ${latencyMs} ms per call, pages of 100; services: ${WIRE_SERVICES.filter((x) => x !== 's3').join(', ')}; ${REGIONS.length} regions per account)`);
  const run = async (n: number, sizes: typeof FULL) => {
    const wire = new AwsWireEndpoint({ accounts: organization(n), regions: REGIONS, latencyMs, pageSize: 100, sizes });
    const url = await wire.start();
    const endpointCpu = process.cpuUsage();
    try {
      const r = await runChild(url, n);
      const e = process.cpuUsage(endpointCpu);
      r.endpointCpuMs = (e.user + e.system) / 1000;
      const s = (r.ms as number) / 1000;
      console.log(
        `  ${fmt(n)} accounts × ${REGIONS.length} regions: ${s.toFixed(1)} s, ${fmt(r.calls as number)} API calls (${fmt((r.calls as number) / s)} calls/s), ` +
          `${fmt(r.resources as number)} resources, ${fmt(r.covered as number)} scopes complete, ${r.failures} failures; CPU: collector ${((r.cpuMs as number) / 1000).toFixed(1)} s, ` +
          `endpoint ${((r.endpointCpuMs as number) / 1000).toFixed(1)} s; collector peak RSS ${mb(r.rss as number)}`,
      );
      return r;
    } finally {
      await wire.stop();
    }
  };
  const throughput = list(process.env.BENCH_AWS_ACCOUNTS ?? '50');
  if (throughput.length) console.log('throughput (mid-sized estate: 20 KMS keys, 3 vaults × 200 recovery points, 40 log groups, 5 tables… per account and region; 10 IAM users per account)');
  for (const n of throughput) await run(n, FULL);
  const memory = list(process.env.BENCH_AWS_RSS_ACCOUNTS ?? '50,500');
  if (memory.length) console.log('memory as the organisation grows (small estate per account and region)');
  const results: Record<string, number>[] = [];
  for (const n of memory) results.push(await run(n, SMALL));
  if (results.length > 1) {
    const [small, large] = [results[0]!, results.at(-1)!];
    console.log(`  peak RSS ${fmt(large.accounts as number)} vs ${fmt(small.accounts as number)} accounts: ${((large.rss as number) / (small.rss as number)).toFixed(2)}× (bar: within 1.5×)`);
  }
}
