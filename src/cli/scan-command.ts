import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { SEVERITIES, isSeverity, type Severity, atLeast } from '../common/severity.js';
import { UsageError } from '../common/vigil-error.js';
import { createVigil, type Vigil } from '../composition-root.js';
import type { ScanOptions, ScanReport } from '../evaluation/scan-service.js';
import { buildPostureSummary } from '../reports/posture-summary.js';
import { LIVE_STATES, type Violation } from '../violations/violation.js';
import { awsConfigLayer, awsProgressBar, withAwsScanOptions, type AwsScanFlags } from './aws-scan-options.js';
import { CliExit, EXIT, println, type CliIo } from './cli-io.js';
import { guardDemoEstate } from './demo-estate-guard.js';
import { FLAG_RANGES, integerFlag } from './numeric-flags.js';
import { printScanSummary } from './scan-summary.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';
import { FORMATS, writeViolations, type Format } from './violation-formats.js';

interface ScanFlags extends SharedFlags, AwsScanFlags {
  source?: string;
  format?: Format;
  output?: string;
  failOn: string;
  seed?: string;
  size?: string;
  account?: string[];
  region?: string[];
  type?: string[];
  replace?: boolean;
}

/** Reads this scan's live violations, most severe first, in pages of 5,000. */
export const scanViolations = (vigil: Vigil, scanId: string): AsyncIterable<Violation[]> =>
  vigil.store.violations.pages({ scanId, states: [...LIVE_STATES], orderBy: 'severity' }, 5_000);

/** Runs one scan with a progress bar on a terminal; shared by `scan` and `start`. */
export const scanWithProgress = async (vigil: Vigil, io: CliIo, opts: { source?: string; scan?: ScanOptions }): Promise<{ report: ScanReport; seconds: number }> => {
  // Live AWS: the bar counts account × region × service listings, which is what takes the time.
  const aws = (opts.source ?? vigil.config.scan.source) === 'aws' ? awsProgressBar(io) : undefined;
  const bar = io.stderr.isTTY && !aws ? new SingleBar({ format: 'scanning {bar} {value} resources · {violations} violations', stream: io.stderr, hideCursor: true, etaBuffer: 50 }) : undefined;
  const expected = vigil.config.demo.size;
  bar?.start((opts.source ?? vigil.config.scan.source) === 'demo' ? expected : 0, 0, { violations: 0 });
  const t0 = performance.now();
  try {
    const report = await vigil.scan(opts.source, {
      ...opts.scan,
      onProgress: (p) => {
        if (bar && p.resources > bar.getTotal()) bar.setTotal(p.resources);
        bar?.update(p.resources, { violations: p.violations });
      },
    });
    return { report, seconds: (performance.now() - t0) / 1000 };
  } finally {
    bar?.stop();
    aws?.stop();
  }
};

/** `vigil scan`: collect, evaluate, store; print a summary and write violations as table, JSON or CSV. */
export const registerScan = (program: Command, io: CliIo): void => {
  withSharedOptions(withAwsScanOptions(
    program
      .command('scan')
      .description('scan an estate against the policies and store the result')
      .option('-s, --source <source>', 'demo, file:<path> (JSON Lines or a JSON array in Vigil\'s resource format), aws-config:<dir|file|s3://bucket/prefix> (AWS Config snapshots and history) bottlerocket-reports:<dir|s3://bucket/prefix>, or aws (live accounts)')
      .addOption(new Option('-f, --format <format>', 'violations output (default: table on a terminal, json otherwise)').choices([...FORMATS]))
      .option('-o, --output <file>', 'write violations to a file instead of stdout')
      .addOption(new Option('--fail-on <severity>', 'exit 3 when a violation at or above this severity is found').choices([...SEVERITIES, 'never']).default('never'))
      .option('--seed <seed>', 'demo estate seed')
      .option('--size <n>', 'demo estate size (resources)')
      .option('--account <id...>', 'only these accounts')
      .option('--region <name...>', 'only these regions')
      .option('--type <type...>', 'only these resource types')
      .option('--replace', 'scan a demo estate of another seed or size into a store that holds one (marks the old one deleted)'),
  )).action(async (flags: ScanFlags) => {
    const size = integerFlag('size', flags.size, FLAG_RANGES.size);
    const seed = integerFlag('seed', flags.seed, FLAG_RANGES.seed);
    const config = await configFrom(io, flags, {
      ...awsConfigLayer(flags),
      ...(flags.source ? { scan: { source: flags.source } } : {}),
      ...(seed !== undefined || size !== undefined ? { demo: { ...(seed !== undefined ? { seed } : {}), ...(size !== undefined ? { size } : {}) } } : {}),
    });
    // Checked before scanning: a typo in --output should not cost a whole scan and leave no file.
    const outputPath = flags.output ? resolve(io.cwd, flags.output) : undefined;
    if (outputPath && !(await stat(dirname(outputPath)).then((s) => s.isDirectory(), () => false))) {
      throw new UsageError(`--output: directory ${dirname(outputPath)} does not exist`);
    }
    const vigil = await createVigil(config);
    try {
      await guardDemoEstate(vigil, config.scan.source, { replace: flags.replace });
      const request = { ...(flags.account ? { accountIds: flags.account } : {}), ...(flags.region ? { regions: flags.region } : {}), ...(flags.type ? { types: flags.type } : {}) };
      const { report, seconds } = await scanWithProgress(vigil, io, { scan: { request } });
      const format: Format = flags.format ?? (flags.output || !io.stdout.isTTY ? 'json' : 'table');
      const summaryTo = flags.output || format === 'table' ? io.stdout : io.stderr;
      if (outputPath) {
        const file = createWriteStream(outputPath);
        await writeViolations(file, format, scanViolations(vigil, report.scanId));
        file.end();
        await finished(file);
      } else {
        await writeViolations(io.stdout, format, scanViolations(vigil, report.scanId), format === 'table' ? { maxRows: 200 } : {});
      }
      printScanSummary(summaryTo, report, await buildPostureSummary(vigil.store, [...vigil.policies]), seconds);
      if (flags.failOn !== 'never' && isSeverity(flags.failOn)) {
        const threshold: Severity = flags.failOn;
        const failing = SEVERITIES.filter((s) => atLeast(s, threshold));
        const count = await vigil.store.violations.count({ scanId: report.scanId, states: [...LIVE_STATES], severities: failing });
        if (count > 0) {
          println(io.stderr, `vigil: ${count.toLocaleString('en-US')} violation${count === 1 ? '' : 's'} at or above ${threshold} (--fail-on ${threshold}): exit 3`);
          throw new CliExit(EXIT.violations);
        }
      }
    } finally {
      await vigil.close();
    }
  });
};
