import { createServer, type IncomingMessage, type Server } from 'node:http';

/** One request as the stub saw it: the operation (JSON `X-Amz-Target` suffix, or `METHOD path`) and the body. */
export interface WireRequest {
  operation: string;
  method: string;
  path: string;
  body: unknown;
}
export type WireReply = { status?: number; body?: unknown; headers?: Record<string, string> };

/**
 * A local HTTP endpoint speaking the AWS JSON wire protocols (awsJson1.1 and REST-JSON), for the
 * APIs moto lacks: `reply(request)` answers each request, and `requests` records exactly what the SDK
 * sent, for tests to assert. (Named apart from the aws-collector branch's aws-wire-endpoint.ts.)
 *
 * @example
 * const stub = await startAwsWireStub((r) => (r.operation === 'GetTrailStatus' ? { body: { IsLogging: false } } : { body: {} }));
 * new CloudTrailClient({ endpoint: stub.endpoint, region: 'eu-west-1', credentials });
 */
export const startAwsWireStub = async (reply: (r: WireRequest) => WireReply): Promise<{ endpoint: string; requests: WireRequest[]; stop(): Promise<void> }> => {
  const requests: WireRequest[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let s = '';
      req.on('data', (c: Buffer) => (s += c.toString()));
      req.on('end', () => resolve(s));
    });
  const server: Server = createServer(async (req, res) => {
    const text = await read(req);
    const target = req.headers['x-amz-target'];
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const r: WireRequest = {
      operation: typeof target === 'string' ? (target.split('.').pop() ?? target) : `${req.method} ${path}`,
      method: req.method ?? '',
      path,
      body: text ? JSON.parse(text) : null,
    };
    requests.push(r);
    const out = reply(r);
    res.writeHead(out.status ?? 200, { 'content-type': 'application/x-amz-json-1.1', ...out.headers });
    res.end(JSON.stringify(out.body ?? {}));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { endpoint: `http://127.0.0.1:${port}`, requests, stop: () => new Promise((r) => server.close(() => r())) };
};
