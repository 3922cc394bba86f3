import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { systemClock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import { buildFrameworks, buildPseudonymiser, loadPolicySet, openAuditTrail } from '../composition-root.js';
import type { ReportKind } from '../reports/auditor-report.js';
import { produceReport, resolveFramework, type ReportFormat } from '../reports/report-producer.js';
import type { ReportRunReport } from '../reports/report-scheduler.js';
import { isoTimestamp } from '../store/iso-timestamp.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

type Flags = SharedFlags & { framework: string; format?: string; output: string; kind: ReportKind; accounts?: string[]; from?: string; to?: string; at?: string; organisation: string; pseudonymise?: boolean };

/**
 * `vigil report`: auditor-ready compliance reports, activity reports and the exceptions register, as
 * PDF (Chromium print), HTML, CSV or JSON, with the audit chain head and its signed checkpoint on the cover.
 *
 * @example
 * await runCli(['report', '--framework', 'dora', '--format', 'pdf', '--output', 'dora.pdf']);
 */
export const registerReport = (program: Command, io: CliIo): void => {
  withSharedOptions(
    program
      .command('report')
      .description('write an auditor-ready report: compliance (default), activity over a period, the exceptions register, or the score trend')
      .requiredOption('--framework <id>', 'dora, iso27001, cis-aws, aws-fsbp, gdpr, backup-audit-manager (or id@version)')
      .requiredOption('-o, --output <file>', 'where to write it')
      .addOption(new Option('-f, --format <format>', 'output format (default: from the file extension)').choices(['pdf', 'html', 'csv', 'json']))
      .addOption(new Option('--kind <kind>', 'which report').choices(['compliance', 'activity', 'exceptions', 'trend']).default('compliance'))
      .option('--accounts <id...>', 'only these accounts (failing resources)')
      .option('--from <date>', 'start of the period (activity)')
      .option('--to <date>', 'end of the period (default: now)')
      .option('--at <date>', 'the report as it stood at a past date: the scan finished by then, violations replayed from the audit trail, exceptions then in force')
      .option('--organisation <name>', 'the organisation named on the cover', 'Vigil')
      .option('--pseudonymise', 'replace people (owners, IAM user names, e-mail addresses, user actors) with keyed pseudonyms'),
  ).action(async (flags: Flags) => {
    const format = flags.format ?? extname(flags.output).slice(1).toLowerCase();
    if (!['pdf', 'html', 'csv', 'json'].includes(format)) throw new UsageError(`--format: give pdf, html, csv or json (could not tell from "${flags.output}")`);
    const config = await configFrom(io, flags);
    const frameworks = buildFrameworks();
    const frameworkId = resolveFramework(frameworks.ids(), flags.framework);
    if (!frameworkId) throw new UsageError(`--framework: unknown "${flags.framework}"; known: ${frameworks.ids().join(', ')}`);
    const { policies } = await loadPolicySet(config);
    const now = systemClock.now().toISOString();
    const to = isoTimestamp(flags.at ?? flags.to ?? now, '--to');
    const pseudonymiser = flags.pseudonymise ? await buildPseudonymiser(config) : undefined;
    const trail = await openAuditTrail(config);
    try {
      const { bytes } = await produceReport(
        { store: trail.store, frameworks, policies, publicKey: trail.key?.publicKey, chromium: io.env.VIGIL_CHROMIUM },
        {
          kind: flags.kind,
          frameworkId,
          format: format as ReportFormat,
          organisation: flags.organisation,
          to,
          generatedAt: now,
          at: flags.at !== undefined,
          ...(flags.from ? { from: isoTimestamp(flags.from, '--from') } : {}),
          ...(flags.accounts ? { accounts: flags.accounts } : {}),
          ...(pseudonymiser ? { pseudonymiser } : {}),
        },
      );
      await writeFile(resolve(io.cwd, flags.output), bytes);
      println(io.stderr, `${flags.kind} report for ${frameworkId} written to ${flags.output}`);
    } finally {
      await trail.close();
    }
  });
};

/** What a manager run's scheduled reports did, one line per plan that ran (none when nothing was due). */
export const reportRunLines = (r: ReportRunReport): string[] => [
  ...r.delivered.map((d) => `report ${d.plan}: delivered (sha256 ${d.sha256}, scheduled for ${d.scheduledFor})`),
  ...r.failed.map((f) => `report ${f.plan}: FAILED (${f.reason}); retried later`),
];
