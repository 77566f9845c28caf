import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../core/errors.js';
import { errors } from '../core/http.js';
import type { WriteBatcher } from '../core/write-batch.js';
import { Accepted, NoticeBody, type NoticeInput, OrderBody, type OrderInput } from './upstream.schemas.js';
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
 * Yantai's inbound endpoints: signed, no session. They are registered outside the session context (app.ts),
 * so no cookie, session or other hook of the console's API runs on them; their own JSON parser keeps the raw
 * bytes for the signature, which is checked before the body is looked at.
 */
export const upstreamInboundRoutes: FastifyPluginAsyncTypebox<{
  upstream: UpstreamService | null;
  batcher: WriteBatcher;
}> = async (app, { upstream, batcher }) => {
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
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
  app.addHook('preValidation', async (request) => {
    if (!upstream) throw bridgeDisabled();
    // Another type (text/plain) reached Fastify's own parser, which keeps no raw bytes to check.
    if (request.body !== undefined && request.rawBody === undefined) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
    }
    const nonce = upstream.verify(request.headers, request.rawBody ?? Buffer.alloc(0));
    request.upstreamNonce = nonce;
    if (request.invalidJson) {
      await refused(nonce);
      throw badRequest('body', 'is not valid JSON');
    }
  });
  /**
   * A signed request's work, with its nonce used up whatever becomes of it: kept with the work's batch even when
   * the work is refused (400 on its times, 404, 409), and recorded alone when the body breaks the schema. A
   * replay then answers 401, never the answer it would get now (DESIGN §5; see recordNonce).
   */
  async function signed(request: FastifyRequest, work: () => { ticketNo: string }) {
    const nonce = request.upstreamNonce!;
    if (request.validationError) {
      await refused(nonce);
      throw request.validationError;
    }
    const { ticketNo } = await batcher.run(work, () => upstream!.recordNonce(nonce));
    return { code: 0 as const, ticketNo };
  }
  /** A signed request refused before its work (not JSON, or breaking the schema): only its nonce is written. */
  async function refused(nonce: string): Promise<void> {
    await batcher.run(() => upstream!.recordNonce(nonce));
  }

  app.post(
    '/api/upstream/v1/orders',
    {
      config: { public: true, machine: true },
      // A body that breaks the schema is answered by the handler, which first records the request's nonce.
      attachValidation: true,
      schema: {
        tags: ['upstream'],
        summary: '市平台转办工单（签名）',
        security: [],
        body: OrderBody,
        response: { 200: Accepted, ...errors(400, 401, 413, 415, 429, 503) },
      },
    },
    (request) => signed(request, () => upstream!.receiveOrder(request.body as OrderInput)),
  );
  app.post(
    '/api/upstream/v1/notices',
    {
      config: { public: true, machine: true },
      attachValidation: true,
      schema: {
        tags: ['upstream'],
        summary: '市平台通知：催办、督办、退回重办、撤回、办结（签名）',
        security: [],
        body: NoticeBody,
        response: { 200: Accepted, ...errors(400, 401, 404, 409, 413, 415, 429, 503) },
      },
    },
    (request) => signed(request, () => upstream!.receiveNotice(request.body as NoticeInput)),
  );
};
