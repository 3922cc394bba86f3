import type { KeyObject } from 'node:crypto';
import { createHash } from 'node:crypto';
import type { FrameworkRegistry } from '../frameworks/framework-registry.js';
import type { ScoredPolicy } from '../frameworks/compliance-score.js';
import type { StorePorts } from '../store/store.js';
import { buildAuditorReport, type AuditorReport, type ReportKind } from './auditor-report.js';
import { latestScoredScan } from './framework-report.js';
import { renderPdf } from './pdf-renderer.js';
import { scoredScanAt } from './point-in-time.js';
import type { Pseudonymiser } from './pseudonymiser.js';
import { renderReportCsv } from './report-csv.js';
import { renderReportHtml } from './report-html.js';

export type ReportFormat = 'pdf' | 'html' | 'csv' | 'json';

const ALIASES: Record<string, string> = { 'backup-audit-manager': 'aws-backup-audit-manager' };

/**
 * A framework as a person names it: `cis-aws` → the newest `cis-aws@<version>`, `iso27001` →
 * `iso27001@2022`, `backup-audit-manager` → `aws-backup-audit-manager`; exact ids as they are.
 * @example resolveFramework(frameworks.ids(), 'cis-aws'); // 'cis-aws@6.0'
 */
export const resolveFramework = (ids: readonly string[], wanted: string): string | undefined => {
  const id = ALIASES[wanted] ?? wanted;
  if (ids.includes(id)) return id;
  const versions = ids.filter((x) => x.startsWith(`${id}@`)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return versions[versions.length - 1];
};

/** What producing a report reads: the store, the frameworks, the effective policies, the trail's public key. */
export interface ReportSources {
  store: Pick<StorePorts, 'audit' | 'checkpoints' | 'violations' | 'scans'>;
  frameworks: FrameworkRegistry;
  policies: readonly ScoredPolicy[];
  publicKey?: KeyObject | undefined;
  /** Chromium for PDF (VIGIL_CHROMIUM); the default path otherwise. */
  chromium?: string | undefined;
}

export interface ReportSpec {
  kind: ReportKind;
  /** A resolved framework id (see {@link resolveFramework}). */
  frameworkId: string;
  format: ReportFormat;
  organisation: string;
  generatedAt: string;
  /** End of the period (activity), or the instant `at` reproduces. */
  to: string;
  from?: string;
  /** Reproduce the report as it stood at `to`, from history. */
  at?: boolean;
  accounts?: readonly string[];
  pseudonymiser?: Pseudonymiser;
}

/** A rendered report: its model, the bytes of the file, and their SHA-256 (hex) as the trail records it. */
export interface ProducedReport {
  report: AuditorReport;
  bytes: Buffer;
  sha256: string;
}

/**
 * Builds one report from the store and renders it: what `vigil report` writes and what the report
 * scheduler delivers, byte for byte.
 *
 * @example
 * const { bytes, sha256 } = await produceReport(sources, { kind: 'compliance', frameworkId: 'dora', format: 'pdf', organisation: 'Acme', generatedAt: now, to: now });
 */
export const produceReport = async (src: ReportSources, spec: ReportSpec): Promise<ProducedReport> => {
  const scan = spec.at ? await scoredScanAt(src.store, spec.to) : await latestScoredScan(src.store);
  const built = await buildAuditorReport(src.store, { frameworks: src.frameworks, policies: src.policies, ...(scan ? { scan } : {}) }, {
    kind: spec.kind,
    frameworkId: spec.frameworkId,
    organisation: spec.organisation,
    to: spec.to,
    generatedAt: spec.generatedAt,
    ...(spec.at ? { at: spec.to } : {}),
    ...(spec.from ? { from: spec.from } : {}),
    ...(spec.accounts ? { accounts: [...spec.accounts] } : {}),
    ...(src.publicKey ? { publicKey: src.publicKey } : {}),
  });
  const report = spec.pseudonymiser ? spec.pseudonymiser.report(built) : built;
  const bytes = await renderReport(report, spec.format, src.chromium);
  return { report, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
};

/** The file of a report in one format. */
export const renderReport = async (report: AuditorReport, format: ReportFormat, chromium?: string): Promise<Buffer> => {
  if (format === 'json') return Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
  if (format === 'csv') return Buffer.from(renderReportCsv(report));
  if (format === 'html') return Buffer.from(renderReportHtml(report));
  return renderPdf(renderReportHtml(report), { title: `${report.framework.title} — ${report.kind}`, ...(chromium ? { executablePath: chromium } : {}) });
};
