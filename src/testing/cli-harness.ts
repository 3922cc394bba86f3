import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CliIo } from '../cli/cli-io.js';
import { runCli, type CliHooks } from '../cli/main.js';

/** What one in-process CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A writable that keeps everything written to it, and can pretend to be a terminal. */
export class CapturedStream extends Writable {
  readonly chunks: string[] = [];
  readonly isTTY: boolean;
  readonly columns: number;

  constructor(tty = false, columns = 200) {
    super();
    this.isTTY = tty;
    this.columns = columns;
  }

  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    done();
  }

  get text(): string {
    return this.chunks.join('');
  }
}

export interface RunVigilOptions {
  cwd?: string;
  /** The whole environment the CLI sees (the machine's own VIGIL_* variables never leak in). */
  env?: NodeJS.ProcessEnv;
  /** Make stdout look like a terminal (table output). */
  tty?: boolean;
  hooks?: CliHooks;
}

/**
 * Runs `vigil <argv>` in-process with captured output, so tests assert exit codes and text without
 * spawning a process.
 *
 * @example
 * const r = await runVigil(['validate', dir], { cwd: dir });
 * assert.equal(r.code, 2);
 */
export const runVigil = async (argv: string[], opts: RunVigilOptions = {}): Promise<CliRun> => {
  const stdout = new CapturedStream(opts.tty ?? false);
  const stderr = new CapturedStream(false);
  const io: CliIo = { stdout, stderr, env: opts.env ?? {}, cwd: opts.cwd ?? process.cwd() };
  const code = await runCli(argv, io, opts.hooks ?? {});
  return { code, stdout: stdout.text, stderr: stderr.text };
};

/**
 * A fresh temporary directory, removed when `cleanup` runs (pass it to `after`).
 *
 * @example
 * const dir = await tempDir('vigil-cli-'); after(dir.cleanup);
 */
export const tempDir = async (prefix = 'vigil-test-'): Promise<{ path: string; cleanup: () => Promise<void> }> => {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
};
