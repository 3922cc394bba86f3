// Crash safety: a worker process is SIGKILLed at random points mid-batch and restarted until the
// queue is drained; every message must have acted exactly once in effect and have exactly one
// outcome in the audit trail. On the embedded bus (SQLite file) and on NATS JetStream.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from 'nats';
import type { Bus } from '../bus/bus.js';
import { EmbeddedBus } from '../bus/embedded/embedded-bus.js';
import { NatsBus } from '../bus/nats/nats-bus.js';
import { systemClock } from '../common/clock.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { enforcementMessage } from '../testing/enforcement-fixture.js';
import { liveViolation } from '../testing/enforcement-harness.js';
import { describeWithService, NATS_URL, tcpProblem } from '../testing/test-services.js';

const CHILD = new URL('../testing/crash-worker.ts', import.meta.url).pathname;
const MESSAGES = Number(process.env['VIGIL_CRASH_MESSAGES'] ?? 120);
const KILLS = Number(process.env['VIGIL_CRASH_KILLS'] ?? 20);

const crashRun = async (kind: 'embedded' | 'nats') => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-crash-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'v.db');
  const effects = join(dir, 'effects.log');
  const environment = `crash${randomBytes(3).toString('hex')}`;
  const store = openSqliteStore({ file: db, busyTimeoutMs: 30_000 });
  await store.migrate();
  const ids = Array.from({ length: MESSAGES }, (_, i) => `c${i}`);
  await store.violations.insert(ids.map((id) => liveViolation(id, { resourceArn: `arn:aws:s3:::${id}` })));
  let bus: Bus;
  if (kind === 'nats') {
    const nats = await NatsBus.connect({ servers: NATS_URL, environment, maxDeliver: 50, ackWaitMs: 1_000 }, systemClock);
    await nats.ensureTopology(['crash']);
    bus = nats;
  } else bus = new EmbeddedBus(store.busQueue, systemClock, { maxDeliver: 50 });
  await bus.publish(ids.map((id) => enforcementMessage({ violationId: id, action: 'crash.mark', resource: { arn: `arn:aws:s3:::${id}`, type: 'aws.s3.bucket', accountId: '111122223333', region: 'eu-west-1' } })));

  const settled = async () => (await store.enforcementActions.count({ statuses: ['succeeded', 'skipped'] })) === MESSAGES;
  const startChild = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, db, effects, kind, NATS_URL, environment], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ready = new Promise<void>((resolve) => child.stdout.on('data', (b: Buffer) => b.toString().includes('ready') && resolve()));
    return { child, ready };
  };
  let kills = 0;
  for (let round = 0; round < 200 && !(await settled()); round++) {
    const { child, ready } = startChild();
    await ready;
    if (kills < KILLS) {
      // A random point in the middle of the work: the worker has claimed a batch and is acting on it.
      await sleep(30 + Math.floor(Math.random() * 250));
      child.kill('SIGKILL');
      kills++;
    } else {
      for (let i = 0; i < 600 && !(await settled()); i++) await sleep(50);
      child.kill('SIGTERM');
    }
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
  }

  assert.ok(await settled(), 'every message reached an outcome');
  const effectLines = existsSync(effects) ? readFileSync(effects, 'utf8').split('\n').filter(Boolean) : [];
  const perKey = new Map<string, number>();
  for (const l of effectLines) perKey.set(l, (perKey.get(l) ?? 0) + 1);
  const reasons = [...new Set((await store.enforcementActions.list({ limit: 10_000 })).map((r) => `${r.status}:${r.reason}:${r.error}`))];
  assert.equal(perKey.size, MESSAGES, `every message acted (outcomes: ${reasons.join(', ')})`);
  assert.deepEqual([...perKey].filter(([, n]) => n > 1), [], 'no message acted twice');
  const outcomes = await store.audit.list({ types: ['enforcement.succeeded', 'enforcement.skipped'], limit: 10_000 });
  const perMessage = new Map<string, number>();
  for (const e of outcomes) perMessage.set(String(e.data['idempotencyKey']), (perMessage.get(String(e.data['idempotencyKey'])) ?? 0) + 1);
  assert.equal(perMessage.size, MESSAGES, 'every outcome is in the audit trail');
  assert.deepEqual([...perMessage].filter(([, n]) => n > 1), [], 'one outcome per message');
  assert.ok(kills >= Math.min(KILLS, 1));
  await bus.close();
  await store.close();
  if (kind === 'nats') {
    const nc = await connect({ servers: NATS_URL });
    await (await nc.jetstreamManager()).streams.delete(`VIGIL_${environment.toUpperCase()}`).catch(() => undefined);
    await nc.close();
  }
};

describe('crash safety: embedded bus', () => {
  it(`SIGKILL at ${KILLS} random points mid-batch: every message acts exactly once, every outcome audited`, { timeout: 300_000 }, () => crashRun('embedded'));
});
describeWithService('crash safety: NATS', await tcpProblem(NATS_URL), 'start nats-server -js or set VIGIL_TEST_NATS_URL', () => {
  it(`SIGKILL at ${KILLS} random points mid-batch: every message acts exactly once, every outcome audited`, { timeout: 300_000 }, () => crashRun('nats'));
});
