import { createServer } from 'node:net';
import { UsageError } from '../common/vigil-error.js';
import type { AuthConfig } from '../config/vigil-config.js';

/** Whether an address only this machine can reach (without `server.auth`, the dashboard has no sign-in). */
export const isLoopback = (host: string): boolean => /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i.test(host);

/**
 * Checks, before a scan spends minutes, that `vigil start` can serve where it is told: a
 * non-loopback address needs sign-in (`server.auth` with API tokens or OIDC) or `--insecure-no-auth`
 * saying the operator accepts that it is open; a trusted-proxy header (`server.auth.proxy`) does not
 * count, since anyone reaching the port directly could send it. A port already in use is named with
 * what to do.
 *
 * @example
 * await listenGuard('0.0.0.0', 8080, { insecureNoAuth: false, auth: { tokens: true } }); // fine: every request needs a token
 */
export const listenGuard = async (host: string, port: number, opts: { insecureNoAuth: boolean; auth?: AuthConfig | undefined }): Promise<void> => {
  if (!isLoopback(host) && !opts.insecureNoAuth) {
    if (opts.auth?.proxy) {
      throw new UsageError(
        `refusing to serve on ${host}: server.auth.proxy trusts the ${opts.auth.proxy.userHeader ?? 'x-vigil-user'} header, which anyone reaching that address directly could send. ` +
          'Serve on 127.0.0.1 behind the proxy, or drop server.auth.proxy and use API tokens or OIDC (server.auth.tokens, server.auth.oidc)',
      );
    }
    if (!opts.auth?.tokens && !opts.auth?.oidc) {
      throw new UsageError(
        `refusing to serve on ${host}: no sign-in is configured, so anyone who can reach that address could read every violation. ` +
          'Configure server.auth (tokens: true with `vigil api-token create`, or oidc), serve on 127.0.0.1 (the default) behind your own authenticating proxy, or pass --insecure-no-auth if you accept that',
      );
    }
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
