import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthorized } from '../core/errors.js';
import type { Role } from '../directory/directory.tables.js';
import type { AuthService, AuthUser } from './auth.service.js';

export const SESSION_COOKIE = 'hotline_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user; set on every route that is not marked public. */
    user: AuthUser | null;
    /** The raw session token the request came with. */
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, docs, machine endpoints with their own credentials). */
    public?: boolean;
    /** Only these roles may call the route (403 for others). */
    roles?: readonly Role[];
  }
}

/** The token from `Authorization: Bearer …` or the session cookie. */
export function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies?.[SESSION_COOKIE] ?? null;
}

/** The user behind a request; throws 401 when there is none (for routes marked public that still need one). */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

/**
 * Every route needs a session unless its config says `public: true`; `roles` narrows who may call it.
 * Declared per route, never by matching URLs.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: { auth: AuthService }) => {
    app.decorateRequest('user', null);
    app.decorateRequest('sessionToken', null);
    app.addHook('onRequest', async (request) => {
      const config = request.routeOptions.config;
      const token = tokenOf(request);
      request.sessionToken = token;
      request.user = token ? opts.auth.resolve(token) : null;
      // Unmatched routes have no config: let the not-found handler answer 404.
      if (!request.routeOptions.url || config?.public) return;
      if (!request.user) throw unauthorized();
      if (config?.roles && !config.roles.includes(request.user.role)) throw forbidden();
    });
  },
  { name: 'auth', dependencies: ['errors'] },
);
