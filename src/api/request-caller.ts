import type { FastifyRequest } from 'fastify';
import type { Caller } from './request-authenticator.js';

const CALLER = Symbol('vigil.caller');

/** Puts the authenticated caller on the request (the auth hook does, once per request). */
export const setCaller = (request: FastifyRequest, caller: Caller): void => {
  (request as FastifyRequest & { [CALLER]?: Caller })[CALLER] = caller;
};

/**
 * The authenticated caller, if any: set only by the auth hook from a checked bearer or the trusted
 * proxy's header, never from anything else a client sends.
 *
 * @example callerOf(request)?.subject; // 'alice@example.com'
 */
export const callerOf = (request: FastifyRequest): Caller | undefined => (request as FastifyRequest & { [CALLER]?: Caller })[CALLER];
