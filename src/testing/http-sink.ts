import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received (what a signature is checked against). */
  body: string;
}

/**
 * A real local HTTP server standing in for Slack, Teams or a webhook receiver: it records every
 * request and answers with the status `respond` picks (200 by default).
 *
 * @example
 * const sink = await startHttpSink((req, n) => (n === 1 ? 500 : 200));
 * await fetch(`${sink.url}/hook`, { method: 'POST', body: '{}' });
 * sink.requests.length; // 1
 * await sink.close();
 */
export const startHttpSink = async (
  respond: (req: ReceivedRequest, nth: number) => number = () => 200,
): Promise<{ url: string; requests: ReceivedRequest[]; close(): Promise<void> }> => {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(r);
      res.statusCode = respond(r, requests.filter((x) => x.path === r.path).length);
      res.end(res.statusCode < 300 ? 'ok' : 'error');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
};
