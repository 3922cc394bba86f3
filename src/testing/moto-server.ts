import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A running moto server: its endpoint URL and how to stop it. */
export interface MotoServer {
  /** `http://127.0.0.1:<port>`, for every SDK client's `endpoint`. */
  endpoint: string;
  /** Credentials moto accepts (any will do; these keep the SDK from looking for real ones). */
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

/** A fresh object each time: the SDK marks the credentials object it is given (so it must not be frozen or shared). */
export const motoCredentials = () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' });

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });

const stopProcess = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
};

/**
 * Starts `python3 -m moto.server` on a free port of 127.0.0.1 for one test file and waits until it
 * answers. When moto cannot start it answers `{ unavailable: why }` so the tests can skip with that
 * message, except under CI=true where it throws: there a missing emulator must fail, not pass by skipping.
 *
 * @example
 * const moto = await startMotoServer();
 * if ('unavailable' in moto) return t.skip(moto.unavailable);
 * after(() => moto.stop());
 */
export async function startMotoServer({ python = process.env.VIGIL_TEST_PYTHON ?? 'python3', timeoutMs = 30_000 } = {}): Promise<MotoServer | { unavailable: string }> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (spawnError || child.exitCode !== null) break;
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      await res.arrayBuffer();
      if (res.ok) return { endpoint, credentials: motoCredentials(), stop: () => stopProcess(child) };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await stopProcess(child);
  const why = spawnError?.message ?? (stderr.trim().split('\n').pop() || `no answer on ${endpoint} within ${timeoutMs} ms`);
  const message = `moto tests need \`${python} -m moto.server\` (pip install 'moto[server]'): ${why}`;
  if (process.env.CI === 'true') throw new Error(`${message} — CI=true, so this fails instead of skipping`);
  return { unavailable: message };
}
