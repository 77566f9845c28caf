// The fuzz harness: one real app with fixtures in many states, a token per role, a snapshot of every
// table, and the checks every refused request must pass. Used by test/security/fuzz/*.test.ts and by
// test/bench/fuzz.ts (the long run), so both run the same properties.
import { createHash, randomBytes } from 'node:crypto';
import type fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { toIso } from '../../../server/core/clock.js';
import { signatureOf } from '../../../server/upstream/upstream.signature.js';
import { buildTestApp, client, PASSWORD, type TestApp, YANTAI_SECRET } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';
import { buildOrder } from '../../helpers/yantai.js';

/** The base number of runs in `npm test`; `FUZZ_RUNS=500` for more. `FUZZ_SEED` replays a reported failure. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 20);

/**
 * Runs of each property, as multiples of FUZZ_RUNS: the vitest files and `test/bench/fuzz.ts` (which
 * multiplies them again) use the same table.
 */
export const RUNS = {
  /** Per documented operation. */
  operation: 1,
  rawBodies: 8,
  signedOrders: 8,
  signedNotices: 8,
  signedRaw: 3,
  invalidFrames: 8,
  frameSequences: 2,
  handshakes: 6,
  emits: 2,
} as const;

/** fast-check parameters for `runs` runs; fc.assert reports seed and path of any counterexample. */
export function fuzzParams(runs: number): fc.Parameters<unknown> {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  return { numRuns: runs, ...(seed === undefined ? {} : { seed }), endOnFailure: true };
}

export const LOGINS = {
  admin: 'admin',
  operator: 'operator1',
  dispatcher: 'dispatcher1',
  supervisor: 'supervisor1',
  handler: 'handler.zjj',
  town: 'handler.ljgz',
  village: 'handler.ljgzA',
} as const;
export type Who = keyof typeof LOGINS;

export interface Snapshot {
  counts: Record<string, number>;
  digests: Record<string, string>;
  seq: number;
}

export interface Fixtures {
  /** Ticket numbers by the state they were left in. */
  tickets: Record<string, string>;
  upstreamOrderNos: string[];
  departmentIds: number[];
  categoryIds: number[];
  knowledgeIds: number[];
  victimUserIds: number[];
  operatorUserIds: number[];
  callIds: string[];
  callbackIds: number[];
  supervisionItemIds: number[];
  outboxIds: number[];
  dates: string[];
}

export interface FuzzEnv {
  t: TestApp;
  url: string | null;
  tokens: Record<Who, string>;
  fx: Fixtures;
  /** Inputs tried per surface (the bench prints them). */
  tried: Map<string, number>;
  /** Of those, the ones the server accepted (2xx) per surface. */
  accepted: Map<string, number>;
  /** Uncaught exceptions and unhandled rejections seen while fuzzing: any is a crash. */
  crashes: unknown[];
  /** Error-level log lines (an unhandled error, a CTI frame that failed): any is a bug. */
  errorLogs: string[];
  snapshot(): Snapshot;
  /** Throws, naming the table, when a refused request changed any row. */
  expectUnchanged(before: Snapshot, what: string): void;
  /** A fresh session token for `who` (for logout, which ends the session it is called with). */
  freshToken(who: Who): Promise<string>;
  /** Restores the fixture sessions if an accepted request ended one. */
  heal(): Promise<void>;
  count(surface: string, n?: number): void;
  close(): Promise<void>;
}

/**
 * Builds the app (listening when `listen`), logs in every role and leaves tickets in many states, an
 * upstream order with an outbox message (one dead), a 督办单, an abandoned call with its callback task,
 * spare departments, categories and users to be changed by the fuzz, and a calendar override.
 */
export async function buildFuzzEnv(opts: { listen?: boolean; env?: Record<string, string> } = {}) {
  const errorLogs: string[] = [];
  const t = await buildTestApp({
    env: { LOG_LEVEL: 'error', ...opts.env },
    logStream: {
      write(line: string) {
        if ((JSON.parse(line) as { level: number }).level >= 50) errorLogs.push(line);
      },
    },
  });
  // Outbound delivery would retry in the background and change outbox rows between two snapshots.
  await t.app.services.upstream?.worker.stop();
  const url = opts.listen ? await t.app.listen({ port: 0, host: '127.0.0.1' }) : null;
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => crashes.push(err);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  const tokens = {} as Record<Who, string>;
  for (const [who, login] of Object.entries(LOGINS)) tokens[who as Who] = await t.login(login);
  const fx = await buildFixtures(t, tokens);
  const sqlite = t.database.sqlite;
  const tables = (
    sqlite.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as {
      name: string;
    }[]
  ).map((r) => r.name);

  let healLogins = 0;
  const env: FuzzEnv = {
    t,
    url,
    tokens,
    fx,
    tried: new Map(),
    accepted: new Map(),
    crashes,
    errorLogs,
    snapshot() {
      const counts: Record<string, number> = {};
      const digests: Record<string, string> = {};
      for (const name of tables) {
        const rows = sqlite.prepare(`select * from "${name}"`).raw().all();
        counts[name] = rows.length;
        digests[name] = createHash('sha1').update(JSON.stringify(rows)).digest('hex');
      }
      const seq = (
        sqlite.prepare('select coalesce(max(seq), 0) as s from ticket_events').get() as { s: number }
      ).s;
      return { counts, digests, seq };
    },
    expectUnchanged(before, what) {
      const after = env.snapshot();
      // A signed Yantai request uses up its nonce even when refused (DESIGN §5): one nonce row may be added.
      const usedNonce = (n: string) =>
        n === 'upstream_nonces' && after.counts[n] === (before.counts[n] ?? 0) + 1;
      const changed = tables.filter(
        (n) =>
          (before.counts[n] !== after.counts[n] || before.digests[n] !== after.digests[n]) && !usedNonce(n),
      );
      if (changed.length > 0 || before.seq !== after.seq) {
        const detail = changed.map((n) => `${n}: ${before.counts[n]} → ${after.counts[n]} rows`).join(', ');
        throw new Error(
          `partial write after a refused request (${what}): ${detail || 'rows changed'}; seq ${before.seq} → ${after.seq}`,
        );
      }
    },
    async freshToken(who) {
      healLogins += 1;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        // Its own address: the fuzz's failed logins must not lock out the harness.
        remoteAddress: `10.9.${Math.floor(healLogins / 250) % 250}.${healLogins % 250}`,
        payload: { username: LOGINS[who], password: PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`harness login ${who}: ${res.statusCode} ${res.body}`);
      return (res.json() as { token: string }).token;
    },
    async heal() {
      for (const who of Object.keys(LOGINS) as Who[]) {
        if (!t.app.services.auth.resolve(tokens[who])) tokens[who] = await env.freshToken(who);
      }
    },
    count(surface, n = 1) {
      env.tried.set(surface, (env.tried.get(surface) ?? 0) + n);
    },
    async close() {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
      await t.close();
    },
  };
  return env;
}

async function buildFixtures(t: TestApp, tokens: Record<Who, string>): Promise<Fixtures> {
  const as = (who: Who) => client(t, tokens[who]);
  const ok = async (res: Promise<LightMyRequestResponse>, what: string) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`fixture ${what}: ${r.statusCode} ${r.body}`);
    return r.json() as Record<string, unknown>;
  };
  const register = async () =>
    (await ok(as('operator').post('/api/tickets', buildTicketInput()), 'register')).no as string;
  const act = (who: Who, no: string, action: string, body: object = {}) =>
    ok(as(who).post(`/api/tickets/${no}/actions/${action}`, body), `${action} ${no}`);
  const { dept } = t.dir;

  const tickets: Record<string, string> = {};
  tickets.registered = await register();
  tickets.pending_dispatch = await register();
  await act('operator', tickets.pending_dispatch, 'submit');
  tickets.dispatched = await register();
  await act('operator', tickets.dispatched, 'submit');
  await act('dispatcher', tickets.dispatched, 'dispatch', { lead: dept.zjj, assists: [dept.scjg] });
  tickets.in_progress = await register();
  await act('operator', tickets.in_progress, 'submit');
  await act('dispatcher', tickets.in_progress, 'dispatch', { lead: dept.zjj });
  await act('handler', tickets.in_progress, 'sign');
  await act('handler', tickets.in_progress, 'request_extension', { days: 3, reason: '需要现场勘查' });
  tickets.town = await register();
  await act('operator', tickets.town, 'submit');
  await act('dispatcher', tickets.town, 'dispatch', { lead: dept.ljgz });
  await act('town', tickets.town, 'sign');
  await act('town', tickets.town, 'pass_down', { departmentId: dept.ljgzA });
  tickets.replied = await register();
  await act('operator', tickets.replied, 'submit');
  await act('dispatcher', tickets.replied, 'dispatch', { lead: dept.zjj });
  await act('handler', tickets.replied, 'sign');
  await act('handler', tickets.replied, 'reply', { publicReply: '已处理', solved: true });
  tickets.pending_revisit = await register();
  await act('operator', tickets.pending_revisit, 'submit');
  await act('dispatcher', tickets.pending_revisit, 'dispatch', { lead: dept.zjj });
  await act('handler', tickets.pending_revisit, 'sign');
  await act('handler', tickets.pending_revisit, 'reply', { publicReply: '已处理', solved: true });
  await act('supervisor', tickets.pending_revisit, 'approve_reply');
  tickets.return_requested = await register();
  await act('operator', tickets.return_requested, 'submit');
  await act('dispatcher', tickets.return_requested, 'dispatch', { lead: dept.zjj });
  await act('handler', tickets.return_requested, 'request_return', { reason: '不属于本单位职责' });
  tickets.closed = await register();
  await act('operator', tickets.closed, 'reject', { reason: '属于诉讼事项' });
  tickets.supervised = await register();
  await act('operator', tickets.supervised, 'submit');
  await act('dispatcher', tickets.supervised, 'dispatch', { lead: dept.zjj });
  await act('supervisor', tickets.supervised, 'supervise', { message: '请加快办理' });

  // An upstream order, accepted (a receipt in the outbox), and a second one left waiting.
  const order = buildOrder(t);
  const order2 = buildOrder(t);
  const upstreamOrderNos = [order.orderNo, order2.orderNo];
  for (const o of [order, order2]) {
    const res = await postSignedRaw(t, '/api/upstream/v1/orders', JSON.stringify(o));
    if (res.statusCode !== 200) throw new Error(`fixture order: ${res.statusCode} ${res.body}`);
  }
  tickets.upstream = t.app.services.tickets.findByOrderNo(order.orderNo)!.no;
  tickets.upstream2 = t.app.services.tickets.findByOrderNo(order2.orderNo)!.no;
  await act('dispatcher', tickets.upstream, 'accept');
  const sqlite = t.database.sqlite;
  const outboxIds = (
    sqlite.prepare('select id from upstream_outbox order by id').all() as { id: number }[]
  ).map((r) => r.id);
  if (outboxIds[0] !== undefined)
    sqlite.prepare(`update upstream_outbox set state = 'dead' where id = ?`).run(outboxIds[0]);

  const supervisionItemIds = (
    sqlite.prepare('select id from supervision_items').all() as { id: number }[]
  ).map((r) => r.id);

  // An abandoned call in the IVR: a call record and its callback task.
  const callId = `fx-call-${randomBytes(4).toString('hex')}`;
  const { calls } = t.app.services;
  calls.handle({
    type: 'call.offered',
    callId,
    from: '13900009999',
    to: '12345',
    at: toIso(t.clock.now()),
  });
  calls.handle({ type: 'call.ended', callId, reason: 'caller_hangup', at: toIso(t.clock.now()) });
  const callbackIds = (sqlite.prepare('select id from callback_tasks').all() as { id: number }[]).map(
    (r) => r.id,
  );

  const { directory } = t.app.services;
  const spare = directory.createDepartment({ code: 'fuzz-dept', name: '测试部门', level: 'city' });
  const spareVillage = directory.createDepartment({
    code: 'fuzz-village',
    name: '测试村',
    level: 'village',
    parentId: t.dir.dept.dzjd,
  });
  const spareCat = directory.createCategory({ code: 'FZ01', name: '测试分类' });
  const article = t.app.services.knowledge.create(t.user('admin'), { title: '测试知识', answer: '测试答复' });
  const hash = await t.app.services.passwords.hash(PASSWORD);
  const victims = [];
  for (const [username, role, departmentId] of [
    ['victim.a', 'operator', undefined],
    ['victim.b', 'handler', spare.id],
  ] as const) {
    victims.push(
      (
        await directory.createUser({
          username,
          displayName: username,
          role,
          departmentId,
          password: { hash },
        })
      ).id,
    );
  }
  await ok(as('admin').put('/api/calendar/days/2026-12-05', { work: true, note: '调休' }), 'calendar');

  return {
    tickets,
    upstreamOrderNos,
    departmentIds: [spare.id, spareVillage.id],
    categoryIds: [spareCat.id],
    knowledgeIds: [article.id],
    victimUserIds: victims,
    operatorUserIds: [t.user('operator2').id, victims[0]!],
    callIds: [callId],
    callbackIds,
    supervisionItemIds,
    outboxIds,
    dates: ['2026-12-05', '2026-10-01', '2027-01-01'],
  };
}

/** POSTs raw bytes to a Yantai endpoint with a VALID signature over exactly those bytes. */
export function postSignedRaw(
  t: TestApp,
  path: string,
  raw: string | Buffer,
  opts: { contentType?: string | null; nonce?: string } = {},
) {
  const timestamp = String(t.clock.now());
  const nonce = opts.nonce ?? randomBytes(12).toString('hex');
  const headers: Record<string, string> = {
    'x-timestamp': timestamp,
    'x-nonce': nonce,
    'x-signature': signatureOf(YANTAI_SECRET, timestamp, nonce, raw),
  };
  if (opts.contentType !== null) headers['content-type'] = opts.contentType ?? 'application/json';
  return t.app.inject({ method: 'POST', url: path, headers, payload: raw });
}

/**
 * What every answer to bad input must be: below 500, and when refused a JSON error
 * `{statusCode, code, message, field?}` whose statusCode is the HTTP status; a 400 names the field.
 * Returns the problem, or null.
 */
export function problemWith(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `answered ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  if (!String(res.headers['content-type'] ?? '').startsWith('application/json'))
    return `error ${res.statusCode} is not JSON (${res.headers['content-type']})`;
  let body: Record<string, unknown>;
  try {
    body = res.json() as Record<string, unknown>;
  } catch {
    return `error ${res.statusCode} body is not JSON: ${res.body.slice(0, 200)}`;
  }
  if (body.statusCode !== res.statusCode)
    return `error body statusCode ${String(body.statusCode)} ≠ ${res.statusCode}`;
  if (typeof body.code !== 'string' || body.code === '') return `error ${res.statusCode} without a code`;
  if (typeof body.message !== 'string') return `error ${res.statusCode} without a message`;
  if ('field' in body && typeof body.field !== 'string') return `error field is not a string`;
  if (res.statusCode === 400 && (typeof body.field !== 'string' || body.field === ''))
    return `400 without a field: ${res.body.slice(0, 200)}`;
  return null;
}

/**
 * Sends one fuzzed request and checks it: no 5xx, the documented error shape, nothing written when it
 * was refused, and the fixture sessions restored when an accepted request ended one.
 */
export async function checkRequest(
  env: FuzzEnv,
  surface: string,
  send: () => Promise<LightMyRequestResponse>,
  describe: () => string,
): Promise<LightMyRequestResponse> {
  env.count(surface);
  env.errorLogs.length = 0;
  const before = env.snapshot();
  const res = await send();
  const problem = problemWith(res);
  if (problem) throw new Error(`${describe()}: ${problem}`);
  if (res.statusCode >= 400) env.expectUnchanged(before, describe());
  else {
    env.accepted.set(surface, (env.accepted.get(surface) ?? 0) + 1);
    await env.heal();
  }
  assertNoCrash(env, describe);
  return res;
}

/** Throws when the process saw an uncaught exception or the server logged an error since the last check. */
export function assertNoCrash(env: FuzzEnv, describe: () => string): void {
  if (env.crashes.length > 0) throw new Error(`${describe()}: crash: ${String(env.crashes[0])}`);
  const logged = env.errorLogs.splice(0);
  if (logged.length > 0)
    throw new Error(`${describe()}: the server logged an error: ${logged[0]!.slice(0, 1500)}`);
}
