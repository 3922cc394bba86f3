/**
 * `npm run bench`: how fast Vigil judges and stores an estate. Prints, for demo estates of
 * 100,000 and 1,000,000 resources (override with BENCH_SIZES=…):
 *  - evaluation only: resources×policies evaluated per second (generation excluded, then included);
 *  - scan to store: wall time and peak memory of a full scan into a fresh SQLite file;
 *  - the whole command as a user runs it (`vigil scan --format json --output …` on a fresh file, then
 *    again on the same file): wall time and peak RSS of the process, start-up and JSON output included.
 * Each measurement runs in its own child process so peak RSS belongs to that run alone. The machine's
 * load average is printed beside each figure: on a shared machine a figure means little without it.
 * VIGIL_CONFIG=<file> benches another policy set (e.g. a subset, to see what the library costs).
 */
import { demoEvaluationSetup } from './demo-evaluation-setup.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../common/clock.js';
import { loadConfig } from '../config/config-loader.js';
import { createVigil } from '../composition-root.js';
import { tallyRows, type PolicyTally } from '../evaluation/evaluator.js';
import type { WritePhases } from '../evaluation/scan-service.js';

const NOW = '2026-11-22T00:00:00Z';
/** Only VIGIL_CONFIG is honoured (to bench another policy set); the store and demo size are the bench's own. */
const benchEnv = process.env.VIGIL_CONFIG ? { VIGIL_CONFIG: process.env.VIGIL_CONFIG } : {};
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const evaluationOnly = async (size: number) => {
  const { set, evaluator, demo, lookup, ctx } = await demoEvaluationSetup(size, NOW, benchEnv);
  const { compiled } = set;
  let genMs = 0;
  let evalMs = 0;
  let resources = 0;
  let evaluations = 0;
  let findings = 0;
  const tally: PolicyTally = new Map();
  // Like a scan: first what filters read across the inventory, then the rest.
  const needs = evaluator.needs();
  // Like a scan: what cross-resource filters read is loaded before anything is judged.
  for await (const b of demo.collect({ types: needs })) lookup.add(b.resources);
  for (const req of [{ types: needs }, { excludeTypes: needs }]) {
    const it = demo.collect(req)[Symbol.asyncIterator]();
    for (;;) {
      const t0 = performance.now();
      const next = await it.next();
      genMs += performance.now() - t0;
      if (next.done) break;
      const batch = next.value.resources;
      const t1 = performance.now();
      const ev = evaluator.evaluate(batch, ctx, tally);
      evalMs += performance.now() - t1;
      resources += batch.length;
      findings += ev.findings.length;
    }
  }
  for (const t of tallyRows(tally)) evaluations += t.evaluated;
  return { size, resources, policies: compiled.length, evaluations, findings, genMs, evalMs, rss: process.resourceUsage().maxRSS * 1024 };
};

const scanToStore = async (size: number) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  try {
    const config = await loadConfig({ env: benchEnv, flags: { store: { url: join(dir, 'bench.db') }, demo: { seed: 42, size } } });
    const clock = new ManualClock(NOW);
    const vigil = await createVigil(config, { clock });
    const t0 = performance.now();
    const report = await vigil.scan('demo');
    const ms = performance.now() - t0;
    // A minute later, like a user's second run: the same estate (same demo day), judged as a rescan.
    clock.advance(60_000);
    const t1 = performance.now();
    const rescan = await vigil.scan('demo');
    const rescanMs = performance.now() - t1;
    await vigil.close();
    return {
      size, resources: report.resources, evaluations: report.evaluations, violations: report.opened, ms, rescanMs, rescanOpened: rescan.opened,
      waitMs: report.timing.producingMs, writeMs: report.timing.writingMs, rescanWaitMs: rescan.timing.producingMs, rescanWriteMs: rescan.timing.writingMs,
      phases: report.timing.writing, rescanPhases: rescan.timing.writing,
      rss: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const load = () => `load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;

/** Where the CLI a user runs lives, from dist/bench/. */
const VIGIL_BIN = fileURLToPath(new URL('../../bin/vigil.js', import.meta.url));
const TIME = '/usr/bin/time';

/**
 * `vigil scan` spawned like a user runs it, timed from outside: wall time and the process's peak RSS
 * (GNU time's "Maximum resident set size", which covers the scan worker thread too). Without GNU time,
 * wall time only.
 */
const wholeCommand = (dir: string, size: number) => {
  const args = [VIGIL_BIN, 'scan', '--size', String(size), '--db', join(dir, 'command.db'), '--format', 'json', '--output', join(dir, 'violations.json')];
  // Like scanToStore: the caller's VIGIL_* settings (a store URL, a demo size) must not leak into the run.
  const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VIGIL_'))), ...benchEnv };
  const before = load();
  const t0 = performance.now();
  const timed = existsSync(TIME);
  const r = timed
    ? spawnSync(TIME, ['-v', process.execPath, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 24 })
    : spawnSync(process.execPath, args, { encoding: 'utf8', env, maxBuffer: 1 << 24 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`vigil scan --size ${size} failed:\n${r.stderr}`);
  const kb = timed ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) : NaN;
  const scanned = /in ([\d.]+) s \(/.exec(r.stdout)?.[1];
  return { ms, rss: kb * 1024, scanSeconds: scanned === undefined ? NaN : Number(scanned), loadBefore: before, loadAfter: load() };
};

const commandRuns = (size: number) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-command-'));
  try {
    const first = wholeCommand(dir, size);
    const again = wholeCommand(dir, size);
    return { first, again };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

const child = process.argv[2];
if (child) {
  const size = Number(process.argv[3]);
  const result = child === 'eval' ? await evaluationOnly(size) : await scanToStore(size);
  process.stdout.write(JSON.stringify(result));
} else {
  const sizes = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const run = (kind: string, size: number) => {
    const r = spawnSync(process.execPath, [...process.execArgv, self, kind, String(size)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`bench ${kind} ${size} failed:\n${r.stderr}`);
    return JSON.parse(r.stdout) as Record<string, number> & { phases?: WritePhases; rescanPhases?: WritePhases };
  };
  console.log(`Vigil benchmark — node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);
  for (const size of sizes) {
    const e = run('eval', size);
    const evalRate = (e.evaluations as number) / ((e.evalMs as number) / 1000);
    const allRate = (e.evaluations as number) / (((e.evalMs as number) + (e.genMs as number)) / 1000);
    console.log(`evaluation only, ${fmt(e.resources as number)} resources × ${e.policies} policies (${fmt(e.evaluations as number)} resource-policy evaluations, ${fmt(e.findings as number)} findings)`);
    console.log(`  evaluate:            ${(((e.evalMs as number) / 1000)).toFixed(2)} s  → ${fmt(evalRate)} evaluations/s`);
    console.log(`  generate + evaluate: ${((((e.evalMs as number) + (e.genMs as number)) / 1000)).toFixed(2)} s  → ${fmt(allRate)} evaluations/s   peak RSS ${mb(e.rss as number)}`);
    const s = run('scan', size);
    console.log(`scan to store (SQLite, fresh file), ${fmt(s.resources as number)} resources`);
    const split = (w: number, p: number) => `writer busy ${(w / 1000).toFixed(1)} s, waiting for the producer ${(p / 1000).toFixed(1)} s`;
    console.log(`  first scan:  ${((s.ms as number) / 1000).toFixed(2)} s  (${fmt(s.violations as number)} violations opened; ${split(s.writeMs as number, s.waitMs as number)})`);
    console.log(`  rescan:      ${((s.rescanMs as number) / 1000).toFixed(2)} s  (${fmt(s.rescanOpened as number)} opened: unchanged estate; ${split(s.rescanWriteMs as number, s.rescanWaitMs as number)})`);
    const phases = (p: WritePhases | undefined) =>
      p ? Object.entries(p).map(([k, ms]) => `${k} ${((ms as number) / 1000).toFixed(1)} s`).join(' · ') : '';
    console.log(`  writer, first scan: ${phases(s.phases)}`);
    console.log(`  writer, rescan:     ${phases(s.rescanPhases)}`);
    console.log(`  peak RSS:    ${mb(s.rss as number)}   (${load()})`);
    // The whole command on the system clock: the demo estate's timestamps are relative to it, so the
    // second run finds the resources whose snapshot holds such a timestamp changed (~11%), as a user would.
    const c = commandRuns(size);
    const line = (what: string, m: ReturnType<typeof wholeCommand>) =>
      `  ${what} ${(m.ms / 1000).toFixed(2)} s wall (scan phase ${m.scanSeconds.toFixed(1)} s), peak RSS ${Number.isNaN(m.rss) ? 'n/a (no GNU time)' : mb(m.rss)}   (${m.loadBefore} → ${m.loadAfter.slice(5)})`;
    console.log(`whole command: vigil scan --size ${fmt(size)} --format json --output <file> --db <fresh file>`);
    console.log(line('first run: ', c.first));
    console.log(line('second run:', c.again));
    console.log('');
  }
}
