/**
 * `npm run bench` (audit part): how fast the trail is written and verified.
 *  - append: events/s through `store.audit.append` on a fresh SQLite file, in batches of
 *    BENCH_AUDIT_BATCH (default 1,000: a scan appends a batch's events at once); target ≥ 20,000/s.
 *  - verify: `vigil audit verify`'s path over BENCH_AUDIT_VERIFY_EVENTS events (default: the appended
 *    ones; the rest are written first, straight into the SQLite file: audit-chain-fixture.ts, timed
 *    apart), streamed on one thread (BENCH_AUDIT_SEQUENTIAL=0 skips it) and cut into ranges verified
 *    by BENCH_AUDIT_WORKERS worker threads (default: the cores, at most 4). Each is printed with its
 *    wall time, the CPU seconds of all threads, and `uptime` (the machine may be shared); target
 *    10,000,000 in < 60 s. BENCH_AUDIT_FIXTURE=<file> keeps the verify fixture for the next run.
 *    The 10M measurement: BENCH_AUDIT_VERIFY_EVENTS=10000000 BENCH_REPORT_RESOURCES=0 node dist/bench/audit-bench.js
 *  - report: a DORA compliance PDF (model, HTML, Chromium print) for a demo estate of
 *    BENCH_REPORT_RESOURCES resources (default 100,000; the scan that fills the store is not timed);
 *    target < 30 s. BENCH_REPORT_RESOURCES=0 skips it.
 * Small run: BENCH_AUDIT_EVENTS=20000 BENCH_REPORT_RESOURCES=2000 node dist/bench/audit-bench.js
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../common/clock.js';
import { loadConfig } from '../config/config-loader.js';
import { buildFrameworks, createVigil, openAuditTrail } from '../composition-root.js';
import { buildAuditorReport } from '../reports/auditor-report.js';
import { latestScoredScan } from '../reports/framework-report.js';
import { renderPdf } from '../reports/pdf-renderer.js';
import { renderReportHtml } from '../reports/report-html.js';
import { benchAuditEvent, extendBenchChain } from './audit-chain-fixture.js';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const total = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const verifyTotal = Math.max(total, Number(process.env.BENCH_AUDIT_VERIFY_EVENTS ?? total));
const workers = Number(process.env.BENCH_AUDIT_WORKERS ?? Math.min(4, availableParallelism()));
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const batch = Number(process.env.BENCH_AUDIT_BATCH ?? 1_000);
const estate = Number(process.env.BENCH_REPORT_RESOURCES ?? 100_000);

const dir = mkdtempSync(join(tmpdir(), 'vigil-audit-bench-'));
try {
  const config = await loadConfig({ env: {}, flags: { store: { url: join(dir, 'vigil.db') } } });
  const trail = await openAuditTrail(config);
  const { audit } = trail.store;
  const at = '2026-11-22T00:00:00.000Z';
  const t0 = performance.now();
  for (let done = 0; done < total; done += batch) {
    const n = Math.min(batch, total - done);
    await audit.append(Array.from({ length: n }, (_, i) => benchAuditEvent(done + i, at)));
  }
  const appendS = (performance.now() - t0) / 1000;
  console.log(`audit append (SQLite, batches of ${fmt(batch)}): ${fmt(total)} events in ${appendS.toFixed(2)} s = ${fmt(total / appendS)} events/s (target ≥ 20,000/s; load average ${load()})`);
  await trail.close();

  // BENCH_AUDIT_FIXTURE=<file> keeps the verify fixture between runs (written once, then extended or
  // reused: ten million records cost about 90 s of CPU to write, three times what verifying them does).
  const kept = process.env.BENCH_AUDIT_FIXTURE;
  const verifyConfig = kept ? await loadConfig({ env: {}, flags: { store: { url: kept } } }) : config;
  if (kept) await (await openAuditTrail(verifyConfig)).close(); // created and migrated if new
  const fixture = extendBenchChain(kept ?? join(dir, 'vigil.db'), verifyTotal);
  if (fixture.written > 0) console.log(`audit verify fixture: ${fmt(fixture.written)} more events written straight into the SQLite file in ${fixture.seconds.toFixed(1)} s (${fmt(fixture.written / fixture.seconds)}/s; not part of any figure)${kept ? `; kept in ${kept} for the next run` : ''}`);

  // Verify as `vigil audit verify` does: its own process's view of a closed database.
  const reader = await openAuditTrail(verifyConfig);
  const chainLength = (await reader.store.audit.head()).seq;
  for (const n of [1, workers]) {
    if (n === 1 && process.env.BENCH_AUDIT_SEQUENTIAL === '0') continue;
    const before = uptime();
    const cpu0 = process.cpuUsage();
    const t1 = performance.now();
    const report = await reader.verify({ workers: n, parallelFrom: 0 });
    const verifyS = (performance.now() - t1) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (!report.ok || report.checked !== chainLength) throw new Error(`verify failed: ${JSON.stringify(report.firstBreak)}`);
    const how = n === 1 ? 'streamed, 1 thread' : `${n} ranges on ${n} worker threads`;
    const per10M = chainLength === 10_000_000 ? '' : `; 10,000,000 at this rate: ${((verifyS / chainLength) * 10_000_000).toFixed(0)} s`;
    console.log(`audit verify (SQLite, ${how}): ${fmt(chainLength)} events in ${verifyS.toFixed(2)} s = ${fmt(chainLength / verifyS)} events/s${per10M} (target 10M < 60 s); CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (all threads); RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
    console.log(`  uptime before: ${before}\n  uptime after:  ${uptime()}`);
    if (n === workers) break;
  }
  await reader.close();

  if (estate > 0) {
    const reportConfig = await loadConfig({ env: {}, flags: { store: { url: join(dir, 'report.db') }, demo: { seed: 42, size: estate } } });
    const vigil = await createVigil(reportConfig, { clock: new ManualClock('2026-11-22T00:00:00Z') });
    await vigil.scan('demo');
    const t2 = performance.now();
    const scan = await latestScoredScan(vigil.store);
    const report = await buildAuditorReport(vigil.store, { frameworks: buildFrameworks(), policies: vigil.policies, ...(scan ? { scan } : {}) }, {
      kind: 'compliance', frameworkId: 'dora', organisation: 'Bench', to: at, generatedAt: at,
    });
    const modelS = (performance.now() - t2) / 1000;
    const html = renderReportHtml(report);
    const pdf = await renderPdf(html, { title: 'DORA compliance' });
    const totalS = (performance.now() - t2) / 1000;
    const failing = report.failing.reduce((n, c) => n + c.failing, 0);
    console.log(`DORA PDF, ${fmt(estate)}-resource demo estate (${fmt(failing)} failing resources, ${report.failing.length} failing controls): ${totalS.toFixed(2)} s (model ${modelS.toFixed(2)} s, HTML ${fmt(html.length / 1024)} KiB, PDF ${fmt(pdf.length / 1024)} KiB; target < 30 s)`);
    await vigil.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
