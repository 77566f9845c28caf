import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Bindings, ChildLoggerOptions, DestinationStream } from 'pino';
import { maskPhone } from './phone.js';

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
  const query = url.slice(q).replace(/\d{7,}/g, maskPhone);
  return url.slice(0, q) + query;
}

/** Fastify logger options: pino JSON at the configured level, request ids from `x-request-id` or fresh. */
export function loggerOptions(
  level: string,
  stream?: DestinationStream,
): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader' | 'childLoggerFactory'> {
  return {
    childLoggerFactory: (logger, bindings, options) => lazyChild(logger, bindings, options),
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

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type PinoLike = FastifyBaseLogger & { isLevelEnabled(level: string): boolean };

/**
 * A request's logger that becomes a pino child (with the request id) only when something is logged at a
 * level that is on. Fastify makes one per request; at the default level most requests log nothing, and
 * making the child (which serializes and redacts its bindings) was a measurable part of a Yantai order.
 */
class LazyChild {
  #child: PinoLike | null = null;
  constructor(
    private readonly parent: PinoLike,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}
  private real(): PinoLike {
    this.#child ??= this.parent.child(this.bindings, this.options) as PinoLike;
    return this.#child;
  }
  private log(level: Level, args: unknown[]): void {
    if (!(this.#child ?? this.parent).isLevelEnabled(level)) return;
    (this.real()[level] as (...a: unknown[]) => void)(...args);
  }
  fatal(...args: unknown[]) {
    this.log('fatal', args);
  }
  error(...args: unknown[]) {
    this.log('error', args);
  }
  warn(...args: unknown[]) {
    this.log('warn', args);
  }
  info(...args: unknown[]) {
    this.log('info', args);
  }
  debug(...args: unknown[]) {
    this.log('debug', args);
  }
  trace(...args: unknown[]) {
    this.log('trace', args);
  }
  silent() {}
  child(bindings: Bindings, options?: ChildLoggerOptions) {
    return this.real().child(bindings, options);
  }
  isLevelEnabled(level: string): boolean {
    return (this.#child ?? this.parent).isLevelEnabled(level);
  }
  get level(): string {
    return (this.#child ?? this.parent).level;
  }
  set level(level: string) {
    this.real().level = level;
  }
}

/** Fastify's per-request logger: lazy (above), unless the route sets its own level or serializers. */
export function lazyChild(
  parent: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  if (options.level !== undefined || options.serializers !== undefined)
    return parent.child(bindings, options);
  return new LazyChild(parent as PinoLike, bindings, options) as unknown as FastifyBaseLogger;
}
