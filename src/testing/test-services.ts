import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';

export const PG_URL = process.env['VIGIL_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const NATS_URL = process.env['VIGIL_TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** Why a TCP service is unreachable, or null when it answers. */
export const tcpProblem = async (url: string, timeoutMs = 3_000): Promise<string | null> => {
  const { hostname, port } = new URL(url);
  const { connect } = await import('node:net');
  return new Promise((resolve) => {
    const s = connect({ host: hostname, port: Number(port) });
    const done = (p: string | null) => {
      s.destroy();
      resolve(p);
    };
    s.setTimeout(timeoutMs, () => done(`no answer from ${hostname}:${port} in ${timeoutMs} ms`));
    s.once('connect', () => done(null));
    s.once('error', (e) => done(e.message));
  });
};

/**
 * Runs `suite` when the service answers; otherwise FAILS under CI=true and skips (saying how to
 * enable it) elsewhere — the rule every test needing PostgreSQL, NATS or moto follows.
 */
export const describeWithService = (name: string, problem: string | null, how: string, suite: () => void): void => {
  if (problem === null) describe(name, suite);
  else if (process.env['CI'] === 'true') test(name, () => assert.fail(`${name}: required in CI but unavailable: ${problem}`));
  else describe(name, { skip: `${problem}; ${how}` }, () => undefined);
};

/** A TCP port nobody listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
