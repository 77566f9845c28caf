import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from './errors.js';
import { type AjvErrorItem, ajvMessage } from './validation-messages.js';

type ValidationItem = Pick<AjvErrorItem, 'instancePath' | 'params'>;

/** The part of the request a validation error is about (`err.validationContext`), as it was checked. */
function validatedPart(request: FastifyRequest, context: string | undefined): unknown {
  if (context === 'querystring') return request.query;
  if (context === 'params') return request.params;
  if (context === 'headers') return request.headers;
  return request.body;
}

/** Turns an Ajv error into the field a person would name: `caller.phone`, `status`. */
export function fieldOf(item: ValidationItem): string {
  const parts = item.instancePath.split('/').filter(Boolean);
  const missing = item.params?.missingProperty;
  if (typeof missing === 'string') parts.push(missing);
  const extra = item.params?.additionalProperty;
  if (typeof extra === 'string') parts.push(extra);
  return parts.join('.');
}

/**
 * Fastify's router errors, which never reach the error handler (a path that is not valid percent-encoding,
 * a path parameter over the length limit), in the same shape as every other error.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  return reply
    .status(status)
    .send({ statusCode: status, code: err.code, message: err.message, field: 'url' });
}

/** Fastify's codes for client errors that have a code of our own. */
const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * One error handler: AppErrors keep their status and code, validation errors name the field and say in Chinese
 * what it should be (`title: 不能为空或只有空白`, server/core/validation-messages.ts), 5xx details stay in the log.
 */
export const errorPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (err instanceof AppError) {
        if (err.statusCode === 429 && typeof err.details?.retryAfterSec === 'number') {
          void reply.header('retry-after', String(err.details.retryAfterSec));
        }
        return reply
          .status(err.statusCode)
          .send({ statusCode: err.statusCode, code: err.code, message: err.message, ...err.details });
      }
      if (err.validation) {
        const items = err.validation as unknown as AjvErrorItem[];
        const first = items[0];
        const field = first
          ? fieldOf(first) || (err.validationContext ?? 'body')
          : (err.validationContext ?? 'body');
        return reply.status(400).send({
          statusCode: 400,
          code: 'BAD_REQUEST',
          message: `${field}: ${ajvMessage(items, validatedPart(request, err.validationContext))}`,
          field,
          schema: true,
        });
      }
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status < 500) {
        // Fastify's own client errors (malformed JSON, wrong content type, body too large).
        const code = FRAMEWORK_CODES[err.code] ?? err.code ?? 'BAD_REQUEST';
        return reply.status(status).send({ statusCode: status, code, message: err.message, field: 'body' });
      }
      request.log.error({ err }, 'unhandled error');
      return reply.status(500).send({ statusCode: 500, code: 'INTERNAL', message: '服务器内部错误' });
    });
    app.setNotFoundHandler((request, reply) =>
      reply
        .status(404)
        .send({ statusCode: 404, code: 'NOT_FOUND', message: `${request.method} ${request.url} 不存在` }),
    );
  },
  { name: 'errors' },
);
