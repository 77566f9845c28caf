/** An error a client may see: HTTP status, a stable machine code and a message in plain words. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** 400: the request is malformed; `field` names what is wrong. */
export const badRequest = (field: string, message: string) =>
  new AppError(400, 'BAD_REQUEST', `${field}: ${message}`, { field });
/**
 * 400 for a value that breaks the field's schema (type, length, pattern, format): `schema: true` says the text
 * after `field: ` is what the field should be (不能为空或只有空白), to be read after the field's name; a
 * business rule's reason (badRequest) is a sentence of its own.
 */
export const schemaError = (field: string, message: string) =>
  new AppError(400, 'BAD_REQUEST', `${field}: ${message}`, { field, schema: true });
/** 401: no valid session or credentials. */
export const unauthorized = (message = '未登录或会话已过期') => new AppError(401, 'UNAUTHORIZED', message);
/** 403: the actor is known but may not do this. */
export const forbidden = (message = '无权执行此操作') => new AppError(403, 'FORBIDDEN', message);
/** 404: no such thing, or not visible to this actor. */
export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} 不存在`);
/** 409: the current state forbids the change; `state` tells the client where things stand. */
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new AppError(409, 'CONFLICT', message, details);
/** 429: too many attempts; retry after the given seconds. */
export const tooManyRequests = (retryAfterSec: number) =>
  new AppError(429, 'TOO_MANY_REQUESTS', '尝试次数过多，请稍后再试', { retryAfterSec });

/** Runs a write, answering 409 with `message` when it breaks a UNIQUE constraint (a code, a name taken). */
export function uniqueOrConflict<T>(message: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw conflict(message);
    throw err;
  }
}
