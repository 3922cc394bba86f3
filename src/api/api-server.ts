import Fastify, { type FastifyInstance } from 'fastify';
import { DASHBOARD_CSP, dashboardAssets } from '../web/dashboard-assets.js';
import type { ApiDeps } from './api-deps.js';
import { installApiAuditHook } from './api-audit-hook.js';
import { installApiErrorHandling } from './api-error-handler.js';
import { installApiAuth, type ApiAuthenticator } from './api-auth-hook.js';
import { registerApprovalRoutes } from './approval-routes.js';
import { registerAuthRoutes } from './auth-routes.js';
import { registerNotificationRoutes } from './notification-routes.js';
import { registerOwnerRoutes } from './owner-routes.js';
import { registerPostureRoutes } from './posture-routes.js';
import { registerResourceRoutes } from './resource-routes.js';
import { registerViolationRoutes } from './violation-routes.js';

export interface ApiServerOptions extends ApiDeps {
  /** Fastify's request log (pino); off by default so tests and the CLI stay quiet. */
  logger?: boolean;
  /** Runs after each audited write (the root passes the checkpointer's every-N-events check). */
  afterAudit?: () => Promise<unknown>;
}

export interface ListenOptions {
  /** 0 (default) picks a free port: read the URL that `listen` returns. */
  port?: number;
  /** Loopback by default: without `server.auth` anyone reaching the port reads everything, so exposing it is an explicit choice. */
  host?: string;
}

/** No sign-in configured: everyone is anonymous (reads only; the listen guard keeps this on loopback). */
const NO_SIGN_IN: ApiAuthenticator = { required: false, authenticate: async () => ({ kind: 'anonymous' }) };

/** The HTTP face of Vigil: the JSON API under /api and the dashboard at /. */
export interface ApiServer {
  /** The fastify instance, for `inject()` in tests and for later features to add routes. */
  readonly fastify: FastifyInstance;
  /** Starts listening and resolves with the base URL, e.g. `http://127.0.0.1:8080`. */
  listen(opts?: ListenOptions): Promise<string>;
  close(): Promise<void>;
  /**
   * Settles once the server has closed, whoever closed it. Fastify refuses hooks once it listens,
   * so a caller that waits for the end awaits this instead of adding an `onClose` hook.
   */
  readonly closed: Promise<void>;
}

/**
 * Builds the server from its dependencies; nothing listens until `listen()`. Writes (approve/reject)
 * need a signed-in caller with the right role (`deps.auth`, config `server.auth`).
 *
 * @example
 * const server = createApiServer({ store, policies, clock: systemClock });
 * const url = await server.listen({ port: 8080 }); // 'http://127.0.0.1:8080'
 * // …
 * await server.close();
 */
export function createApiServer(opts: ApiServerOptions): ApiServer {
  const { logger = false, afterAudit, ...deps } = opts;
  // Query strings like `?severity=high&severity=low` must arrive as arrays: the default parser does that.
  const app = Fastify({ logger, return503OnClosing: true });
  installApiErrorHandling(app);
  // Every write through the API is on the audit trail, whoever made it and whatever it answered.
  installApiAuditHook(app, { ...deps, ...(afterAudit ? { afterAudit } : {}) });
  // Before any route: who is calling (server.auth), and whether their role allows the route.
  const auth = deps.auth ?? NO_SIGN_IN;
  installApiAuth(app, auth);
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  app.addHook('onClose', async () => markClosed());

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // Posture changes with every scan: a cached answer would show a fixed bucket as still public.
    if (request.url.startsWith('/api/') || request.url === '/healthz') reply.header('cache-control', 'no-store');
    return payload;
  });

  app.get('/healthz', { config: { public: true } }, async () => ({ status: 'ok' }));
  registerPostureRoutes(app, deps);
  registerViolationRoutes(app, deps);
  registerResourceRoutes(app, deps);
  registerOwnerRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerAuthRoutes(app, auth);
  if (deps.approvals) registerApprovalRoutes(app, deps.approvals);

  for (const asset of dashboardAssets()) {
    app.get(asset.path, { config: { public: true } }, async (_request, reply) =>
      reply.type(asset.contentType).header('content-security-policy', DASHBOARD_CSP).header('cache-control', 'no-cache').send(asset.body),
    );
  }

  return {
    fastify: app,
    closed,
    async listen(listenOpts: ListenOptions = {}) {
      const host = listenOpts.host ?? '127.0.0.1';
      await app.listen({ port: listenOpts.port ?? 0, host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : listenOpts.port;
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    },
    async close() {
      await app.close();
    },
  };
}
