import { Option, type Command } from 'commander';
import { ManualClock, systemClock, type Clock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import { reportRunLines } from './report-command.js';
import { createManager, createVigil } from '../composition-root.js';
import { parseDuration } from '../escalation/duration.js';
import type { ManagerRunReport } from '../escalation/manager-service.js';
import type { DeliveryReport } from '../notifications/notification-delivery-service.js';
import type { RelayReport } from '../bus/outbox-relay.js';
import { isEnforcerRole, runEnforcerWorkers } from './enforcement-commands.js';
import { println, type CliIo } from './cli-io.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

type ManageFlags = SharedFlags & { at?: string; format: 'text' | 'json' };

const clockAt = (at: string | undefined): Clock => {
  if (at === undefined) return systemClock;
  if (Number.isNaN(Date.parse(at))) throw new UsageError(`--at: "${at}" is not an ISO-8601 date-time`, { field: 'at' });
  return new ManualClock(at);
};

/** One line per run: what the manager did and what was delivered. */
export const runLine = (r: ManagerRunReport, d?: DeliveryReport, relay?: RelayReport): string =>
  `${r.at}  reminded ${r.reminded}, enforcement requested ${r.enforcementRequested}, awaiting approval ${r.awaitingApproval}, escalated ${r.escalated}, overdue ${r.overdue}, excepted ${r.excepted}, exceptions expired ${r.exceptionsExpired}` +
  (r.exceptionsRefused || r.exceptionsCapped ? ` (refused as too long ${r.exceptionsRefused}, capped at the maximum ${r.exceptionsCapped})` : '') +
  `, digests ${r.digests}` +
  (d ? `; delivered ${d.sent}, retrying ${d.retrying}, dead ${d.dead}` : '') +
  (relay && (relay.published || relay.duplicates || relay.failed) ? `; to the bus ${relay.published}${relay.duplicates ? ` (+${relay.duplicates} already there)` : ''}${relay.failed ? `, publish failed ${relay.failed} (retrying)` : ''}` : '');

/**
 * `vigil manage` runs the escalation manager once (reminders, enforcement requests, exceptions) and
 * delivers the digests; `vigil worker --role manager` does it every `escalation.interval` until stopped.
 *
 * @example
 * await runCli(['manage', '--db', '.vigil/vigil.db', '--format', 'json']);
 */
export const registerManage = (program: Command, io: CliIo, signal?: AbortSignal): void => {
  withSharedOptions(
    program
      .command('manage')
      .description('run the escalation manager once: advance due violations one step, apply exceptions, deliver digests')
      .option('--at <iso>', 'run as if it were this instant (simulations, tests)')
      .addOption(new Option('-f, --format <format>', 'output').choices(['text', 'json']).default('text')),
  ).action(async (flags: ManageFlags) => {
    const config = await configFrom(io, flags);
    const vigil = await createVigil(config, { clock: clockAt(flags.at) });
    try {
      const role = await createManager(vigil, { env: io.env, worker: `manage-${process.pid}`, cwd: io.cwd });
      try {
        const { manager, delivery, relay } = await role.runOnce();
        println(io.stdout, flags.format === 'json' ? JSON.stringify({ manager, delivery, relay }, null, 2) : runLine(manager, delivery, relay));
      } finally {
        await role.close();
      }
    } finally {
      await vigil.close();
    }
  });

  withSharedOptions(
    program
      .command('worker')
      .description('run one long-lived component: --role manager (the escalation manager on a schedule), enforcer:<family> or enforcer:*')
      .requiredOption('--role <role>', 'manager, enforcer:<family> (e.g. enforcer:s3) or enforcer:*')
      .option('--interval <duration>', 'time between runs (default: config escalation.interval)')
      .option('--runs <n>', 'stop after this many runs (default: until SIGINT/SIGTERM)'),
  ).action(async (flags: SharedFlags & { role: string; interval?: string; runs?: string }) => {
    if (isEnforcerRole(flags.role)) return runEnforcerWorkers(io, flags);
    if (flags.role !== 'manager') throw new UsageError(`--role must be manager, enforcer:<family> or enforcer:*, not "${flags.role}"`, { field: 'role' });
    const config = await configFrom(io, flags);
    const everyMs = parseDuration(flags.interval ?? config.escalation.interval, '--interval');
    const runs = flags.runs === undefined ? Number.POSITIVE_INFINITY : Number(flags.runs);
    const vigil = await createVigil(config);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    signal?.addEventListener('abort', onSignal);
    let role: Awaited<ReturnType<typeof createManager>> | undefined;
    try {
      role = await createManager(vigil, { env: io.env, worker: `manager-${process.pid}`, cwd: io.cwd });
      println(io.stdout, `manager: running every ${flags.interval ?? config.escalation.interval} (Ctrl+C to stop)`);
      for (let n = 0; n < runs && !stop.signal.aborted; n++) {
        try {
          const { manager, delivery, relay, reports } = await role.runOnce();
          println(io.stdout, runLine(manager, delivery, relay));
          for (const line of reportRunLines(reports)) println(io.stdout, line);
        } catch (err) {
          // A failed run (database restarting, a channel timing out) is reported; the next one retries.
          println(io.stderr, `manager run failed: ${(err as Error).message}`);
        }
        if (n + 1 < runs) await sleep(everyMs, stop.signal);
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await role?.close();
      await vigil.close();
    }
  });
};

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
