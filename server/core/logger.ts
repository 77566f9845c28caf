import { randomUUID } from 'node:crypto';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

/**
 * Paths pino replaces with `[redacted]` wherever a log line carries them: credentials in request and
 * response headers (sessions, Yantai's signature), and secrets or callers' phones in logged objects.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-signature"]',
  'req.headers["x-nonce"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-signature"]',
  'password',
  'token',
  'secret',
  'sessionToken',
  'ctiToken',
  '*.password',
  '*.token',
  '*.secret',
  '*.sessionToken',
  '*.ctiToken',
  'caller.phone',
  '*.caller.phone',
  'phone',
  '*.phone',
];

/**
 * A URL as a log line may show it: phone-like runs of 7 or more digits in the query string (a search by
 * caller, `?phone=13805350001`) are masked as departments see them (138****0001; shorter ones 05***01).
 */
export function maskUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url.slice(q).replace(/\d{7,}/g, (d) => {
    const [head, tail] = d.length >= 11 ? [3, 4] : [2, 2];
    return d.slice(0, head) + '*'.repeat(d.length - head - tail) + d.slice(-tail);
  });
  return url.slice(0, q) + query;
}

/** Fastify logger options: pino JSON at the configured level, request ids from `x-request-id` or fresh. */
export function loggerOptions(
  level: string,
  stream?: DestinationStream,
): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader'> {
  return {
    logger: {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        req: (request: FastifyRequest) => ({
          method: request.method,
          url: maskUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
      },
      ...(stream ? { stream } : {}),
    },
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  };
}
