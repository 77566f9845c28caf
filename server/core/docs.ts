import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorBody } from './http.js';

/** OpenAPI generated from the route schemas: `/api/docs/json`, browsable at `/api/docs`. */
export const docsPlugin = fp(
  async (app: FastifyInstance, opts: { version: string }) => {
    app.addSchema(ErrorBody);
    await app.register(swagger, {
      openapi: {
        info: { title: '蓬莱区 12345 政务服务便民热线 API', version: opts.version },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer' },
            cookie: { type: 'apiKey', in: 'cookie', name: 'hotline_session' },
          },
        },
        security: [{ bearer: [] }, { cookie: [] }],
      },
    });
    // An encapsulated child, so that only the documentation routes are marked public.
    await app.register(async (child) => {
      child.addHook('onRoute', (route) => {
        route.config = { ...route.config, public: true };
      });
      await child.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
    });
  },
  { name: 'docs' },
);
