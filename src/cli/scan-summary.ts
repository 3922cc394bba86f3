import { SEVERITIES } from '../common/severity.js';
import type { ScanReport } from '../evaluation/scan-service.js';
import type { PostureSummary } from '../reports/posture-summary.js';
import { println, type CliIo } from './cli-io.js';

const n = (x: number): string => x.toLocaleString('en-US');

/** The scan's human summary: what was read, what fails, where, and what could not be read. */
export const printScanSummary = (w: CliIo['stdout'], report: ScanReport, posture: PostureSummary, seconds: number): void => {
  println(w, `Scanned ${n(report.resources)} resources from ${report.source} against ${n(posture.policies)} policies in ${seconds.toFixed(1)} s (${n(report.evaluations)} evaluations)`);
  const sev = SEVERITIES.map((s) => `${s} ${n(posture.violations.bySeverity[s] ?? 0)}`).join(' · ');
  println(w, `Violations: ${n(posture.violations.total)} live (${sev})`);
  println(w, `  this scan: ${n(report.opened)} new · ${n(report.reopened)} reopened · ${n(report.resolved)} resolved${report.deletedResources ? ` · ${n(report.deletedResources)} resources gone` : ''}`);
  if (posture.byFramework.length) {
    println(w, 'By framework:');
    for (const f of posture.byFramework.slice(0, 12)) {
      println(w, `  ${f.framework.padEnd(26)} ${n(f.violations).padStart(8)} violations · ${f.failingPolicies}/${f.policies} policies failing`);
    }
  }
  if (posture.topFailingPolicies.length) {
    println(w, 'Top failing policies:');
    for (const p of posture.topFailingPolicies) println(w, `  ${n(p.count).padStart(8)}  ${p.severity.padEnd(8)} ${p.policyId.padEnd(40)} ${p.title}`);
  }
  if (report.quarantinedCount) {
    println(w, `Quarantined: ${n(report.quarantinedCount)} bad record${report.quarantinedCount === 1 ? '' : 's'} (kept in the store; the rest was scanned)`);
    for (const q of report.quarantined.slice(0, 10)) println(w, `  ${q.source}  ${q.reason}`);
  }
  if (report.notices?.length) {
    println(w, 'Not judged:');
    for (const note of report.notices) println(w, `  ${note}`);
  }
  if (report.errorCount) {
    println(w, `Evaluation errors: ${n(report.errorCount)} (those resources keep their previous state for the policy)`);
    for (const e of report.errors.slice(0, 10)) println(w, `  ${e.policyId} on ${e.resourceArn}: ${e.message}`);
  }
};
