import { createHash, timingSafeEqual } from 'node:crypto';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.js';
import { tooManyRequests } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Answers a machine, never a browser (Yantai's signed endpoints): no browser security headers, which
     * mean nothing there and cost a measurable part of an order's time.
     */
    machine?: boolean;
  }
}

/** Routes whose requests count against `UPSTREAM_RATE_LIMIT` (Yantai's signed endpoints). */
export const UPSTREAM_INBOUND_PREFIX = '/api/upstream/v1/';

/**
 * Whether two secrets are equal, in time that depends on neither their contents nor their lengths:
 * both sides are hashed first, so `timingSafeEqual` always compares 32 bytes.
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * The Content-Security-Policy of the console (a Vite-built Vue 3 + Element Plus SPA served from `/`) and
 * of the Swagger UI at `/api/docs`: scripts only from our own files (neither has inline scripts), inline
 * styles allowed (Element Plus and Swagger UI set `style` attributes), sockets to the same host.
 */
export function contentSecurityPolicy(
  https: boolean,
  recordingOrigins: readonly string[] = [],
): Record<string, string[] | null> {
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    // Recordings and messages stream from the telephony platform's own address (call.recording's url): from the
    // origins RECORDING_ORIGINS names, or else from any http(s) address.
    mediaSrc: ["'self'", ...(recordingOrigins.length > 0 ? recordingOrigins : ['http:', 'https:'])],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", 'ws:', 'wss:'],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
    // Over plain HTTP (an office network without TLS) upgrading would break every request of the page.
    upgradeInsecureRequests: https ? [] : null,
  };
}

/**
 * The headers helmet sets, worked out once: they depend only on the configuration, and helmet's own
 * middleware (as @fastify/helmet runs it) parses the whole policy again on every request.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)(
    {} as Parameters<ReturnType<typeof helmet>>[0],
    res as unknown as Parameters<ReturnType<typeof helmet>>[1],
    (err?: unknown) => {
      if (err) throw err;
    },
  );
  return headers;
}

/**
 * Security headers (helmet) on every answer, CORS closed unless `CORS_ORIGINS` lists origins, and a
 * per-address rate limit on Yantai's endpoints. The body limit itself is Fastify's (`bodyLimit` in
 * buildApp); its 413 and the 429 here answer in the standard error JSON through the error plugin.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    const { security, cookieSecure } = opts.config;

    const headers = helmetHeaders({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: contentSecurityPolicy(cookieSecure, security.recordingOrigins),
      },
      frameguard: { action: 'deny' },
      // HSTS only means something over HTTPS, which is what COOKIE_SECURE says the deployment uses.
      strictTransportSecurity: cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'no-referrer' },
    });
    app.addHook('onRequest', (request, reply, done) => {
      if (request.routeOptions.config?.machine !== true) reply.headers(headers);
      done();
    });

    if (security.corsOrigins.length > 0) {
      await app.register(cors, {
        origin: security.corsOrigins,
        credentials: true,
        methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
        maxAge: 600,
      });
    }

    if (security.upstreamRateLimit > 0) {
      // Not global: only the routes below get a limiter, attached as they are declared, so that the
      // upstream module does not need to know about it.
      await app.register(rateLimit, {
        global: false,
        max: security.upstreamRateLimit,
        timeWindow: 60_000,
        errorResponseBuilder: (_request, context) =>
          tooManyRequests(Math.max(1, Math.ceil(context.ttl / 1000))),
      });
      const limiter = app.rateLimit() as onRequestHookHandler;
      app.addHook('onRoute', (route) => {
        if (!route.url.startsWith(UPSTREAM_INBOUND_PREFIX)) return;
        const existing = route.onRequest;
        route.onRequest = [...(Array.isArray(existing) ? existing : existing ? [existing] : []), limiter];
      });
    }
  },
  { name: 'security', dependencies: ['errors'] },
);
