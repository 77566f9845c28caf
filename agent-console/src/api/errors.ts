// Turns API errors (`{statusCode, code, message, field?, state?}`) into sentences a clerk understands.
// Pure: no fetch, no DOM. Never shows a stack or an English validator message.

import { actionLabel, assignmentStatusLabel, STATUS_LABELS, statusLabel } from '../lib/labels.js';
import type { ApiErrorBody } from './types.js';

/** An API call that failed: `message` is already the Chinese sentence to show. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly field?: string,
    readonly state?: string,
    /** The server's own message, for logs and for tests; do not show it as is. */
    readonly serverMessage?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Names of request fields as a form labels them (the `field` of a 400). */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  password: '密码',
  appealType: '诉求类型',
  title: '标题',
  content: '诉求内容',
  caller: '来电人',
  'caller.name': '来电人姓名',
  'caller.phone': '来电号码',
  categoryId: '诉求分类',
  address: '地址',
  town: '所属镇街',
  urgency: '紧急程度',
  channel: '来源渠道',
  line: '来电线路',
  answer: '答复内容',
  reason: '理由',
  lead: '主办单位',
  assists: '协办单位',
  departmentId: '承办单位',
  days: '延期天数',
  publicReply: '公开答复',
  internalNotes: '内部办理说明',
  solved: '是否解决',
  reached: '是否联系上',
  satisfaction: '满意度',
  note: '备注',
  message: '内容',
  into: '并入工单号',
  response: '督办回复',
  code: '编码',
  name: '名称',
  level: '层级',
  parentId: '上级',
  role: '角色',
  displayName: '姓名',
  from: '开始日期',
  to: '结束日期',
  page: '页码',
  pageSize: '每页条数',
  body: '提交内容',
};

/** Fixed sentences by stable code, then by HTTP status. */
const BY_CODE: Record<string, string> = {
  UNAUTHORIZED: '登录已过期，请重新登录',
  FORBIDDEN: '您的角色无权执行此操作',
  NOT_FOUND: '找不到该记录，或不属于本单位',
  TOO_MANY_REQUESTS: '尝试次数过多，请稍后再试',
  INTERNAL: '服务器出错，请稍后再试或联系管理员',
  NETWORK: '无法连接服务器，请检查网络后重试',
  TIMEOUT: '服务器响应超时，请稍后再试',
};
const BY_STATUS: Record<number, string> = {
  400: '提交的内容有误，请检查后重试',
  401: BY_CODE.UNAUTHORIZED ?? '',
  403: BY_CODE.FORBIDDEN ?? '',
  404: BY_CODE.NOT_FOUND ?? '',
  409: '工单状态已变化，不能执行此操作，请刷新后重试',
  413: '提交的内容过大',
  429: BY_CODE.TOO_MANY_REQUESTS ?? '',
};

const CJK = /[\u4e00-\u9fff]/;

/** The server quotes codes in its reasons (「pending_sign」, 「sign」): show their labels instead. */
export function humanizeCodes(message: string): string {
  return message.replace(/「([a-z_]+)」/g, (_, code: string) => {
    const label =
      code in STATUS_LABELS
        ? statusLabel(code)
        : assignmentStatusLabel(code) !== code
          ? assignmentStatusLabel(code)
          : actionLabel(code);
    return `「${label}」`;
  });
}

/** The form label of a request field: `caller.phone` → 来电号码, `assists.1` → 协办单位. */
export function fieldLabel(field: string | undefined): string | null {
  if (!field) return null;
  const segments = field.split('.').filter((s) => !/^\d+$/.test(s));
  return FIELD_LABELS[segments.join('.')] ?? FIELD_LABELS[segments[segments.length - 1] ?? ''] ?? null;
}

function isBody(x: unknown): x is ApiErrorBody {
  return typeof x === 'object' && x !== null && typeof (x as ApiErrorBody).statusCode === 'number';
}

/** What went wrong, for a person: by code and status, keeping the server's Chinese business reasons. */
export function describeError(status: number, body: unknown, context: { login?: boolean } = {}): string {
  const b = isBody(body) ? body : null;
  const code = b?.code ?? '';
  if (status >= 500) return BY_CODE.INTERNAL ?? '';
  if (status === 401 && context.login) {
    // The login answers its own reason (用户名或密码错误); other 401s mean the session is gone.
    return b?.message && CJK.test(b.message) ? b.message : '用户名或密码错误';
  }
  if (status === 429) {
    const sec = b?.retryAfterSec;
    return typeof sec === 'number' && sec > 0
      ? `尝试次数过多，请 ${Math.ceil(sec / 60)} 分钟后再试`
      : (BY_STATUS[429] ?? '');
  }
  if (status === 400) {
    // Business checks of the service answer 400 with a Chinese sentence of their own: show it as it is.
    // A schema check (`schema: true`) says what the field should be (`title: 不能为空或只有空白`): put the
    // field's label before it.
    const prefix = b?.message?.match(/^[\w.]+:\s*/)?.[0];
    const reason = prefix ? b?.message?.slice(prefix.length) : b?.message;
    const label = fieldLabel(b?.field);
    if (reason && CJK.test(reason)) {
      return humanizeCodes(b?.schema && label && !reason.includes(label) ? `「${label}」${reason}` : reason);
    }
    if (label) return `「${label}」填写有误，请检查`;
    return BY_STATUS[400] ?? '';
  }
  if (status === 409) {
    // The state machine's reasons are written for people (工单当前状态为「办理中」，不能执行此操作).
    if (b?.message && CJK.test(b.message)) return humanizeCodes(b.message);
    if (b?.state) return `工单当前状态为「${statusLabel(b.state)}」，不能执行此操作`;
    return BY_STATUS[409] ?? '';
  }
  if (status === 403 && b?.message && CJK.test(b.message) && b.message !== '无权执行此操作')
    return humanizeCodes(b.message);
  return BY_CODE[code] ?? BY_STATUS[status] ?? `操作失败（${status}），请稍后再试`;
}

/** An ApiError from a failed response's status and parsed body (or null when the body was not JSON). */
export function toApiError(status: number, body: unknown, context: { login?: boolean } = {}): ApiError {
  const b = isBody(body) ? body : null;
  return new ApiError(
    describeError(status, body, context),
    status,
    b?.code ?? `HTTP_${status}`,
    b?.field,
    b?.state,
    b?.message,
  );
}

/** An ApiError for a request that never got an answer (offline, server down, timeout). */
export function networkError(timedOut = false): ApiError {
  const code = timedOut ? 'TIMEOUT' : 'NETWORK';
  return new ApiError(BY_CODE[code] ?? '', 0, code);
}

/** The sentence to show for anything thrown by an API call or a handler. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return '操作失败，请稍后再试';
}
