// The app, logins and ticket fixtures the authorization tests share: each test file starts its own app.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { signedHeaders } from '../../server/upstream/upstream.signature.js';
import { buildTestApp, type TestApp, YANTAI_SECRET } from '../helpers/app.js';
import { buildTicketInput } from '../helpers/factories.js';
import { buildOrder } from '../helpers/yantai.js';
import type { Actor, State, TicketKind } from './authorization.matrix.js';

export let t: TestApp;
export let url: string;
export const tokens = new Map<Actor, string>();

export const LOGINS: Record<Exclude<Actor, 'anonymous' | 'yantai'>, string> = {
  admin: 'admin',
  operator: 'operator1',
  operator2: 'operator2',
  dispatcher: 'dispatcher1',
  supervisor: 'supervisor1',
  handlerA: 'handler.zjj',
  handlerB: 'handler.scjg',
  town: 'handler.ljgz',
  village: 'handler.ljgzA',
};
export const isHandler = (a: Actor) =>
  a === 'handlerA' || a === 'handlerB' || a === 'town' || a === 'village';

export interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  /** A session of its own instead of the actor's usual one (logout). */
  token?: string;
}

/** The one request an actor sends: no credentials, Yantai's signature, or the actor's session. */
export async function send(actor: Actor, req: Req): Promise<LightMyRequestResponse> {
  const raw = req.body === undefined ? '' : JSON.stringify(req.body);
  const headers: Record<string, string> = raw ? { 'content-type': 'application/json' } : {};
  if (actor === 'yantai') Object.assign(headers, signedHeaders(YANTAI_SECRET, raw, t.clock.now()));
  else if (actor !== 'anonymous') headers.authorization = `Bearer ${req.token ?? tokens.get(actor)}`;
  return t.app.inject({ method: req.method, url: req.url, headers, ...(raw ? { payload: raw } : {}) });
}

/** As a named user, expecting success: the fixtures' own steps. */
export async function as(actor: Exclude<Actor, 'anonymous' | 'yantai'>, req: Req) {
  const res = await send(actor, req);
  if (res.statusCode >= 300)
    throw new Error(`${actor} ${req.method} ${req.url}: ${res.statusCode} ${res.body}`);
  return res.json() as Record<string, unknown>;
}
export const act = (
  actor: Exclude<Actor, 'anonymous' | 'yantai'>,
  no: string,
  action: string,
  body: object = {},
) => as(actor, { method: 'POST', url: `/api/tickets/${no}/actions/${action}`, body });

/** The ticket (or other resource) a line's requests are about. */
export interface Target {
  no?: string;
  phone?: string;
  marker?: string;
  orderNo?: string;
  id?: number;
  date?: string;
}

let serial = 0;
/** A fresh number for names and phones that must not repeat. */
export const nextSerial = (): number => ++serial;
export const secret = (kind: TicketKind) => kind === 'A-secret' || kind === 'new-secret';
/** The one answer that carries a caller's full number to a department (查看号码). */
export const REVEAL = 'POST /api/tickets/{no}/caller-phone';
export const leadOf = (kind: TicketKind): number => {
  const { dept } = t.dir;
  if (kind === 'B') return dept.scjg;
  if (kind === 'T') return dept.ljgz;
  return dept.zjj;
};
const leadHandler = (kind: TicketKind) => (kind === 'B' ? 'handlerB' : kind === 'T' ? 'town' : 'handlerA');

/** A ticket of `kind` brought to `state` through the API, as the people who would do it. */
export async function ticket(kind: TicketKind, state: State): Promise<Target> {
  serial += 1;
  const phone = `139${String(70_000_000 + serial)}`;
  const marker = `MX${serial}Z`;
  const confidential = secret(kind);
  let no: string;
  let orderNo: string | undefined;
  if (state.startsWith('order_')) {
    const order = buildOrder(t, { confidential, caller: { name: '王先生', phone }, title: `工单 ${marker}` });
    orderNo = order.orderNo;
    const res = await send('yantai', { method: 'POST', url: '/api/upstream/v1/orders', body: order });
    if (res.statusCode !== 200) throw new Error(`order: ${res.statusCode} ${res.body}`);
    no = (res.json() as { ticketNo: string }).ticketNo;
  } else {
    const input = buildTicketInput({
      confidential,
      caller: { name: '王先生', phone },
      title: `工单 ${marker}`,
    });
    no = (await as('operator', { method: 'POST', url: '/api/tickets', body: input })).no as string;
    if (state === 'registered') return { no, phone, marker };
    await act('operator', no, 'submit');
  }
  const done = { no, phone, marker, ...(orderNo ? { orderNo } : {}) };
  if (state === 'pending_dispatch' || state === 'order_pending_dispatch') return done;
  await act('dispatcher', no, 'dispatch', {
    lead: leadOf(kind),
    ...(kind === 'AB' ? { assists: [t.dir.dept.scjg] } : {}),
  });
  if (state === 'dispatched') return done;
  const lead = leadHandler(kind);
  if (state === 'return_requested') {
    await act(lead, no, 'request_return', { reason: '不属于本单位职责' });
    return done;
  }
  await act(lead, no, 'sign');
  if (kind === 'AB') await act('handlerB', no, 'sign');
  if (kind === 'T') {
    await act('town', no, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    await act('village', no, 'sign');
  }
  if (state === 'in_progress' || state === 'order_in_progress') return done;
  if (state === 'extension_asked') {
    await act(lead, no, 'request_extension', { days: 2, reason: '需协调施工单位' });
    return done;
  }
  if (kind === 'T') await act('village', no, 'reply', { publicReply: '村里已处理', solved: true });
  await act(lead, no, 'reply', { publicReply: '已处理完毕', solved: true });
  if (state === 'replied') return done;
  await act('supervisor', no, 'approve_reply');
  return done;
}

/** A ticket with an open 督办单 for its lead department. */
export async function supervised(kind: TicketKind): Promise<Target> {
  const target = await ticket(kind, 'in_progress');
  await act('supervisor', target.no!, 'supervise', { message: '请加快办理' });
  const items = (
    await send('supervisor', { method: 'GET', url: '/api/supervision/items?status=open' })
  ).json() as {
    id: number;
    ticketNo: string;
  }[];
  return { ...target, id: items.find((i) => i.ticketNo === target.no)!.id };
}

/** The ticket every `merge` line merges into (registered once the app is up). */
export let mergeInto = '';

/**
 * Starts the app before the file's tests (listening on a local port, for the sockets), logs every actor in,
 * registers the merge target, and closes the app after. Call it once at the top of a test file.
 */
export function useAuthorizationApp(): void {
  beforeAll(async () => {
    t = await buildTestApp({
      start: new Date().toISOString(),
      // Yantai itself is unreachable (a closed local port): the bridge queues and retries in the background.
      // Every actor submits web appeals and looks them up from this one address: not what its limits are for.
      env: {
        UPSTREAM_BASE_URL: 'http://127.0.0.1:9',
        UPSTREAM_RATE_LIMIT: '0',
        WEB_APPEALS_PER_HOUR: '0',
        WEB_LOOKUPS_PER_10MIN: '0',
        WEB_LOOKUP_MISSES_PER_HOUR: '0',
      },
    });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    for (const [actor, username] of Object.entries(LOGINS))
      tokens.set(actor as Actor, await t.login(username));
    const into = buildTicketInput({ title: '并单目标' });
    mergeInto = (await as('operator', { method: 'POST', url: '/api/tickets', body: into })).no as string;
  });
  afterAll(() => t.close());
}
