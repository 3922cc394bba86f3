/**
 * `npm run bench` (manager part): one escalation manager tick over a store holding BENCH_MANAGER_OPEN
 * open violations (default 1,000,000) of which BENCH_MANAGER_DUE are due (default 100,000), on a
 * fresh SQLite file (the embedded store). Prints the setup time, the tick's wall time and what it did,
 * then a second tick at the same instant (idempotent: nothing to do). The target: the tick under 10 s.
 *
 * BENCH_MANAGER_OPEN=20000 BENCH_MANAGER_DUE=2000 node dist/bench/manager-bench.js   (a quick check)
 * BENCH_MANAGER_CPU_PROFILE=tick.cpuprofile node dist/bench/manager-bench.js           (a CPU profile of the first tick only, not the setup)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAY_MS, ManualClock } from '../common/clock.js';
import { loadConfig } from '../config/config-loader.js';
import { createManager, createVigil } from '../composition-root.js';
import { SEVERITIES } from '../common/severity.js';
import type { Violation } from '../violations/violation.js';

const NOW = '2026-11-22T09:00:00.000Z';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const envInt = (name: string, dflt: number): number => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`${name} must be a whole number`);
  return v;
};

const main = async () => {
  const open = envInt('BENCH_MANAGER_OPEN', 1_000_000);
  const due = Math.min(open, envInt('BENCH_MANAGER_DUE', 100_000));
  const dir = mkdtempSync(join(tmpdir(), 'vigil-manager-bench-'));
  const clock = new ManualClock(NOW);
  try {
    const config = await loadConfig({ env: {}, flags: { store: { url: join(dir, 'vigil.db') } } });
    const vigil = await createVigil(config, { clock });
    const policies = vigil.policies.filter((p) => !p.disabledReason).map((p) => p.id);
    const later = new Date(Date.parse(NOW) + 3 * DAY_MS).toISOString();
    const t0 = performance.now();
    const BATCH = 20_000;
    for (let from = 0; from < open; from += BATCH) {
      const rows: Violation[] = [];
      for (let i = from; i < Math.min(open, from + BATCH); i++) {
        // Due ones spread over the policies and 50 owners; the rest scheduled days ahead.
        const isDue = i % Math.max(1, Math.floor(open / Math.max(1, due))) === 0 && i / Math.max(1, Math.floor(open / Math.max(1, due))) < due;
        rows.push({
          id: `v${String(i).padStart(8, '0')}`,
          policyId: policies[i % policies.length]!,
          resourceArn: `arn:aws:s3:::bench-bucket-${i}`,
          resourceType: 'aws.s3.bucket',
          accountId: String(100000000000 + (i % 40)),
          region: 'eu-west-1',
          owner: `team-${Math.floor(i / 7) % 50}`,
          severity: SEVERITIES[i % 4]!,
          state: i % 3 === 0 ? 'open' : 'reminded',
          remindersSent: i % 3 === 0 ? 0 : 1,
          evidence: [{ path: 'PublicAccessBlockConfiguration.BlockPublicAcls', expected: '= true', actual: false }],
          firstSeenAt: NOW,
          lastSeenAt: NOW,
          stateChangedAt: NOW,
          nextActionAt: isDue ? NOW : later,
          resolvedAt: null,
          resolution: null,
          lastScanId: 'bench',
          version: 1,
        });
      }
      await vigil.store.transaction((tx) => tx.violations.insert(rows));
    }
    const setupS = (performance.now() - t0) / 1000;
    const dueNow = await vigil.store.violations.count({ actionDueBy: NOW });
    const role = await createManager(vigil, { env: {}, worker: 'bench', exceptions: async () => [] });
    const profile = process.env['BENCH_MANAGER_CPU_PROFILE'];
    const session = profile ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    const cpu0 = process.cpuUsage();
    const t1 = performance.now();
    const r = await role.manager.runOnce();
    const tickS = (performance.now() - t1) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    if (session && profile) {
      const { profile: cpu } = await session.post('Profiler.stop');
      writeFileSync(profile, JSON.stringify(cpu));
      session.disconnect();
    }
    const t2 = performance.now();
    const again = await role.manager.runOnce();
    const againS = (performance.now() - t2) / 1000;
    console.log(`manager tick (SQLite): ${fmt(open)} open violations, ${fmt(dueNow)} due (setup ${setupS.toFixed(1)} s)`);
    console.log(`  one tick: ${tickS.toFixed(2)} s wall, ${cpuS.toFixed(2)} s CPU (this process; wall − CPU is waiting: disk, or other processes on a busy machine), load average before it ${load} on ${availableParallelism()} cores  (${fmt(r.stepped / tickS)} violations/s): reminded ${fmt(r.reminded)}, enforcement requested ${fmt(r.enforcementRequested)}, awaiting approval ${fmt(r.awaitingApproval)}, escalated ${fmt(r.escalated)}, overdue ${fmt(r.overdue)}, digests ${fmt(r.digests)}`);
    console.log(`  same instant again: ${againS.toFixed(2)} s, stepped ${again.stepped} (idempotent)`);
    console.log(`  target: under 10 s for 1,000,000 open / 100,000 due — ${open >= 1_000_000 && due >= 100_000 ? (tickS < 10 ? 'met' : 'MISSED') : 'run at full size to judge'}`);
    await vigil.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

await main();
