// How each matrix line prepares its target and builds its request, and how an answer is judged.
import type { LightMyRequestResponse } from 'fastify';
import { callbackTasks, calls } from '../../server/calls/calls.tables.js';
import { maskPhone } from '../../server/core/phone.js';
import { PASSWORD } from '../helpers/app.js';
import { buildTicketInput } from '../helpers/factories.js';
import { buildNotice, buildOrder } from '../helpers/yantai.js';
import type { Actor, Cell, MatrixLine } from './authorization.matrix.js';
import {
  act,
  isHandler,
  LOGINS,
  mergeInto,
  nextSerial,
  REVEAL,
  type Req,
  secret,
  supervised,
  type Target,
  t,
  ticket,
} from './authorization-setup.js';

export const ACTION_BODIES: Record<string, object> = {
  answer: { answer: '根据政策，可到区政务服务中心办理。' },
  submit: {},
  reject: { reason: '属诉讼事项，请向法院起诉' },
  accept: {},
  return_upstream: { reason: '不属于蓬莱区' },
  sign: {},
  request_return: { reason: '不属于本单位职责' },
  approve_return: {},
  deny_return: {},
  pass_down: {},
  request_extension: { days: 2, reason: '需协调施工单位' },
  approve_extension: {},
  deny_extension: {},
  reply: { publicReply: '已处理完毕', solved: true },
  approve_reply: {},
  reject_reply: { reason: '答复不完整' },
  revisit: { reached: true, solved: true, satisfaction: 'satisfied' },
  report_progress: { note: '已联系施工单位' },
  caller_urge: { message: '市民再次来电，询问办理进度' },
  urge: { message: '请尽快办理' },
  supervise: { message: '请加快办理' },
  merge: {},
  'unknown action': {},
};

const now = () => Date.now();

/** How each line prepares its target and builds its request. */
export function specOf(line: MatrixLine): {
  prepare: () => Promise<Target>;
  request: (x: Target, a: Actor) => Promise<Req>;
} {
  const none = async (): Promise<Target> => ({});
  const fixed = (req: Req) => ({ prepare: none, request: async () => req });
  const { endpoint, variant, kind, state } = line;
  const [method, path] = endpoint.split(' ') as [Req['method'], string];
  if (endpoint === 'POST /api/tickets/{no}/actions/{action}') {
    return {
      prepare: () => ticket(kind, state),
      request: async (x) => {
        const action = variant === 'unknown action' ? 'fly' : variant;
        let body: object = ACTION_BODIES[variant]!;
        if (variant === 'dispatch') body = { lead: t.dir.dept.zjj };
        if (variant === 'pass_down') body = { departmentId: t.dir.dept.ljgzB };
        if (variant === 'merge') body = { into: mergeInto };
        return { method: 'POST', url: `/api/tickets/${x.no}/actions/${action}`, body };
      },
    };
  }
  switch (endpoint) {
    case 'POST /api/auth/login':
      return {
        prepare: none,
        request: async (_x, a) => ({
          method,
          url: path,
          body: {
            username: a === 'anonymous' || a === 'yantai' ? 'operator1' : LOGINS[a],
            password: PASSWORD,
          },
        }),
      };
    case 'POST /api/auth/logout':
      return {
        prepare: none,
        request: async (_x, a) => ({
          method,
          url: path,
          ...(a === 'anonymous' || a === 'yantai' ? {} : { token: await t.login(LOGINS[a]) }),
        }),
      };
    case 'POST /api/tickets':
      return { prepare: none, request: async () => ({ method, url: path, body: buildTicketInput() }) };
    case 'GET /api/tickets':
      return {
        prepare: () => ticket(kind, state),
        request: async (x) => ({
          method,
          url: variant
            ? `/api/tickets?phone=${x.phone}&pageSize=100`
            : `/api/tickets?q=${x.marker}&pageSize=100`,
        }),
      };
    case 'GET /api/tickets/{no}':
      return {
        prepare: () => ticket(kind, state),
        request: async (x) => ({ method, url: `/api/tickets/${x.no}` }),
      };
    case 'POST /api/tickets/{no}/caller-phone':
      return {
        prepare: () => ticket(kind, state),
        request: async (x) => ({ method, url: `/api/tickets/${x.no}/caller-phone` }),
      };
    case 'GET /api/tickets/{no}/dispatch-preview':
      return {
        prepare: () => ticket(kind, state),
        request: async (x) => ({ method, url: `/api/tickets/${x.no}/dispatch-preview` }),
      };
    case 'POST /api/departments':
      return {
        prepare: none,
        request: async () => ({
          method,
          url: path,
          body: { code: `d${nextSerial()}`, name: '测试部门', level: 'city' },
        }),
      };
    case 'PATCH /api/departments/{id}':
      return {
        prepare: async () => ({
          id: t.app.services.directory.createDepartment({
            code: `p${nextSerial()}`,
            name: '临时部门',
            level: 'city',
          }).id,
        }),
        request: async (x) => ({ method, url: `/api/departments/${x.id}`, body: { name: '改名部门' } }),
      };
    case 'POST /api/categories':
      return {
        prepare: none,
        request: async () => ({ method, url: path, body: { code: `c${nextSerial()}`, name: '测试分类' } }),
      };
    case 'PATCH /api/categories/{id}':
      return {
        prepare: async () => ({
          id: t.app.services.directory.createCategory({ code: `q${nextSerial()}`, name: '临时' }).id,
        }),
        request: async (x) => ({ method, url: `/api/categories/${x.id}`, body: { name: '改名分类' } }),
      };
    case 'POST /api/public/appeals':
      return fixed({
        method,
        url: path,
        body: { appealType: 'consult', title: '网上咨询', content: '内容', phone: '13905351234' },
      });
    case 'POST /api/public/appeals/progress':
      return {
        prepare: () => ticket(kind, state),
        request: async (x) => ({
          method,
          url: path,
          body: { ticketNo: x.no, phone: variant ? '13905359999' : x.phone },
        }),
      };
    case 'POST /api/knowledge':
      return {
        prepare: none,
        request: async () => ({
          method,
          url: path,
          body: { title: `知识 ${nextSerial()}`, answer: '答复内容' },
        }),
      };
    case 'PATCH /api/knowledge/{id}':
      return {
        prepare: async () => ({
          id: t.app.services.knowledge.create(t.user('admin'), {
            title: `临时 ${nextSerial()}`,
            answer: '答复',
          }).id,
        }),
        request: async (x) => ({ method, url: `/api/knowledge/${x.id}`, body: { answer: '新的答复' } }),
      };
    case 'POST /api/users':
      return {
        prepare: none,
        request: async () => ({
          method,
          url: path,
          body: {
            username: `u${nextSerial()}`,
            displayName: '新用户',
            role: 'operator',
            password: 'password-123',
          },
        }),
      };
    case 'PATCH /api/users/{id}':
      return {
        prepare: async () => ({
          id: (
            await t.app.services.directory.createUser({
              username: `v${nextSerial()}`,
              displayName: '临时用户',
              role: 'operator',
              password: { hash: await t.app.services.passwords.hash('password-123') },
            })
          ).id,
        }),
        request: async (x) => ({ method, url: `/api/users/${x.id}`, body: { displayName: '改名用户' } }),
      };
    case 'PUT /api/policy/deadlines':
      return {
        prepare: none,
        request: async () => ({ method, url: path, body: t.app.services.sla.getPolicy() }),
      };
    case 'PUT /api/calendar/hours':
      return {
        prepare: none,
        request: async () => ({ method, url: path, body: [...t.app.services.sla.getHours()] }),
      };
    case 'GET /api/calendar/days':
      return fixed({ method, url: '/api/calendar/days?from=2026-11-01&to=2026-11-30' });
    case 'PUT /api/calendar/days/{date}':
      return fixed({ method, url: '/api/calendar/days/2030-01-05', body: { work: true, note: '调休' } });
    case 'DELETE /api/calendar/days/{date}':
      return {
        prepare: async () => {
          t.app.services.sla.setDay('2030-02-02', true, null, t.user('admin').id);
          return { date: '2030-02-02' };
        },
        request: async (x) => ({ method, url: `/api/calendar/days/${x.date}` }),
      };
    case 'POST /api/upstream/v1/orders':
      return { prepare: none, request: async () => ({ method, url: path, body: buildOrder(t) }) };
    case 'POST /api/upstream/v1/notices':
      return {
        prepare: () => ticket(kind, state),
        request: async (x) => ({ method, url: path, body: buildNotice(t, x.orderNo!, variant) }),
      };
    case 'POST /api/upstream/outbox/{id}/retry':
      return {
        prepare: async () => {
          const x = await ticket('new', 'order_pending_dispatch');
          await act('dispatcher', x.no!, 'accept');
          // Whatever the worker made of it, it is a dead letter now.
          await new Promise((r) => setTimeout(r, 20));
          const row = t.database.sqlite
            .prepare("update upstream_outbox set state = 'dead' where ticket_no = ? returning id")
            .get(x.no) as { id: number };
          return { id: row.id };
        },
        request: async (x) => ({ method, url: `/api/upstream/outbox/${x.id}/retry` }),
      };
    case 'GET /api/supervision/items':
      return { prepare: () => supervised(kind), request: async () => ({ method, url: path }) };
    case 'POST /api/supervision/items/{id}/respond':
      return {
        prepare: () => supervised(kind),
        request: async (x) => ({
          method,
          url: `/api/supervision/items/${x.id}/respond`,
          body: { response: '已处理' },
        }),
      };
    case 'GET /api/supervision/notices':
      return fixed({ method, url: '/api/supervision/notices?month=2026-11' });
    case 'GET /api/reports/monthly':
      return fixed({ method, url: '/api/reports/monthly?month=2026-11' });
    case 'GET /api/calls/{id}':
      return {
        prepare: async () => {
          const id = `call-${nextSerial()}`;
          t.database.db
            .insert(calls)
            .values({
              id,
              fromNumber: '13900000000',
              line: '12345',
              ivrPath: [],
              offeredAt: now(),
              outcome: 'answered',
            })
            .run();
          return { date: id };
        },
        request: async (x) => ({ method, url: `/api/calls/${x.date}` }),
      };
    case 'PUT /api/agents/{userId}':
      return fixed({
        method,
        url: `/api/agents/${t.user('operator2').id}`,
        body: { agentNo: '1002', skills: ['general'] },
      });
    case 'PUT /api/ivr/lines/{line}':
      return fixed({ method, url: '/api/ivr/lines/89000', body: { flowId: '89000-parallel' } });
    case 'GET /api/agents/me':
      return fixed({ method, url: path });
    case 'POST /api/agents/me/state':
      return fixed({ method, url: path, body: { state: 'not_ready' } });
    case 'POST /api/callbacks/{id}/claim':
    case 'POST /api/callbacks/{id}/close':
      return {
        prepare: async () => {
          const n = nextSerial();
          const row = t.database.db
            .insert(callbackTasks)
            .values({
              phone: `1390000${String(n).padStart(4, '0')}`,
              line: '12345',
              reason: 'abandoned_queue',
              status: 'open',
              attempts: 0,
              firstCallId: `cb-${n}`,
              lastCallAt: now(),
              createdAt: now(),
              updatedAt: now(),
            })
            .returning({ id: callbackTasks.id })
            .get();
          return { id: row.id };
        },
        request: async (x) => ({
          method,
          url: path.replace('{id}', String(x.id)),
          ...(endpoint.endsWith('close') ? { body: { outcome: '已回拨' } } : {}),
        }),
      };
    default:
      if (method !== 'GET' || path.includes('{')) throw new Error(`no request for ${endpoint}`);
      return fixed({ method, url: path });
  }
}

/** What went wrong in one cell, or null. */
export function judge(
  line: MatrixLine,
  actor: Actor,
  cell: Cell,
  res: LightMyRequestResponse,
  x: Target,
): string | null {
  const got = res.statusCode;
  const body = res.body;
  const at = `${actor}: expected ${cell}`;
  // Zero leaks: a department gets a caller's full number only by asking for it (查看号码, recorded), never a
  // confidential caller's, and never in any other answer.
  if (
    x.phone &&
    isHandler(actor) &&
    body.includes(x.phone) &&
    (secret(line.kind) || line.endpoint !== REVEAL)
  )
    return `${at}, got the full phone`;
  if (got >= 400 && x.phone && body.includes(x.phone)) return `${at}, got ${got} carrying the phone`;
  if (cell === 'list' || cell === 'list-m' || cell === 'hidden') {
    if (got !== 200) return `${at}, got ${got}`;
    const json = res.json() as
      | { items?: { no: string; caller: { phone: string } }[] }
      | { ticketNo: string }[];
    if (Array.isArray(json)) {
      const listed = json.some((i) => i.ticketNo === x.no);
      return listed === (cell !== 'hidden') ? null : `${at}, ${listed ? 'listed' : 'not listed'}`;
    }
    const item = json.items?.find((i) => i.no === x.no);
    if (cell === 'hidden') return item ? `${at}, listed` : null;
    if (!item) return `${at}, not listed`;
    const want = cell === 'list-m' ? maskPhone(x.phone!) : x.phone;
    return item.caller.phone === want ? null : `${at}, phone ${item.caller.phone}`;
  }
  const status = cell === '200m' ? 200 : Number(cell);
  if (got !== status) return `${at}, got ${got} ${body.slice(0, 120)}`;
  if (line.endpoint === REVEAL && got === 200 && x.phone && !body.includes(x.phone)) {
    return `${at}, got no full number`;
  }
  const caller =
    got === 200 && body.includes('"caller"')
      ? (res.json() as { caller?: { phone: string } }).caller
      : undefined;
  if (caller && x.phone) {
    const want = cell === '200m' ? maskPhone(x.phone) : x.phone;
    if (caller.phone !== want) return `${at}, phone ${caller.phone}`;
  } else if (cell === '200m') return `${at}, no caller in the answer`;
  return null;
}
