import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './test-services.js';

export interface MotoServer {
  readonly endpoint: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

/**
 * Starts `python3 -m moto.server` on a free port and waits until it answers.
 * @returns the server, or the reason it could not start (the caller fails under CI=true, else skips).
 */
export const startMoto = async (timeoutMs = 30_000): Promise<MotoServer | string> => {
  const port = await freePort();
  let child: ChildProcess;
  let stderr = '';
  try {
    child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    return `cannot run python3 -m moto.server: ${(err as Error).message}`;
  }
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2_000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (child.exitCode !== null) return `moto.server exited with ${child.exitCode}: ${stderr}`;
    try {
      const res = await fetch(`${endpoint}/moto-api/data.json`);
      if (res.ok) {
        return {
          endpoint,
          credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
          stop: async () => {
            child.kill('SIGTERM');
            await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
          },
        };
      }
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  return `moto.server did not answer on ${endpoint} within ${timeoutMs} ms: ${stderr}`;
};
