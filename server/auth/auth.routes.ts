import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errors, Nullable, StringEnum } from '../core/http.js';
import { ROLES } from '../directory/directory.tables.js';
import { requireUser, SESSION_COOKIE } from './auth.plugin.js';
import type { AuthService } from './auth.service.js';

export const AuthUserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: StringEnum(ROLES),
  departmentId: Nullable(Type.Integer()),
  departmentLevel: Nullable(StringEnum(['city', 'town', 'village'])),
});

/** `/api/auth`: log in, who am I, log out. */
export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService; cookieSecure: boolean }> = async (
  app,
  { auth, cookieSecure },
) => {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
        }),
        response: {
          200: Type.Object({ token: Type.String(), user: AuthUserSchema }),
          ...errors(400, 401, 429),
        },
      },
    },
    async (request, reply) => {
      const { token, user, expiresAt } = await auth.login(
        request.body.username,
        request.body.password,
        request.ip,
      );
      void reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: cookieSecure,
        path: '/',
        expires: new Date(expiresAt),
      });
      return { token, user };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户', response: { 200: AuthUserSchema, ...errors(401) } } },
    async (request) => requireUser(request),
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录', response: { 204: Type.Null(), ...errors(401) } } },
    async (request, reply) => {
      if (request.sessionToken) auth.logout(request.sessionToken);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
};
