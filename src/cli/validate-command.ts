import { resolve } from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../common/clock.js';
import { formatDiagnostic } from '../common/vigil-error.js';
import { buildFrameworks, buildRegistries, policyDirectories } from '../composition-root.js';
import { securityApprovers } from '../escalation/approval-service.js';
import { parseDuration } from '../escalation/duration.js';
import { loadExceptions } from '../exceptions/exception-loader.js';
import { PolicyLoader } from '../policies/policy-loader.js';
import { CliExit, EXIT, println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

/**
 * `vigil validate [dirs…]`: every problem in every policy file and every exception file
 * (`notifications.exceptionsDir`, or `--exceptions <dir>`) as `file:line:col  message`; exit 2 on any.
 */
export const registerValidate = (program: Command, io: CliIo): void => {
  withSharedOptions(
    program
      .command('validate')
      .argument('[dirs...]', 'policy directories to check (default: the configured ones, built-in included)')
      .option('--exceptions <dir>', 'exception files to check (default: config notifications.exceptionsDir, when it exists)')
      .description('check policy files against the schema and the registries, and exception files against the policies and the rules'),
  ).action(async (dirs: string[], flags: SharedFlags & { exceptions?: string }) => {
    const config = await configFrom(io, flags);
    const targets = dirs.length ? dirs.map((path) => ({ path, builtin: false })) : policyDirectories(config);
    const result = await new PolicyLoader(buildRegistries(), io.cwd, buildFrameworks()).load(targets);
    const exceptions = await loadExceptions(
      resolve(io.cwd, flags.exceptions ?? config.notifications?.exceptionsDir ?? 'exceptions'),
      {
        policyIds: new Set(result.policies.map((p) => p.id)),
        now: systemClock.now().toISOString(),
        maxDurationMs: parseDuration(config.escalation.maxExceptionDuration, 'escalation.maxExceptionDuration'),
        approvers: securityApprovers(config),
      },
      io.cwd,
    );
    const diagnostics = [...result.diagnostics, ...exceptions.diagnostics];
    for (const d of diagnostics) println(io.stderr, formatDiagnostic(d));
    const summary = `${result.files.length} files, ${result.policies.length} policies${exceptions.files.length ? `, ${exceptions.files.length} exception files, ${exceptions.exceptions.length} exceptions` : ''}`;
    if (diagnostics.length) {
      println(io.stderr, `${summary}: ${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'}`);
      throw new CliExit(EXIT.usage);
    }
    println(io.stdout, `${summary}: ok`);
  });
};
