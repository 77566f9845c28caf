// Endpoint fuzzing driven by the OpenAPI document: every operation gets arbitrary auth, path params,
// query strings and bodies (valid-ish from its schema, then mutated), and raw malformed bodies.

import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { USER_ACTIONS } from '../../../server/tickets/tickets.machine.js';
import { ACTION_BODIES } from '../../../server/tickets/tickets.schemas.js';
import { garbageSegment, type JsonSchema, mutated, nastyString, queryString } from './arbitraries.js';
import { checkRequest, type Fixtures, type FuzzEnv, postSignedRaw, type Who } from './harness.js';

interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
export interface Operation {
  key: string;
  method: string;
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema }[];
  body: JsonSchema | null;
}

/** Every operation of `GET /api/docs/json`. */
export async function loadOperations(env: FuzzEnv): Promise<Operation[]> {
  const res = await env.t.app.inject({ method: 'GET', url: '/api/docs/json' });
  const doc = res.json() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content['application/json']?.schema ?? null,
      });
    }
  }
  return ops;
}

type Pool = (fx: Fixtures) => (string | number)[];

/** How to fuzz one operation: who may call it, the fixture values its path params may take. */
export interface OperationPlan {
  /** Roles allowed (their tokens are used most), `public` (no session), or `signed` (Yantai's HMAC). */
  auth: Who[] | 'public' | 'signed';
  params?: Record<string, Pool>;
  /** A body generator other than the documented schema's. */
  body?: (fx: Fixtures) => fc.Arbitrary<unknown>;
  /** Calls it with a session of its own (logout ends the session it is called with). */
  freshSession?: boolean;
}

const staff: Who[] = ['operator', 'supervisor', 'admin', 'dispatcher'];
const everyone: Who[] = ['admin', 'operator', 'dispatcher', 'supervisor', 'handler', 'town', 'village'];
const ticketNos: Pool = (fx) => Object.values(fx.tickets);

/** Ticket actions: a real action name (or garbage) and that action's body, mutated. */
const actionBody = () =>
  fc
    .constantFrom(...USER_ACTIONS)
    .chain((a) => mutated(ACTION_BODIES[a] as unknown as JsonSchema).map((m) => m.value));

/**
 * One plan per documented operation. A new endpoint fails the coverage test until it is listed here,
 * with the fixtures its params should hit.
 */
export const PLANS: Record<string, OperationPlan> = {
  'GET /api/health': { auth: 'public' },
  'POST /api/auth/login': {
    auth: 'public',
    body: () =>
      fc.oneof(
        fc.record({
          // Never the harness's own logins: their failures would lock the harness out.
          username: fc.oneof(fc.constantFrom('victim.a', 'victim.b', 'nobody'), nastyString),
          password: fc.oneof(fc.constant('test-password-1'), nastyString),
        }),
        mutated({
          type: 'object',
          required: ['username', 'password'],
          properties: { username: { type: 'string' }, password: { type: 'string' } },
        }).map((m) => m.value),
      ),
  },
  'GET /api/auth/me': { auth: everyone },
  'POST /api/auth/logout': { auth: everyone, freshSession: true },
  'GET /api/departments': { auth: everyone },
  'POST /api/departments': { auth: ['admin'] },
  'PATCH /api/departments/{id}': { auth: ['admin'], params: { id: (fx) => fx.departmentIds } },
  'GET /api/categories': { auth: everyone },
  'POST /api/categories': { auth: ['admin'] },
  'PATCH /api/categories/{id}': { auth: ['admin'], params: { id: (fx) => fx.categoryIds } },
  'POST /api/public/appeals': { auth: 'public' },
  'POST /api/public/appeals/progress': {
    auth: 'public',
    body: (fx) =>
      fc.oneof(
        fc.record({
          ticketNo: fc.constantFrom(...Object.values(fx.tickets)),
          phone: fc.constantFrom('13800000000', '0535-5651234'),
        }),
        mutated({
          type: 'object',
          required: ['ticketNo', 'phone'],
          properties: { ticketNo: { type: 'string' }, phone: { type: 'string' } },
        }).map((m) => m.value),
      ),
  },
  'GET /api/knowledge': { auth: everyone },
  'POST /api/knowledge': { auth: ['admin'] },
  'PATCH /api/knowledge/{id}': { auth: ['admin'], params: { id: (fx) => fx.knowledgeIds } },
  'GET /api/users': { auth: ['admin'] },
  'POST /api/users': { auth: ['admin'] },
  'PATCH /api/users/{id}': { auth: ['admin'], params: { id: (fx) => fx.victimUserIds } },
  'GET /api/policy/deadlines': { auth: everyone },
  'PUT /api/policy/deadlines': { auth: ['admin'] },
  'GET /api/calendar/hours': { auth: everyone },
  'PUT /api/calendar/hours': { auth: ['admin'] },
  'GET /api/calendar/days': { auth: everyone },
  'PUT /api/calendar/days/{date}': { auth: ['admin'], params: { date: (fx) => fx.dates } },
  'DELETE /api/calendar/days/{date}': { auth: ['admin'], params: { date: (fx) => fx.dates } },
  'POST /api/tickets': { auth: ['operator'] },
  'GET /api/tickets': { auth: everyone },
  'GET /api/tickets/{no}': { auth: everyone, params: { no: ticketNos } },
  'POST /api/tickets/{no}/caller-phone': { auth: everyone, params: { no: ticketNos } },
  'GET /api/tickets/{no}/dispatch-preview': {
    auth: ['dispatcher', 'supervisor', 'admin'],
    params: { no: ticketNos },
  },
  'POST /api/tickets/{no}/actions/{action}': {
    auth: everyone,
    params: { no: ticketNos, action: () => [...USER_ACTIONS, 'register', 'close', 'rework', 'recall'] },
    body: actionBody,
  },
  'POST /api/upstream/v1/orders': { auth: 'signed' },
  'POST /api/upstream/v1/notices': { auth: 'signed' },
  'GET /api/upstream/outbox': { auth: ['supervisor', 'admin'] },
  'POST /api/upstream/outbox/{id}/retry': {
    auth: ['supervisor', 'admin'],
    params: { id: (fx) => fx.outboxIds },
  },
  'GET /api/supervision/items': { auth: ['supervisor', 'admin', 'handler'] },
  'POST /api/supervision/items/{id}/respond': {
    auth: ['handler', 'town'],
    params: { id: (fx) => fx.supervisionItemIds },
  },
  'GET /api/supervision/overview': { auth: ['supervisor', 'admin'] },
  'GET /api/supervision/notices': { auth: ['supervisor', 'admin'] },
  'GET /api/reports/monthly': { auth: ['supervisor', 'admin'] },
  'GET /api/calls': { auth: staff },
  'GET /api/calls/metrics': { auth: ['supervisor', 'admin'] },
  'GET /api/calls/{id}': { auth: staff, params: { id: (fx) => fx.callIds } },
  'GET /api/agents': { auth: ['supervisor', 'admin'] },
  'GET /api/ivr/lines': { auth: ['admin'] },
  'PUT /api/ivr/lines/{line}': {
    auth: ['admin'],
    params: { line: () => ['12345', '89000', '96000'] },
    body: () =>
      fc.oneof(
        fc.record({
          flowId: fc.constantFrom('89000-parallel', '89000-forward', '89000-end', '12345-main', 'survey'),
        }),
        mutated({ type: 'object', required: ['flowId'], properties: { flowId: { type: 'string' } } }).map(
          (m) => m.value,
        ),
      ),
  },
  'GET /api/agents/me': { auth: ['operator'] },
  'PUT /api/agents/{userId}': { auth: ['admin'], params: { userId: (fx) => fx.operatorUserIds } },
  'POST /api/agents/me/state': { auth: ['operator'] },
  'GET /api/callbacks': { auth: staff },
  'POST /api/callbacks/{id}/claim': { auth: staff, params: { id: (fx) => fx.callbackIds } },
  'POST /api/callbacks/{id}/close': { auth: staff, params: { id: (fx) => fx.callbackIds } },
};

type AuthChoice = { kind: 'role'; who: Who } | { kind: 'none' } | { kind: 'garbage'; token: string };

interface FuzzRequest {
  auth: AuthChoice;
  params: Record<string, string>;
  query: string;
  body: { value: unknown } | null;
}

function authArb(plan: OperationPlan): fc.Arbitrary<AuthChoice> {
  const role = (who: Who): AuthChoice => ({ kind: 'role', who });
  const allowed = Array.isArray(plan.auth) ? plan.auth : [];
  const others = (
    Object.keys({
      admin: 1,
      operator: 1,
      dispatcher: 1,
      supervisor: 1,
      handler: 1,
      town: 1,
      village: 1,
    }) as Who[]
  ).filter((w) => !allowed.includes(w));
  const bad = fc.oneof(
    fc.constant<AuthChoice>({ kind: 'none' }),
    fc
      .oneof(nastyString, fc.constantFrom('Bearer', 'null', 'a'.repeat(5000)))
      .map((token): AuthChoice => ({ kind: 'garbage', token })),
  );
  if (allowed.length === 0)
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant<AuthChoice>({ kind: 'none' }) },
      { weight: 1, arbitrary: bad },
    );
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...allowed).map(role) },
    ...(others.length ? [{ weight: 1, arbitrary: fc.constantFrom(...others).map(role) }] : []),
    { weight: 1, arbitrary: bad },
  );
}

/** The arbitrary request for one operation. */
export function requestArb(env: FuzzEnv, op: Operation, plan: OperationPlan): fc.Arbitrary<FuzzRequest> {
  const params: Record<string, fc.Arbitrary<string>> = {};
  for (const p of op.pathParams) {
    const pool = plan.params?.[p.name]?.(env.fx) ?? [];
    params[p.name] = pool.length
      ? fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(...pool).map((v) => encodeURIComponent(String(v))) },
          { weight: 2, arbitrary: garbageSegment },
        )
      : garbageSegment;
  }
  const body: fc.Arbitrary<{ value: unknown } | null> = plan.body
    ? plan.body(env.fx).map((value) => ({ value }))
    : op.body
      ? mutated(op.body).map((m) => ({ value: m.value }))
      : fc.constant(null);
  return fc.record({
    auth: authArb(plan),
    params: fc.record(params),
    query: op.queryParams.length ? queryString(op.queryParams) : fc.oneof(fc.constant(''), queryString([])),
    body,
  });
}

function urlOf(op: Operation, r: FuzzRequest): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => r.params[name] ?? 'x');
  return r.query ? `${path}?${r.query}` : path;
}

const short = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 400 ? `${s.slice(0, 400)}… (${s.length} chars)` : s;
};

/** Sends one fuzzed request for `op` and checks the answer (see `checkRequest`). */
export async function sendFuzzed(env: FuzzEnv, op: Operation, plan: OperationPlan, r: FuzzRequest) {
  const url = urlOf(op, r);
  const headers: Record<string, string> = {};
  let token: string | null = null;
  if (r.auth.kind === 'role')
    token = plan.freshSession ? await env.freshToken(r.auth.who) : env.tokens[r.auth.who];
  if (token) headers.authorization = `Bearer ${token}`;
  if (r.auth.kind === 'garbage') headers.authorization = `Bearer ${r.auth.token.replace(/[\r\n]/g, '')}`;
  const raw = r.body && r.body.value !== undefined ? JSON.stringify(r.body.value) : undefined;
  return checkRequest(
    env,
    `http ${op.key}`,
    async (): Promise<LightMyRequestResponse> => {
      if (plan.auth === 'signed') return postSignedRaw(env.t, url, raw ?? '');
      if (raw !== undefined) headers['content-type'] = 'application/json';
      return env.t.app.inject({
        method: op.method as 'GET',
        url,
        headers,
        ...(raw === undefined ? {} : { payload: raw }),
      });
    },
    () =>
      `${op.key} → ${url.slice(0, 300)} as ${r.auth.kind === 'role' ? r.auth.who : r.auth.kind} body ${short(r.body?.value)}`,
  );
}

/** The property for one operation: any request, any state of the fixtures, never 5xx nor a partial write. */
export function operationProperty(env: FuzzEnv, op: Operation) {
  const plan = PLANS[op.key];
  if (!plan) throw new Error(`no fuzz plan for ${op.key}`);
  return fc.asyncProperty(requestArb(env, op, plan), async (r) => {
    await sendFuzzed(env, op, plan, r);
  });
}

/** Bodies that are not JSON, or JSON under another content type. */
export const rawBodyArb = fc.record({
  raw: fc.oneof(
    fc.constantFrom(
      '',
      '{',
      '{"a":',
      '{"a":1,}',
      "{'a':1}",
      'nul',
      'undefined',
      'NaN',
      '\u0000',
      '\uFEFF{}',
      '{"__proto__":{"x":1}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '[1,2,',
      '"\\ud800"',
      '{"a":"\\u0000"}',
      '1e999999',
      '{"a":1}{"a":2}',
      '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
    ),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.integer({ min: 1000, max: 200_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
    fc.integer({ min: 1000, max: 60_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  ),
  contentType: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    'application/json; charset=latin1',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'application/vnd.api+json',
    'application/json\u0000',
    '*/*',
    '',
    'none',
  ),
});

/** The property for raw malformed bodies over every operation that takes one. */
export function rawBodyProperty(env: FuzzEnv, ops: Operation[]) {
  const withBody = ops.filter((o) => o.body !== null || PLANS[o.key]?.body);
  return fc.asyncProperty(
    fc.constantFrom(...withBody),
    rawBodyArb,
    fc.constantFrom<Who>('admin', 'operator', 'dispatcher', 'supervisor', 'handler'),
    async (op, { raw, contentType }, who) => {
      const plan = PLANS[op.key]!;
      const params: Record<string, string> = {};
      for (const p of op.pathParams)
        params[p.name] = encodeURIComponent(String(plan.params?.[p.name]?.(env.fx)[0] ?? '1'));
      const url = urlOf(op, { auth: { kind: 'none' }, params, query: '', body: null });
      const headers: Record<string, string> = {};
      if (contentType !== 'none') headers['content-type'] = contentType.replaceAll('\u0000', '');
      const role = Array.isArray(plan.auth) ? plan.auth[0]! : who;
      if (plan.auth !== 'public' && plan.auth !== 'signed')
        headers.authorization = `Bearer ${plan.freshSession ? await env.freshToken(role) : env.tokens[role]}`;
      await checkRequest(
        env,
        'http raw bodies',
        () =>
          plan.auth === 'signed'
            ? postSignedRaw(env.t, url, raw, {
                contentType: contentType === 'none' ? null : contentType.replaceAll('\u0000', ''),
              })
            : env.t.app.inject({ method: op.method as 'POST', url, headers, payload: raw }),
        () => `${op.key} raw ${short(raw)} as ${contentType}`,
      );
    },
  );
}
