import type { Command } from 'commander';
import { createApi, createVigil } from '../composition-root.js';
import { DEFAULT_CONFIG } from '../config/vigil-config.js';
import { SOURCE_FORMS } from '../providers/provider-sources.js';
import { buildPostureSummary } from '../reports/posture-summary.js';
import { println, type CliIo } from './cli-io.js';
import { integerFlag, scanWithProgress } from './scan-command.js';
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
      .option('--no-scan', 'serve what the store holds without scanning first'),
  ).action(async (flags: SharedFlags & { host?: string; port?: string; source?: string; size?: string; scan?: boolean }) => {
    const port = integerFlag('port', flags.port);
    const size = integerFlag('size', flags.size);
    const config = await configFrom(io, flags, {
      ...(flags.host || port !== undefined ? { server: { ...(flags.host ? { host: flags.host } : {}), ...(port !== undefined ? { port } : {}) } } : {}),
      ...(flags.source ? { scan: { source: flags.source } } : {}),
      ...(size !== undefined ? { demo: { size } } : {}),
    });
    const vigil = await createVigil(config);
    if (flags.scan !== false) {
      const { report, seconds } = await scanWithProgress(vigil, io, {});
      printScanSummary(io.stdout, report, await buildPostureSummary(vigil.store, [...vigil.policies]), seconds);
    }
    const server = await createApi(vigil);
    const url = await server.listen({ host: config.server.host, port: config.server.port });
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
