import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';

/** Security headers, CORS, body limits and rate limits (issue 7, part 6). Filled in by the hardening work. */
export const securityPlugin = fp(async (_app: FastifyInstance, _opts: { config: Config }) => {}, {
  name: 'security',
});
