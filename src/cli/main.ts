import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { DiagnosticsError, VigilError, formatDiagnostic } from '../common/vigil-error.js';
import { CliExit, EXIT, println, processIo, type CliIo } from './cli-io.js';
import { registerApprove } from './approve-command.js';
import { registerApiToken } from './api-token-command.js';
import { registerDemo } from './demo-command.js';
import { registerAudit } from './audit-command.js';
import { registerDocs } from './docs-command.js';
import { registerErasePerson } from './erase-person-command.js';
import { registerFindings } from './findings-command.js';
import { registerEnforcement } from './enforcement-commands.js';
import { registerFrameworks } from './frameworks-command.js';
import { registerIamPolicy } from './iam-policy-command.js';
import { registerManage } from './manage-command.js';
import { registerNotifications } from './notifications-command.js';
import { registerOwners } from './owners-command.js';
import { registerPolicies } from './policies-command.js';
import { registerReport } from './report-command.js';
import { registerScan } from './scan-command.js';
import { registerSchema } from './schema-command.js';
import { registerStart } from './start-command.js';
import { registerTest } from './test-command.js';
import { registerValidate } from './validate-command.js';
import { registerViolations } from './violations-command.js';

/** The package's version (package.json sits two folders up from src/cli and from dist/cli). */
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface CliHooks {
  /** Called when `start` is serving, with its URL and a stop function (tests use it). */
  onReady?: (url: string, stop: () => Promise<void>) => void;
  now?: () => number;
}

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 failure, 2 bad usage/config/policy, 3 violations at
 * or above `--fail-on`.
 *
 * @example
 * const code = await runCli(['scan', '--source', 'demo', '--format', 'json', '--output', 'out.json']);
 */
export const runCli = async (argv: string[], io: CliIo = processIo(), hooks: CliHooks = {}): Promise<number> => {
  const program = new Command('vigil')
    .description('Vigil watches a cloud estate against security and compliance policies.')
    .version(VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // One format for every error line: `vigil: <what is wrong>`.
      outputError: (s, write) => write(`vigil: ${s.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(run with --help for usage)');
  registerScan(program, io);
  registerValidate(program, io);
  registerTest(program, io, hooks.now ?? Date.now);
  registerSchema(program, io);
  registerPolicies(program, io);
  registerFrameworks(program, io);
  registerIamPolicy(program, io);
  registerOwners(program, io);
  registerNotifications(program, io);
  registerDocs(program, io);
  registerStart(program, io, hooks.onReady);
  registerManage(program, io);
  registerApprove(program, io);
  registerApiToken(program, io);
  registerViolations(program, io);
  registerDemo(program, io);
  registerAudit(program, io);
  registerReport(program, io);
  registerFindings(program, io);
  registerErasePerson(program, io);
  registerEnforcement(program, io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliExit) return e.code;
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof DiagnosticsError) {
      for (const d of e.diagnostics) println(io.stderr, formatDiagnostic(d));
      return EXIT.usage;
    }
    if (e instanceof VigilError && e.status < 500) {
      println(io.stderr, `vigil: ${e.message}`);
      return EXIT.usage;
    }
    // A bug, or a failure of something Vigil depends on: one line for the person, the stack only when asked for.
    const err = e as Error;
    println(io.stderr, `vigil: internal error: ${err.message ?? String(e)}${io.env['VIGIL_DEBUG'] ? `\n${err.stack ?? ''}` : ' (set VIGIL_DEBUG=1 for the stack trace)'}`);
    return EXIT.failure;
  }
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
