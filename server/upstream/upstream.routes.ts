import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { badRequest } from '../core/errors.js';
import { errors, IdParams } from '../core/http.js';
import type { WriteBatcher } from '../core/write-batch.js';
import {
  Accepted,
  NoticeBody,
  type NoticeInput,
  OrderBody,
  type OrderInput,
  OutboxItem,
  OutboxQuery,
} from './upstream.schemas.js';
import { bridgeDisabled, type UpstreamService } from './upstream.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact bytes of a Yantai request, for its signature. */
    rawBody?: Buffer;
    /** The raw body was not JSON (answered 400 once the signature checks out). */
    invalidJson?: boolean;
    /** The nonce of a request whose signature checked out, recorded with its work. */
    upstreamNonce?: string;
  }
}

/**
 * Yantai's inbound endpoints (signed, no session) and the supervisors' view of the outbox. The inbound
 * routes live in their own encapsulated context, whose JSON parser keeps the raw bytes for the signature.
 */
export const upstreamRoutes: FastifyPluginAsyncTypebox<{
  upstream: UpstreamService | null;
  batcher: WriteBatcher;
}> = async (app, { upstream, batcher }) => {
  await app.register(async (inbound) => {
    inbound.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      const raw = body as Buffer;
      request.rawBody = raw;
      try {
        done(null, raw.length === 0 ? undefined : JSON.parse(raw.toString('utf8')));
      } catch {
        request.invalidJson = true;
        done(null, undefined);
      }
    });
    // The signature is checked on the raw bytes before the body is looked at, let alone stored.
    inbound.addHook('preValidation', async (request) => {
      if (!upstream) throw bridgeDisabled();
      request.upstreamNonce = upstream.verify(request.headers, request.rawBody ?? Buffer.alloc(0));
      if (request.invalidJson) throw badRequest('body', 'is not valid JSON');
    });

    inbound.post(
      '/api/upstream/v1/orders',
      {
        config: { public: true },
        schema: {
          tags: ['upstream'],
          summary: '市平台转办工单（签名）',
          security: [],
          body: OrderBody,
          response: { 200: Accepted, ...errors(400, 401, 503) },
        },
      },
      async (request) => {
        const nonce = request.upstreamNonce!;
        const { ticketNo } = await batcher.run(() =>
          upstream!.receiveOrder(nonce, request.body as OrderInput),
        );
        return { code: 0 as const, ticketNo };
      },
    );
    inbound.post(
      '/api/upstream/v1/notices',
      {
        config: { public: true },
        schema: {
          tags: ['upstream'],
          summary: '市平台通知：催办、督办、退回重办、撤回、办结（签名）',
          security: [],
          body: NoticeBody,
          response: { 200: Accepted, ...errors(400, 401, 404, 409, 503) },
        },
      },
      async (request) => {
        const nonce = request.upstreamNonce!;
        const { ticketNo } = await batcher.run(() =>
          upstream!.receiveNotice(nonce, request.body as NoticeInput),
        );
        return { code: 0 as const, ticketNo };
      },
    );
  });

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
