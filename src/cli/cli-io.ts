import type { Writable } from 'node:stream';

/** Where the CLI writes; tests pass buffers, the binary passes the process's streams. */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });

/** Exit codes every command shares. */
export const EXIT = { ok: 0, failure: 1, usage: 2, violations: 3 } as const;

/** Thrown by a command to end with a given exit code after it has printed what it had to say. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export const println = (w: CliIo['stdout'], s = ''): void => {
  w.write(`${s}\n`);
};
