import type { Command } from 'commander';
import { formatDiagnostic } from '../common/vigil-error.js';
import { buildFrameworks, buildRegistries, policyDirectories } from '../composition-root.js';
import { PolicyLoader } from '../policies/policy-loader.js';
import { CliExit, EXIT, println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

/** `vigil validate [dirs…]`: every problem in every policy file as `file:line:col  message`; exit 2 on any. */
export const registerValidate = (program: Command, io: CliIo): void => {
  withSharedOptions(
    program
      .command('validate')
      .argument('[dirs...]', 'policy directories to check (default: the configured ones, built-in included)')
      .description('check policy files against the schema and the registries'),
  ).action(async (dirs: string[], flags: SharedFlags) => {
    const config = await configFrom(io, flags);
    const targets = dirs.length ? dirs.map((path) => ({ path, builtin: false })) : policyDirectories(config);
    const result = await new PolicyLoader(buildRegistries(), io.cwd, buildFrameworks()).load(targets);
    for (const d of result.diagnostics) println(io.stderr, formatDiagnostic(d));
    const summary = `${result.files.length} files, ${result.policies.length} policies`;
    if (result.diagnostics.length) {
      println(io.stderr, `${summary}: ${result.diagnostics.length} problem${result.diagnostics.length === 1 ? '' : 's'}`);
      throw new CliExit(EXIT.usage);
    }
    println(io.stdout, `${summary}: ok`);
  });
};
