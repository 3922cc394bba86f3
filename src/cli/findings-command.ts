import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { systemClock } from '../common/clock.js';
import { buildPseudonymiser, loadPolicySet, openAuditTrail } from '../composition-root.js';
import { FINDING_COLUMNS, toAsffFinding, toFindingRow, toOcsfComplianceFinding } from '../reports/finding-exports.js';
import { LIVE_STATES } from '../violations/violation.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

type Flags = SharedFlags & { format: 'ocsf' | 'asff' | 'csv' | 'json'; output: string; hubAccount?: string; hubRegion?: string; all?: boolean; pseudonymise?: boolean };

/**
 * `vigil export-findings`: live violations as OCSF 1.2 Compliance Findings (a JSON array), as ASFF
 * (`[{ "Findings": [≤100] }, …]`: each element is one BatchImportFindings request body), or as flat
 * rows (CSV with a header, or a JSON array of the same rows).
 * @example await runCli(['export-findings', '--format', 'asff', '--output', 'hub.json', '--hub-account', '111122223333', '--hub-region', 'eu-west-1']);
 */
export const registerFindings = (program: Command, io: CliIo): void => {
  withSharedOptions(
    program
      .command('export-findings')
      .description('write findings for other tools: OCSF Compliance Finding (2003) JSON, Security Hub ASFF batches, or flat CSV / JSON rows')
      .addOption(new Option('-f, --format <format>', 'ocsf, asff, csv or json').choices(['ocsf', 'asff', 'csv', 'json']).makeOptionMandatory())
      .requiredOption('-o, --output <file>', 'where to write')
      .option('--all', 'resolved findings too (as closed / PASSED)')
      .option('--hub-account <id>', 'ASFF: the Security Hub account importing them (ProductArn)')
      .option('--hub-region <region>', 'ASFF: the Security Hub Region')
      .option('--pseudonymise', 'replace people (owners, IAM user names, e-mail addresses) with keyed pseudonyms'),
  ).action(async (flags: Flags) => {
    const config = await configFrom(io, flags);
    const { policies } = await loadPolicySet(config);
    const byId = new Map(policies.map((p) => [p.id, p]));
    const version = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
    const ctx = { version, now: systemClock.now().toISOString(), ...(flags.hubAccount ? { hubAccountId: flags.hubAccount } : {}), ...(flags.hubRegion ? { hubRegion: flags.hubRegion } : {}) };
    const pseudonymiser = flags.pseudonymise ? await buildPseudonymiser(config) : undefined;
    const trail = await openAuditTrail(config);
    try {
      const findings: Record<string, unknown>[] = [];
      for (let offset = 0; ; offset += 5_000) {
        const page = await trail.store.violations.list({ ...(flags.all ? {} : { states: [...LIVE_STATES] }), limit: 5_000, offset, orderBy: 'age' });
        for (const raw of page) {
          const v = pseudonymiser ? pseudonymiser.violation(raw) : raw;
          const policy = byId.get(v.policyId);
          findings.push(flags.format === 'ocsf' ? toOcsfComplianceFinding(v, policy, ctx) : flags.format === 'asff' ? toAsffFinding(v, policy, ctx) : toFindingRow(v, policy));
        }
        if (page.length < 5_000) break;
      }
      const asffBatches = () => Array.from({ length: Math.ceil(findings.length / 100) }, (_, i) => ({ Findings: findings.slice(i * 100, i * 100 + 100) }));
      const text =
        flags.format === 'csv'
          ? stringify(findings.map((f) => FINDING_COLUMNS.map((c) => f[c] ?? '')), { header: true, columns: [...FINDING_COLUMNS] })
          : `${JSON.stringify(flags.format === 'asff' ? asffBatches() : findings, null, 2)}\n`;
      await writeFile(resolve(io.cwd, flags.output), text);
      println(io.stderr, `${findings.length} ${flags.format.toUpperCase()} findings written to ${flags.output}`);
    } finally {
      await trail.close();
    }
  });
};
