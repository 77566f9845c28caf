import { describe, expect, it } from 'vitest';
import {
  ApiError,
  describeError,
  errorMessage,
  networkError,
  toApiError,
} from '../../agent-console/src/api/errors.js';

const body = (statusCode: number, code: string, message: string, extra: Record<string, unknown> = {}) => ({
  statusCode,
  code,
  message,
  ...extra,
});

describe('API errors in words a clerk understands', () => {
  it.each([
    [
      'a wrong password at login',
      401,
      body(401, 'UNAUTHORIZED', '用户名或密码错误'),
      { login: true },
      '用户名或密码错误',
    ],
    [
      'an expired session',
      401,
      body(401, 'UNAUTHORIZED', '未登录或会话已过期'),
      {},
      '登录已过期，请重新登录',
    ],
    ['a role that may not', 403, body(403, 'FORBIDDEN', '无权执行此操作'), {}, '您的角色无权执行此操作'],
    [
      'the state machine refusing an actor',
      403,
      body(403, 'FORBIDDEN', '当前用户无权执行「sign」'),
      {},
      '当前用户无权执行「签收」',
    ],
    [
      'an unknown ticket',
      404,
      body(404, 'NOT_FOUND', 'GET /api/tickets/PL1 不存在'),
      {},
      '找不到该记录，或不属于本单位',
    ],
    [
      'a state that forbids the action',
      409,
      body(409, 'CONFLICT', '工单当前状态为「办理中」，不能执行此操作', { state: 'in_progress' }),
      {},
      '工单当前状态为「办理中」，不能执行此操作',
    ],
    [
      'an assignment state quoted as a code',
      409,
      body(409, 'CONFLICT', '本单位承办记录当前状态为「pending_sign」，不能执行此操作'),
      {},
      '本单位承办记录当前状态为「待签收」，不能执行此操作',
    ],
    [
      'a 409 in English with the state',
      409,
      body(409, 'CONFLICT', 'conflict', { state: 'replied' }),
      {},
      '工单当前状态为「待审核」，不能执行此操作',
    ],
    [
      'a validation error naming a field',
      400,
      body(400, 'BAD_REQUEST', 'caller.phone: must match pattern', { field: 'caller.phone' }),
      {},
      '「来电号码」填写有误，请检查',
    ],
    [
      'a validation error inside an array',
      400,
      body(400, 'BAD_REQUEST', 'assists.1: the lead department cannot also assist', { field: 'assists.1' }),
      {},
      '「协办单位」填写有误，请检查',
    ],
    [
      'a business rule with a Chinese reason',
      400,
      body(400, 'BAD_REQUEST', 'departmentId: 只能下派给本镇街所辖的村居', { field: 'departmentId' }),
      {},
      '只能下派给本镇街所辖的村居',
    ],
    [
      'a schema check in Chinese names the field by its label',
      400,
      body(400, 'BAD_REQUEST', 'title: 不能为空或只有空白', { field: 'title', schema: true }),
      {},
      '「标题」不能为空或只有空白',
    ],
    [
      'a reason that already names the field is shown as it is',
      400,
      body(400, 'BAD_REQUEST', 'solved: 联系上来电人时须填写是否解决', { field: 'solved' }),
      {},
      '联系上来电人时须填写是否解决',
    ],
    [
      'an unknown field',
      400,
      body(400, 'BAD_REQUEST', 'zzz: bad', { field: 'zzz' }),
      {},
      '提交的内容有误，请检查后重试',
    ],
    [
      'too many logins',
      429,
      body(429, 'TOO_MANY_REQUESTS', '尝试次数过多，请稍后再试', { retryAfterSec: 600 }),
      { login: true },
      '尝试次数过多，请 10 分钟后再试',
    ],
    [
      'a server error',
      500,
      body(500, 'INTERNAL', 'TypeError: x is undefined at …'),
      {},
      '服务器出错，请稍后再试或联系管理员',
    ],
    ['a proxy error page', 502, null, {}, '服务器出错，请稍后再试或联系管理员'],
    [
      'a body too large',
      413,
      body(413, 'FST_ERR_CTP_BODY_TOO_LARGE', 'Request body is too large'),
      {},
      '提交的内容过大',
    ],
    ['an odd status', 418, null, {}, '操作失败（418），请稍后再试'],
  ])('%s', (_, status, errBody, context, expected) => {
    expect(describeError(status, errBody, context)).toBe(expected);
  });

  it('keeps code, field and state on the error and never a stack in the message', () => {
    const err = toApiError(409, body(409, 'CONFLICT', 'x', { state: 'closed', field: 'y' }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      state: 'closed',
      field: 'y',
      serverMessage: 'x',
    });
    expect(errorMessage(err)).not.toMatch(/at |Error/);
  });

  it.each([
    [networkError(), '无法连接服务器，请检查网络后重试'],
    [networkError(true), '服务器响应超时，请稍后再试'],
    [new TypeError('Cannot read properties of undefined'), '操作失败，请稍后再试'],
  ])('%s → %s', (err, expected) => {
    expect(errorMessage(err)).toBe(expected);
  });
});
