import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type Database from 'better-sqlite3';

/** `GET /api/health`: is the server up and the database answering. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ sqlite: Database.Database; version: string }> = async (
  app,
  { sqlite, version },
) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        response: {
          200: Type.Object({ status: Type.Literal('ok'), db: Type.Literal('ok'), version: Type.String() }),
          503: Type.Object({ status: Type.Literal('error'), db: Type.String(), version: Type.String() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        sqlite.prepare('select 1').get();
        return { status: 'ok' as const, db: 'ok' as const, version };
      } catch (err) {
        _request.log.error({ err }, 'health check: database unavailable');
        return reply.status(503).send({ status: 'error' as const, db: 'unavailable', version });
      }
    },
  );
};
