import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;

/** The published entry point, as `npx vigil` runs it: bin/vigil.js over the compiled dist/. */
export const BIN = `${root}bin/vigil.js`;

/** Whether dist/ has been built (`npm test` builds it first; `npm run build` does it by hand). */
export const builtCliProblem = (): string | undefined =>
  existsSync(`${root}dist/cli/main.js`) ? undefined : 'dist/ is not built: run `npm run build` (npm test builds it first)';

/** A `vigil` process started from the built CLI, with what it printed so far. */
export interface BuiltCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `re` in stdout, rejects if the process exits first or after `ms`. */
  waitFor(re: RegExp, ms?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
}

/**
 * Starts `node bin/vigil.js <argv>` in `cwd` with exactly `env` (plus PATH), as a user would.
 *
 * @example
 * const cli = startBuiltCli(['start', '--port', '0'], { cwd: dir });
 * const [, url] = await cli.waitFor(/running: .* at (http\S+)/);
 */
export const startBuiltCli = (argv: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): BuiltCli => {
  const child = spawn(process.execPath, [BIN, ...argv], { cwd: opts.cwd, env: { PATH: process.env['PATH'], ...opts.env } });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const waitFor = (re: RegExp, ms = 60_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`no ${re} within ${ms} ms; stdout:\n${out}\nstderr:\n${err}`)), ms);
      const check = () => {
        const m = out.match(re);
        if (m) finish(undefined, m);
      };
      const onExit = (code: number | string) => finish(new Error(`vigil exited (${code}) before printing ${re}; stdout:\n${out}\nstderr:\n${err}`));
      const finish = (e?: Error, m?: RegExpMatchArray) => {
        clearTimeout(timer);
        child.stdout.off('data', check);
        if (e) reject(e);
        else resolve(m!);
      };
      child.stdout.on('data', check);
      void exited.then(onExit);
      check();
    });
  return { child, stdout: () => out, stderr: () => err, waitFor, exited };
};
