import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpHandlerOptions } from '@smithy/types';

type HandleArgs = Parameters<NodeHttpHandler['handle']>;

/**
 * The one HTTP handler every SDK client of a scan shares: one keep-alive connection pool instead of
 * one per client (a scan builds thousands of clients: accounts × regions × services), and a count of
 * the HTTP calls made, retries included, for the progress bar and the bench.
 *
 * @example
 * const http = new CountingHttpHandler(64);
 * new KMSClient({ region: 'eu-west-1', requestHandler: http });
 * http.calls; // after a scan: every request sent
 */
export class CountingHttpHandler extends NodeHttpHandler {
  calls = 0;
  readonly #agents: [HttpAgent, HttpsAgent];

  constructor(maxSockets: number, requestTimeoutMs = 30_000) {
    const agents: [HttpAgent, HttpsAgent] = [new HttpAgent({ keepAlive: true, maxSockets }), new HttpsAgent({ keepAlive: true, maxSockets })];
    super({ httpAgent: agents[0], httpsAgent: agents[1], connectionTimeout: 10_000, requestTimeout: requestTimeoutMs });
    this.#agents = agents;
  }

  override handle(request: HandleArgs[0], options?: HttpHandlerOptions): ReturnType<NodeHttpHandler['handle']> {
    this.calls++;
    return super.handle(request, options);
  }

  /** Closes the pooled connections (a scan's end; clients' own `destroy` would close them for everyone). */
  close(): void {
    for (const a of this.#agents) a.destroy();
  }

  // Clients call destroy() when they are disposed; the pool outlives any one client.
  override destroy(): void {}
}
