import Table from 'cli-table3';
import { Option, type Command } from 'commander';
import { UsageError } from '../common/vigil-error.js';
import { buildFrameworks, loadPolicySet, openScannedStore } from '../composition-root.js';
import type { VigilConfig } from '../config/vigil-config.js';
import { frameworkDetail, frameworkSummaries, latestScoredScan, type FrameworkDetail, type RequirementRow, type ScoredScan } from '../reports/framework-report.js';
import { CliExit, EXIT, println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

type Flags = SharedFlags & { format: string };

const formatOption = () => new Option('-f, --format <format>', 'output').choices(['table', 'json']).default('table');

const pct = (score: number | null): string => (score === null ? '—' : `${(score * 100).toFixed(1)}%`);

/** The latest finished scan in the configured store, if the store holds any (listing frameworks never creates one). */
const latestScan = async (config: VigilConfig): Promise<ScoredScan | undefined> => {
  const store = await openScannedStore(config);
  if (!store) return undefined;
  try {
    return await latestScoredScan(store);
  } finally {
    await store.close();
  }
};

/** Policies, catalogue and latest scan: everything both subcommands read. */
const reportInput = async (io: CliIo, flags: Flags) => {
  const config = await configFrom(io, flags);
  const { policies } = await loadPolicySet(config);
  const scan = await latestScan(config);
  const frameworks = buildFrameworks();
  const inScope = config.organization.frameworks;
  const unknown = inScope.filter((id) => !frameworks.has(id));
  if (unknown.length) {
    throw new UsageError(`organization.frameworks: unknown framework ${unknown.join(', ')}; known: ${frameworks.ids().join(', ')}`);
  }
  return { frameworks, policies, inScope, ...(scan ? { scan } : {}) };
};

const table = (head: string[], colWidths?: number[]) =>
  new Table({ head, style: { head: [], border: [] }, ...(colWidths ? { colWidths, wordWrap: true } : {}) });

/** What the last column of a requirement says: its score, or why it has none. */
const verdict = (r: RequirementRow): string => {
  const lines: string[] = [];
  if (r.score !== null) lines.push(`${pct(r.score)} (${r.passed}/${r.evaluated})`);
  else if (r.status === 'not-evaluated') lines.push('no resources judged');
  else if (r.status === 'not-scanned' && r.controls.length > 0) lines.push('not scanned yet');
  if (r.manualEvidenceNeeded) lines.push('manual evidence needed');
  return lines.join('\n');
};

/** Long vendor refs (`BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK`) break at `_`: a table would cut them off. */
const wrapRef = (ref: string, width: number): string => {
  const lines: string[] = [];
  let line = '';
  for (const part of ref.split(/(?<=_)/)) {
    if (line && line.length + part.length > width) {
      lines.push(line);
      line = '';
    }
    line += part;
  }
  return [...lines, line].join('\n');
};

const controlsCell = (r: RequirementRow): string =>
  [...r.controls, ...r.disabled.map((d) => `${d.policyId} (disabled: ${d.reason})`)].join('\n');

const printDetail = (io: CliIo, d: FrameworkDetail): void => {
  println(io.stdout, `${d.title} — ${d.id} (version ${d.version}, ${d.publisher})`);
  println(io.stdout, d.url);
  if (d.scan) println(io.stdout, `compliance ${pct(d.score)} (${d.passed}/${d.evaluated} passing evaluations) in scan ${d.scan.id}${d.scan.finishedAt ? ` finished ${d.scan.finishedAt}` : ''}`);
  else println(io.stdout, 'no finished scan in the store: coverage only (run `vigil scan` for scores)');
  // Narrow terminals still get every requirement: the table wraps, it never truncates.
  const width = Math.max(100, io.stdout.columns ?? 140);
  const refW = Math.min(28, Math.max(5, ...d.requirements.map((r) => r.ref.length)) + 2);
  const ctlW = Math.min(40, Math.max(10, ...d.requirements.flatMap((r) => [...r.controls, ...r.disabled.map((x) => x.policyId)].map((c) => c.length))) + 2);
  const t = table(['ref', 'requirement', 'controls', 'compliance'], [refW, Math.max(30, width - refW - ctlW - 26 - 5), ctlW, 26]);
  for (const r of d.requirements) t.push([wrapRef(r.ref, refW - 2), `${r.title}\n${r.summary}`, controlsCell(r) || '—', verdict(r)]);
  println(io.stdout, t.toString());
  const manual = d.requirements.filter((r) => r.manualEvidenceNeeded).length;
  println(io.stdout, `${d.requirements.length} requirements: ${d.requirements.filter((r) => r.controls.length > 0).length} covered by enabled controls, ${manual} need manual evidence`);
  for (const x of d.disabled) println(io.stdout, `disabled: ${x.policyId} — ${x.reason}`);
};

/**
 * `vigil frameworks` and `vigil frameworks show <id>`: which requirements the enabled controls cover,
 * which need manual evidence, and — after a scan — how compliant the estate is against each.
 *
 * @example
 * await runCli(['frameworks', 'show', 'dora', '--format', 'json', '--db', '.vigil/vigil.db']);
 */
export const registerFrameworks = (program: Command, io: CliIo): void => {
  // Options live on the subcommands only: on the parent, commander would take `--db` and `--format`
  // away from `show` as well.
  const frameworks = program.command('frameworks').description('compliance frameworks: coverage by controls, manual evidence, scores');
  withSharedOptions(
    frameworks
      .command('list', { isDefault: true })
      .description('list frameworks with requirement counts, coverage by enabled controls, manual evidence and score')
      .addOption(formatOption()),
  ).action(async (flags: Flags) => {
    const input = await reportInput(io, flags);
    // The organisation's frameworks in scope (organization.frameworks), or every framework when none is set.
    const rows = frameworkSummaries(input, input.inScope.length ? input.inScope : undefined);
    if (flags.format === 'json') {
      println(io.stdout, JSON.stringify(rows, null, 2));
      return;
    }
    const t = table(['id', 'title', 'version', 'requirements', 'covered', 'manual evidence', 'compliance']);
    for (const r of rows) t.push([r.id, r.title, r.version, r.requirements, r.covered, r.manual, pct(r.score)]);
    println(io.stdout, t.toString());
    println(io.stdout, 'details: vigil frameworks show <id>');
  });

  withSharedOptions(
    frameworks
      .command('show')
      .argument('<id>', 'framework id, e.g. dora, iso27001@2022, cis-aws@4.0')
      .description('every requirement with the controls covering it, manual evidence needed, disabled controls and scores')
      .addOption(formatOption()),
  ).action(async (id: string, flags: Flags) => {
    const input = await reportInput(io, flags);
    if (!input.frameworks.has(id)) {
      println(io.stderr, `vigil: unknown framework "${id}". Valid ids:`);
      for (const f of input.frameworks.list()) println(io.stderr, `  ${f.id.padEnd(26)} ${f.title}`);
      throw new CliExit(EXIT.usage);
    }
    const detail = frameworkDetail(input, id);
    if (flags.format === 'json') println(io.stdout, JSON.stringify(detail, null, 2));
    else printDetail(io, detail);
  });
};
