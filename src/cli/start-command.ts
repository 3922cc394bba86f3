import type { Command } from 'commander';
import { createApi, createVigil } from '../composition-root.js';
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
 * prints the summary and keeps serving the API and dashboard until interrupted.
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
      .option('--replace', 'scan a demo estate of another seed or size into a store that holds one')
      .option('--insecure-no-auth', 'serve on a non-loopback address although the dashboard has no login yet'),
  ).action(async (flags: SharedFlags & { host?: string; port?: string; source?: string; size?: string; scan?: boolean; replace?: boolean; insecureNoAuth?: boolean }) => {
    const port = integerFlag('port', flags.port, FLAG_RANGES.port);
    const size = integerFlag('size', flags.size, FLAG_RANGES.size);
    const config = await configFrom(io, flags, {
      ...(flags.host || port !== undefined ? { server: { ...(flags.host ? { host: flags.host } : {}), ...(port !== undefined ? { port } : {}) } } : {}),
      ...(flags.source ? { scan: { source: flags.source } } : {}),
      ...(size !== undefined ? { demo: { size } } : {}),
    });
    // Before anything is scanned or written: an address that cannot be served fails now, not after the scan.
    await listenGuard(config.server.host, config.server.port, { insecureNoAuth: flags.insecureNoAuth === true });
    const vigil = await createVigil(config);
    if (flags.scan !== false) {
      await guardDemoEstate(vigil, config.scan.source, { replace: flags.replace });
      const { report, seconds } = await scanWithProgress(vigil, io, {});
      printScanSummary(io.stdout, report, await buildPostureSummary(vigil.store, [...vigil.policies]), seconds);
    }
    const server = await createApi(vigil);
    const url = await server.listen({ host: config.server.host, port: config.server.port }).catch(async (e: NodeJS.ErrnoException) => {
      await vigil.close();
      // Taken between the check and now: said the same way, no stack trace.
      throw new UsageError(`cannot serve on ${config.server.host}:${config.server.port}: ${e.code === 'EADDRINUSE' ? 'the port is already in use' : e.message}; choose another with --port or VIGIL_PORT`);
    });
    println(io.stdout, `\nVigil is running: dashboard and API at ${url}  (store: ${config.store.url}; Ctrl+C to stop)`);
    const stop = async () => {
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
      // Tests stop the server through `stop`; resolve when they do.
      void server.closed.then(() => resolve());
    });
  });
};
