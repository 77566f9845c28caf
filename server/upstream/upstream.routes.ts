import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errors, IdParams } from '../core/http.js';
import { OutboxItem, OutboxQuery } from './upstream.schemas.js';
import { bridgeDisabled, type UpstreamService } from './upstream.service.js';

/** The supervisors' view of the outbox: dead letters and their retry. Yantai's own endpoints: upstream.inbound.ts. */
export const upstreamRoutes: FastifyPluginAsyncTypebox<{ upstream: UpstreamService | null }> = async (
  app,
  { upstream },
) => {
  const staff = { roles: ['supervisor', 'admin'] as const };
  app.get(
    '/api/upstream/outbox',
    {
      config: staff,
      schema: {
        tags: ['upstream'],
        summary: '上报市平台的消息（state=dead 为死信）',
        querystring: OutboxQuery,
        response: { 200: Type.Array(OutboxItem), ...errors(400, 401, 403, 503) },
      },
    },
    async (request) => {
      if (!upstream) throw bridgeDisabled();
      return upstream.listOutbox(request.query);
    },
  );
  app.post(
    '/api/upstream/outbox/:id/retry',
    {
      config: staff,
      schema: {
        tags: ['upstream'],
        summary: '重发一条死信',
        params: IdParams,
        response: { 200: OutboxItem, ...errors(401, 403, 404, 409, 503) },
      },
    },
    async (request) => {
      if (!upstream) throw bridgeDisabled();
      return upstream.retry(request.params.id);
    },
  );
};
