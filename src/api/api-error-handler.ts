import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { VigilError } from '../common/vigil-error.js';

/** The JSON body of every error the API returns: the same shape as `VigilError.toJSON()`. */
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * Maps errors to HTTP. A VigilError says what went wrong in words meant for the caller, so it is sent
 * as is with its own status. Fastify's own client errors (bad JSON, bad content type) keep their 4xx.
 * Anything else is a bug: it is logged in full and the caller gets a bare 500, because stack traces
 * and SQL text are for operators, not for whoever can reach the port.
 *
 * @example
 * installApiErrorHandling(app); // then `throw new VigilError('violation.not-found', '…', { status: 404 })` in a route
 */
export function installApiErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof VigilError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(error.status).send(error.toJSON());
    }
    const fe = error as Partial<FastifyError>;
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ code: fe.code ?? 'request.invalid', message: fe.message ?? 'bad request' } satisfies ApiErrorBody);
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({ code: 'internal', message: 'Internal server error; the server log has the details.' } satisfies ApiErrorBody);
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) =>
    reply.status(404).send({ code: 'not-found', message: `no route ${request.method} ${request.url.split('?')[0]}` } satisfies ApiErrorBody),
  );
}
