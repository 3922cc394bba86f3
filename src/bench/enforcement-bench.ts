// Enforcement throughput and latency with the no-op action (notify-only) through the whole worker path
// (record, preconditions, audit, violation update, ack), on the embedded bus (SQLite file) and on NATS.
// Sizes: VIGIL_BENCH_ENFORCE_N (messages for throughput, default 5000), VIGIL_BENCH_ENFORCE_RATE_N
// (messages at 500/s for latency, default 2500), VIGIL_BENCH_NATS_URL (default nats://127.0.0.1:4222; "off" skips NATS).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EnforcementMessage } from '../violations/enforcement-message.js';
import { createEnforcement, createVigil } from '../composition-root.js';
import { loadConfig } from '../config/config-loader.js';
import type { Violation } from '../violations/violation.js';

const N = Number(process.env['VIGIL_BENCH_ENFORCE_N'] ?? 5_000);
const RATE_N = Number(process.env['VIGIL_BENCH_ENFORCE_RATE_N'] ?? 2_500);
const NATS_URL = process.env['VIGIL_BENCH_NATS_URL'] ?? 'nats://127.0.0.1:4222';
const AT = '2026-12-09T10:00:00.000Z';

const violation = (id: string): Violation => ({
  id, policyId: 'bench', resourceArn: `arn:aws:s3:::${id}`, resourceType: 'aws.s3.bucket', accountId: accountOf(id), region: 'eu-west-1', owner: 'bench',
  severity: 'low', state: 'enforcing', remindersSent: 3, evidence: [], firstSeenAt: AT, lastSeenAt: AT, stateChangedAt: AT, nextActionAt: null,
  resolvedAt: null, resolution: null, lastScanId: 'bench', version: 1,
});
// Spread over ACCOUNTS accounts, as an estate is, under the default per-account limit (1,000 an hour).
const ACCOUNTS = 50;
const accountOf = (id: string) => String(100000000000 + (Number(id.slice(1)) % ACCOUNTS));
const message = (id: string): EnforcementMessage => ({
  idempotencyKey: `${id}:4`, action: 'notify-only', params: {}, violationId: id, ladderStep: 4,
  resource: { arn: `arn:aws:s3:::${id}`, type: 'aws.s3.bucket', accountId: accountOf(id), region: 'eu-west-1' },
  policy: { id: 'bench', version: 'v' }, approval: null, traceId: id, requestedAt: AT,
});

/** CPU time of this process's main (event-loop) thread in µs, from /proc (Linux; null elsewhere). */
const eventLoopThreadCpuUs = (): number | null => {
  try {
    // Fields 14 and 15 (utime, stime) in clock ticks, after the parenthesised command name.
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return null;
  }
};
const CLOCK_TICKS = 100;

const run = async (kind: 'embedded' | 'nats') => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-enforce-bench-'));
  const environment = `bench-${randomBytes(3).toString('hex')}`;
  const config = await loadConfig({
    env: {},
    flags: {
      store: { url: join(dir, 'v.db') },
      bus: { kind, maxDeliver: 5, ackWaitMs: 60_000, nats: { servers: NATS_URL, environment } },
      // The breaker would (rightly) stop a run over thousands of an account's resources; the per-account
      // hourly limit stays at its default, so its count is part of what is measured.
      enforcement: { actions: {}, circuitBreaker: { maxPercent: 100, minResources: 0, windowHours: 1 }, approvalFor: [] },
    },
  });
  const vigil = await createVigil(config);
  const enforcement = await createEnforcement(vigil);
  await enforcement.ensureTopology();
  try {
    const ids = Array.from({ length: N + RATE_N }, (_, i) => `v${i}`);
    for (let i = 0; i < ids.length; i += 5_000) await vigil.store.violations.insert(ids.slice(i, i + 5_000).map(violation));

    // Throughput: everything published first, then drained by one worker process.
    for (let i = 0; i < N; i += 1_000) await enforcement.bus.publish(ids.slice(i, Math.min(N, i + 1_000)).map(message));
    const worker = enforcement.worker('notify-only');
    let done = 0;
    worker.on('outcome', () => {
      done++;
    });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const loop0 = eventLoopThreadCpuUs();
    await worker.start();
    while (done < N) await sleep(5);
    const secs = (performance.now() - t0) / 1_000;
    // CPU of this process while draining (the NATS server's is not in it): on a shared machine this,
    // not the wall time, says whether a change made the path cheaper.
    const cpu = process.cpuUsage(cpu0);
    const cpuUsPerMsg = (cpu.user + cpu.system) / N;
    // The event loop's thread alone (SQLite runs on it; the WAL checkpoints do not): what bounds msg/s.
    const loop1 = eventLoopThreadCpuUs();
    const loopUsPerMsg = loop0 === null || loop1 === null ? null : (loop1 - loop0) / N;

    // Latency at 500 messages/s: publish one every 2 ms, measure publish → outcome recorded, committed
    // and acked (the worker's outcome event). Outcomes carry the action id; which message each was is
    // read from the action records once, after the run, so no read competes with the deliveries.
    worker.removeAllListeners('outcome');
    const doneAt = new Map<string, number>();
    worker.on('outcome', (o: { actionId: string | null }) => {
      if (o.actionId) doneAt.set(o.actionId, Date.now());
    });
    const publishedAt = new Map<string, number>();
    const start = performance.now();
    const target = N + RATE_N;
    for (let i = N; i < target; i++) {
      const due = start + (i - N) * 2;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      publishedAt.set(`v${i}:4`, Date.now());
      await enforcement.bus.publish([message(`v${i}`)]);
    }
    for (let k = 0; k < 200 && doneAt.size < RATE_N; k++) await sleep(20);
    const latencies: number[] = [];
    for (const r of await vigil.store.enforcementActions.list({ limit: RATE_N + N })) {
      const sent = publishedAt.get(r.idempotencyKey);
      const done = doneAt.get(r.id);
      if (sent !== undefined && done !== undefined) latencies.push(done - sent);
    }
    await worker.stop();
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    console.log(
      `enforcement ${kind.padEnd(8)} ${N} no-op messages in ${secs.toFixed(2)} s = ${Math.round(N / secs)} msg/s ` +
        `(CPU ${Math.round(cpuUsPerMsg)} µs/msg = ${Math.round(1e6 / cpuUsPerMsg)} msg per CPU-second` +
        `${loopUsPerMsg === null ? '' : `, event-loop thread ${Math.round(loopUsPerMsg)} µs/msg`}); ` +
        `at 500 msg/s (${latencies.length}/${RATE_N} measured): p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${latencies.at(-1)} ms`,
    );
  } finally {
    await enforcement.close();
    await vigil.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

await run('embedded');
if (NATS_URL !== 'off') await run('nats');
