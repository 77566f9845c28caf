import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';

/** Fastify logger options: pino JSON at the configured level, request ids from `x-request-id` or fresh. */
export function loggerOptions(
  level: string,
): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  return {
    logger: {
      level,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  };
}
