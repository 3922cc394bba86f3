import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { systemClock } from '../common/clock.js';
import { buildPseudonymiser, loadPolicySet, openAuditTrail } from '../composition-root.js';
import { toAsffFinding, toOcsfComplianceFinding } from '../reports/finding-exports.js';
import { LIVE_STATES } from '../violations/violation.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

type Flags = SharedFlags & { format: 'ocsf' | 'asff'; output: string; hubAccount?: string; hubRegion?: string; all?: boolean; pseudonymise?: boolean };

/**
 * `vigil export-findings`: live violations as OCSF 1.2 Compliance Findings (a JSON array) or as ASFF
 * (`[{ "Findings": [≤100] }, …]`: each element is one BatchImportFindings request body).
 * @example await runCli(['export-findings', '--format', 'asff', '--output', 'hub.json', '--hub-account', '111122223333', '--hub-region', 'eu-west-1']);
 */
export const registerFindings = (program: Command, io: CliIo): void => {
  withSharedOptions(
    program
      .command('export-findings')
      .description('write findings for other tools: OCSF Compliance Finding (2003) JSON or Security Hub ASFF batches')
      .addOption(new Option('-f, --format <format>', 'ocsf or asff').choices(['ocsf', 'asff']).makeOptionMandatory())
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
          findings.push(flags.format === 'ocsf' ? toOcsfComplianceFinding(v, byId.get(v.policyId), ctx) : toAsffFinding(v, byId.get(v.policyId), ctx));
        }
        if (page.length < 5_000) break;
      }
      const body = flags.format === 'ocsf' ? findings : Array.from({ length: Math.ceil(findings.length / 100) }, (_, i) => ({ Findings: findings.slice(i * 100, i * 100 + 100) }));
      await writeFile(resolve(io.cwd, flags.output), `${JSON.stringify(body, null, 2)}\n`);
      println(io.stderr, `${findings.length} ${flags.format.toUpperCase()} findings written to ${flags.output}`);
    } finally {
      await trail.close();
    }
  });
};
