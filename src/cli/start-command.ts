import type { Command } from 'commander';
import { createApi, createEnforcement, createManager, createVigil } from '../composition-root.js';
import { parseDuration } from '../escalation/duration.js';
import { runLine } from './manage-command.js';
import { reportRunLines } from './report-command.js';
import { DEFAULT_CONFIG } from '../config/vigil-config.js';
import { SOURCE_FORMS } from '../providers/provider-sources.js';
import { buildPostureSummary } from '../reports/posture-summary.js';
import { UsageError } from '../common/vigil-error.js';
import { println, type CliIo } from './cli-io.js';
import { scanWithProgress } from './scan-command.js';
import { guardDemoEstate } from './demo-estate-guard.js';
import { listenGuard } from './listen-guard.js';
import { FLAG_RANGES, integerFlag } from './numeric-flags.js';
import { printScanSummary } from './scan-summary.js';
import { configFrom, withSharedOptions, type SharedFlags } from './shared-options.js';

/**
 * `vigil start` (what `npm start` runs): scans the configured source (the demo estate by default),
 * prints the summary and keeps serving the API and dashboard until interrupted, running the escalation
 * manager (reminder digests, enforcement requests, exceptions) every `escalation.interval`.
 */
export const registerStart = (program: Command, io: CliIo, onReady?: (url: string, stop: () => Promise<void>) => void): void => {
  withSharedOptions(
    program
      .command('start')
      .description('scan, then serve the API and dashboard (the local service)')
      .option('--host <host>', `listen address (default ${DEFAULT_CONFIG.server.host}, or $VIGIL_HOST)`)
      .option('--port <port>', `listen port (default ${DEFAULT_CONFIG.server.port}, or $VIGIL_PORT; 0 picks a free one)`)
      .option('-s, --source <source>', SOURCE_FORMS)
      .option('--size <n>', 'demo estate size')
      .option('--no-scan', 'serve what the store holds without scanning first')
      .option('--no-manager', 'do not run the escalation manager (reminders, enforcement requests) on escalation.interval')
      .option('--no-enforcers', 'do not run the enforcers in this process (run `vigil worker --role enforcer:*` instead)')
      .option('--replace', 'scan a demo estate of another seed or size into a store that holds one')
      .option('--insecure-no-auth', 'serve on a non-loopback address although no sign-in is configured (server.auth)'),
  ).action(async (flags: SharedFlags & { host?: string; port?: string; source?: string; size?: string; scan?: boolean; manager?: boolean; enforcers?: boolean; replace?: boolean; insecureNoAuth?: boolean }) => {
    const port = integerFlag('port', flags.port, FLAG_RANGES.port);
    const size = integerFlag('size', flags.size, FLAG_RANGES.size);
    const config = await configFrom(io, flags, {
      ...(flags.host || port !== undefined ? { server: { ...(flags.host ? { host: flags.host } : {}), ...(port !== undefined ? { port } : {}) } } : {}),
      ...(flags.source ? { scan: { source: flags.source } } : {}),
      ...(size !== undefined ? { demo: { size } } : {}),
    });
    // Before anything is scanned or written: an address that cannot be served fails now, not after the scan.
    await listenGuard(config.server.host, config.server.port, { insecureNoAuth: flags.insecureNoAuth === true, auth: config.server.auth });
    const vigil = await createVigil(config);
    if (flags.scan !== false) {
      await guardDemoEstate(vigil, config.scan.source, { replace: flags.replace });
      const { report, seconds } = await scanWithProgress(vigil, io, {});
      printScanSummary(io.stdout, report, await buildPostureSummary(vigil.store, [...vigil.policies]), seconds);
    }
    const server = await createApi(vigil);
    // The escalation manager runs in the same process: first now, then every escalation.interval.
    // Built before "running" is printed, so a signal from then on finds its handler installed.
    const managerStop = new AbortController();
    let managerLoop: Promise<void> = Promise.resolve();
    // The enforcers of every family, on the configured bus, act on what the manager requests (the demo estate's overlay, or AWS).
    const enforcement = flags.enforcers !== false ? await createEnforcement(vigil) : null;
    const workers = enforcement ? enforcement.families().map((f) => enforcement.worker(f)) : [];
    for (const w of workers) {
      w.on('outcome', (o: { kind: string; reason: string | null }) => {
        if (o.kind !== 'duplicate') println(io.stdout, `enforcer ${w.status().family}: ${o.kind}${o.reason ? ` (${o.reason})` : ''}`);
      });
      await w.start();
    }
    let role: Awaited<ReturnType<typeof createManager>> | undefined;
    if (flags.manager !== false) {
      role = await createManager(vigil, { env: io.env, worker: `start-${process.pid}`, cwd: io.cwd, ...(enforcement ? { bus: enforcement.bus } : {}) });
      const manager = role;
      const everyMs = parseDuration(config.escalation.interval, 'escalation.interval');
      managerLoop = (async () => {
        while (!managerStop.signal.aborted) {
          try {
            const run = await manager.runOnce();
            if (run.manager.stepped || run.delivery.sent || run.delivery.dead || run.relay.published) println(io.stdout, `manager: ${runLine(run.manager, run.delivery, run.relay)}`);
            for (const line of reportRunLines(run.reports)) println(io.stdout, line);
          } catch (err) {
            println(io.stderr, `manager run failed: ${(err as Error).message}`);
          }
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, everyMs);
            managerStop.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
          });
        }
      })();
    }
    const stopEnforcement = async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await role?.close();
      await enforcement?.close();
    };
    const url = await server.listen({ host: config.server.host, port: config.server.port }).catch(async (e: NodeJS.ErrnoException) => {
      managerStop.abort();
      await managerLoop;
      await stopEnforcement();
      await vigil.close();
      // Taken between the check and now: said the same way, no stack trace.
      throw new UsageError(`cannot serve on ${config.server.host}:${config.server.port}: ${e.code === 'EADDRINUSE' ? 'the port is already in use' : e.message}; choose another with --port or VIGIL_PORT`);
    });
    println(io.stdout, `\nVigil is running: dashboard and API at ${url}  (store: ${config.store.url}; Ctrl+C to stop)`);
    const stop = async () => {
      managerStop.abort();
      await managerLoop;
      await stopEnforcement();
      await server.close();
      await vigil.close();
    };
    onReady?.(url, stop);
    await new Promise<void>((resolve) => {
      const done = () => {
        process.off('SIGINT', done);
        process.off('SIGTERM', done);
        void stop().then(resolve);
      };
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
      // Stopped some other way (tests, the API): resolve, and leave no signal handler behind.
      void server.closed.then(() => {
        process.off('SIGINT', done);
        process.off('SIGTERM', done);
        resolve();
      });
    });
  });
};
