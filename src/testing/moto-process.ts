import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestContext } from 'node:test';

/** A moto server this test started, and how to reach and stop it. */
export interface MotoProcess {
  endpoint: string;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/**
 * Starts moto (`python3 -m moto.server`) on a free port for one test file and waits until it answers.
 * When it cannot start, the test is skipped with how to enable it — except under CI=true, where it fails.
 * Returns undefined when skipped; the caller returns at once.
 *
 * @example
 * const moto = await startMoto(t); if (!moto) return; t.after(() => moto.stop());
 */
export async function startMoto(t: TestContext): Promise<MotoProcess | undefined> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2_000)));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const deadline = Date.now() + 30_000;
  let up = false;
  while (!up && Date.now() < deadline && child.exitCode === null) {
    const failed = await Promise.race([spawnError, new Promise<undefined>((r) => setTimeout(r, 200, undefined))]);
    if (failed) break;
    up = await fetch(`${endpoint}/moto-api/`).then((r) => r.ok, () => false);
  }
  if (!up) {
    await stopChild(child);
    const message = `moto could not start on ${endpoint} (pip install 'moto[server]'): ${stderr.trim().split('\n').pop() ?? 'no output'}`;
    if (process.env.CI === 'true') throw new Error(`${message} — CI=true, so this fails instead of skipping`);
    t.skip(message);
    return undefined;
  }
  return { endpoint, stop: () => stopChild(child) };
}
