/**
 * `npm run bench` (audit part): how fast the trail is written and verified.
 *  - append: events/s through `store.audit.append` on a fresh SQLite file, in batches of
 *    BENCH_AUDIT_BATCH (default 1,000: a scan appends a batch's events at once); target ≥ 20,000/s.
 *  - verify: `verifyStoredChain` over BENCH_AUDIT_EVENTS events (default 1,000,000), streamed in
 *    pages; target 10,000,000 in < 60 s (extrapolated linearly from the size run: say so when quoting).
 *  - report: a DORA compliance PDF (model, HTML, Chromium print) for a demo estate of
 *    BENCH_REPORT_RESOURCES resources (default 100,000; the scan that fills the store is not timed);
 *    target < 30 s. BENCH_REPORT_RESOURCES=0 skips it.
 * Small run: BENCH_AUDIT_EVENTS=20000 BENCH_REPORT_RESOURCES=2000 node dist/bench/audit-bench.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyStoredChain } from '../audit-trail/stored-chain-verifier.js';
import { ManualClock } from '../common/clock.js';
import { loadConfig } from '../config/config-loader.js';
import { buildFrameworks, createVigil, openAuditTrail } from '../composition-root.js';
import { buildAuditorReport } from '../reports/auditor-report.js';
import { latestScoredScan } from '../reports/framework-report.js';
import { renderPdf } from '../reports/pdf-renderer.js';
import { renderReportHtml } from '../reports/report-html.js';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const total = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
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
    await audit.append(
      Array.from({ length: n }, (_, i) => ({
        type: 'violation.opened',
        subjectKind: 'violation' as const,
        subjectId: `v-${done + i}`,
        actor: 'scanner',
        at,
        data: { policyId: 's3-bucket-public-access-block', resourceArn: `arn:aws:s3:::bucket-${done + i}`, evidence: [{ path: 'PublicAccessBlockConfiguration.BlockPublicAcls', expected: 'true', actual: false }] },
      })),
    );
  }
  const appendS = (performance.now() - t0) / 1000;
  console.log(`audit append (SQLite, batches of ${fmt(batch)}): ${fmt(total)} events in ${appendS.toFixed(2)} s = ${fmt(total / appendS)} events/s (target ≥ 20,000/s)`);

  await trail.close();

  // Verify as `vigil audit verify` does: its own process's view of a closed database (the writer's
  // close folds the WAL back into the file).
  const reader = await openAuditTrail(config);
  const t1 = performance.now();
  const report = await verifyStoredChain(reader.store.audit, reader.store.checkpoints, { pageSize: 20_000 });
  const verifyS = (performance.now() - t1) / 1000;
  if (!report.ok || report.checked !== total) throw new Error(`verify failed: ${JSON.stringify(report.firstBreak)}`);
  const per10M = (verifyS / total) * 10_000_000;
  console.log(`audit verify (SQLite): ${fmt(total)} events in ${verifyS.toFixed(2)} s = ${fmt(total / verifyS)} events/s; 10,000,000 extrapolated linearly: ${per10M.toFixed(0)} s (target < 60 s), RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
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
