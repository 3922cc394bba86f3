import type { Command } from 'commander';
import { formatDiagnostic } from '../common/vigil-error.js';
import { loadPolicySet, policyDirectories } from '../composition-root.js';
import { runPolicyTests } from '../policies/policy-test-runner.js';
import { CliExit, EXIT, println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

/** `vigil test [dirs…]`: runs the policy fixtures beside the policies; prints `N passed, N failed`. */
export const registerTest = (program: Command, io: CliIo, now: () => number): void => {
  withSharedOptions(
    program
      .command('test')
      .argument('[dirs...]', 'directories with <id>.test.yaml files (default: the configured policy directories)')
      .option('-v, --verbose', 'list passing cases too')
      .description('run policy unit tests: resources that must pass and must fail'),
  ).action(async (dirs: string[], flags: SharedFlags & { verbose?: boolean }) => {
    const extra = dirs.filter((d) => !(flags.policies ?? []).includes(d));
    const config = await configFrom(io, { ...flags, policies: [...(flags.policies ?? []), ...extra] });
    const { compiled, registries } = await loadPolicySet(config);
    const where = dirs.length ? dirs : policyDirectories(config).map((d) => d.path);
    const run = await runPolicyTests(where, compiled, registries, now(), io.cwd);
    for (const d of run.diagnostics) println(io.stderr, formatDiagnostic(d));
    for (const r of run.results) {
      if (!r.passed) println(io.stdout, `✗ ${r.policyId} › ${r.name}\n    ${r.file}:${r.line}  ${r.message ?? ''}`);
      else if (flags.verbose) println(io.stdout, `✓ ${r.policyId} › ${r.name}`);
    }
    println(io.stdout, `${run.passed} passed, ${run.failed} failed`);
    if (run.diagnostics.length) throw new CliExit(EXIT.usage);
    if (run.failed) throw new CliExit(EXIT.failure);
  });
};
