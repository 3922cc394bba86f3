import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type NatsConnection } from 'nats';
import { systemClock } from '../../common/clock.js';
import { allActions } from '../../enforcers/actions/all-actions.js';
import { enforcementMessage } from '../../testing/enforcement-fixture.js';
import { freePort, tcpProblem } from '../../testing/test-services.js';
import { natsAccountsConf, natsPasswordVar } from './nats-accounts.js';
import { NatsBus } from './nats-bus.js';

const SHIPPED = new URL('../../../deploy/nats/accounts.conf', import.meta.url).pathname;
const NATS_SERVER = process.env['VIGIL_TEST_NATS_SERVER'] ?? '/usr/sbin/nats-server';
const families = () => [...new Set(allActions().map((a) => a.name.split('.')[0] as string))];

describe('deploy/nats/accounts.conf', () => {
  it('is what natsAccountsConf generates for every action family (regenerate it when a family is added)', () => {
    assert.equal(readFileSync(SHIPPED, 'utf8'), natsAccountsConf('prod', families()));
  });
  it('holds no password, only references to the server\'s environment', () => {
    for (const line of readFileSync(SHIPPED, 'utf8').split('\n').filter((l) => /password:/.test(l))) assert.match(line, /password: \$VIGIL_NATS_[A-Z0-9_]+_PASS$/);
  });
});

const startServer = async (): Promise<{ url: string; stop: () => Promise<void> } | string> => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'vigil-nats-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const u of ['vigil-manager', ...families().map((f) => `enforcer-${f}`)]) env[natsPasswordVar(u)] = `pw-${u}`;
  let child;
  try {
    child = spawn(NATS_SERVER, ['-c', SHIPPED, '-p', String(port), '-a', '127.0.0.1', '-js', '-sd', dir], { env, stdio: 'ignore' });
  } catch (err) {
    return `cannot start ${NATS_SERVER}: ${(err as Error).message}`;
  }
  const url = `nats://127.0.0.1:${port}`;
  for (let i = 0; i < 100 && (await tcpProblem(url, 200)) !== null; i++) await sleep(100);
  if ((await tcpProblem(url)) !== null) return `${NATS_SERVER} did not listen on ${url}`;
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const server = await startServer();
const suite = () => {
  const { url, stop } = server as Exclude<typeof server, string>;
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of closers.reverse()) await c();
    await stop();
  });
  const as = async (user: string) => {
    const bus = await NatsBus.connect({ servers: url, environment: 'prod', user, pass: `pw-${user}`, ackWaitMs: 2_000 }, systemClock);
    closers.push(() => bus.close());
    return bus;
  };

  it('an enforcer reads and settles its own family only: not another family\'s subject, not another family\'s consumer', async () => {
    const manager = await as('vigil-manager');
    await manager.ensureTopology(['s3', 'iam']);
    await manager.publish([enforcementMessage({ violationId: 'a' }), enforcementMessage({ violationId: 'b', action: 'iam.deactivate-access-key' })]);

    const s3 = await as('enforcer-s3');
    const mine = await s3.fetch('s3', { max: 5, waitMs: 2_000 });
    assert.deepEqual(mine.map((d) => d.message.violationId), ['a']);
    await mine[0]?.ack();

    // Through iam's consumer: the pull request is refused by the server, nothing is delivered.
    const stolen = await Promise.race([s3.fetch('iam', { max: 5, waitMs: 1_000 }).catch((e: Error) => e), sleep(4_000, 'timed out' as const)]);
    assert.ok(!Array.isArray(stolen) || stolen.length === 0, 'enforcer-s3 received iam messages');

    // Directly on iam's subject: a permissions violation.
    const nc: NatsConnection = await connect({ servers: url, user: 'enforcer-s3', pass: 'pw-enforcer-s3' });
    closers.push(() => nc.close());
    const errors: string[] = [];
    void (async () => {
      for await (const s of nc.status()) errors.push(`${s.type} ${String(s.data)}`);
    })();
    const sub = nc.subscribe('vigil.prod.enforce.iam');
    void (async () => {
      try {
        for await (const _ of sub) errors.push('received');
      } catch (e) {
        errors.push(`sub ${(e as Error).message}`);
      }
    })();
    await nc.flush();
    await sleep(300);
    assert.ok(errors.some((e) => /permission/i.test(e)), `expected a permissions violation, got ${JSON.stringify(errors)}`);
    assert.ok(!errors.includes('received'));

    // The iam message is still there, undelivered, for its own enforcer.
    const iam = await as('enforcer-iam');
    const theirs = await iam.fetch('iam', { max: 5, waitMs: 2_000 });
    assert.deepEqual(theirs.map((d) => [d.message.violationId, d.attempt]), [['b', 1]]);
    await theirs[0]?.ack();
  });

  it('an enforcer cannot publish enforcement messages or touch the stream', async () => {
    const s3 = await as('enforcer-s3');
    await assert.rejects(
      Promise.race([s3.publish([enforcementMessage({ violationId: 'forged' })]), sleep(4_000).then(() => Promise.reject(new Error('permission: no ack')))]),
      /permission|timeout|503|no responders/i,
    );
    await assert.rejects(Promise.race([s3.ensureTopology(['s3']), sleep(4_000).then(() => Promise.reject(new Error('permission: no answer')))]), /permission|timeout|503|no responders/i);
  });
};

if (typeof server !== 'string') describe('NATS per-family credentials (a separate nats-server with the shipped config)', suite);
else if (process.env['CI'] === 'true') test('NATS per-family credentials', () => assert.fail(server));
else describe('NATS per-family credentials', { skip: `${server}; install nats-server or set VIGIL_TEST_NATS_SERVER` }, () => undefined);
