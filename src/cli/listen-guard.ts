import { createServer } from 'node:net';
import { UsageError } from '../common/vigil-error.js';

/** Whether an address only this machine can reach (the dashboard has no login yet). */
export const isLoopback = (host: string): boolean => /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i.test(host);

/**
 * Checks, before a scan spends minutes, that `vigil start` can serve where it is told: a
 * non-loopback address is refused unless `--insecure-no-auth` says the operator knows the
 * dashboard is open to whoever reaches it, and a port already in use is named with what to do.
 *
 * @example
 * await listenGuard('127.0.0.1', 8080, { insecureNoAuth: false });
 */
export const listenGuard = async (host: string, port: number, opts: { insecureNoAuth: boolean }): Promise<void> => {
  if (!isLoopback(host) && !opts.insecureNoAuth) {
    throw new UsageError(
      `refusing to serve on ${host}: the dashboard and API have no login yet, so anyone who can reach that address could read every violation. ` +
        'Serve on 127.0.0.1 (the default) behind your own authenticating proxy, or pass --insecure-no-auth if you accept that',
    );
  }
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'EADDRINUSE' ? 'is already in use (another Vigil?)' : e.code === 'EACCES' ? 'needs privileges this user does not have' : e.code === 'EADDRNOTAVAIL' ? 'is not an address of this machine' : e.message;
      reject(new UsageError(`cannot serve on ${host}:${port}: the port ${why}; choose another with --port or VIGIL_PORT`));
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
};
