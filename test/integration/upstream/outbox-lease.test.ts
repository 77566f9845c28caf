import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../server/app.js';
import { type DatabaseHandle, openDatabase } from '../../../server/core/db.js';
import { outboxRepo } from '../../../server/upstream/upstream.outbox.js';
import { buildTestApp, cheapHasher, client, type TestApp, YANTAI_URL } from '../../helpers/app.js';
import { HOUR, MINUTE } from '../../helpers/clock.js';
import { buildOrder, postSigned } from '../../helpers/yantai.js';

/*
 * A sender whose send outlives its lease (UPSTREAM_TIMEOUT_MS + 30 s, e.g. an event-loop stall) loses the
 * message to another worker; its late result must not undo what that worker did. Yantai is played here by a
 * handler that can sit on one request until the test answers it, which the shared one (helpers/yantai.ts)
 * cannot do per request.
 */

type Verdict = 'ok' | 'fail';
interface Arrival {
  path: string;
  messageId: string;
  answer(v: Verdict): void;
}
const arrivals: Arrival[] = [];
/** How Yantai answers the n-th request (1-based): at once, or only when the test calls `answer`. */
let policy: (n: number) => Verdict | 'hold' = () => 'ok';

const yantai = setupServer(
  http.post(`${YANTAI_URL}/:kind`, async ({ request, params }) => {
    const body = (await request.json()) as { messageId: string };
    let answer!: (v: Verdict) => void;
    const verdict = new Promise<Verdict>((resolve) => {
      answer = resolve;
    });
    arrivals.push({ path: `/${String(params.kind)}`, messageId: body.messageId, answer });
    const now = policy(arrivals.length);
    if (now !== 'hold') answer(now);
    return (await verdict) === 'ok'
      ? HttpResponse.json({ code: 0 })
      : HttpResponse.json({ code: 503, message: 'maintenance' }, { status: 503 });
  }),
);
beforeAll(() => yantai.listen({ onUnhandledRequest: 'error' }));
afterAll(() => yantai.close());

let t: TestApp;
let logs: string[];
/** A second server on the same database file: the worker that takes a message over. */
let other: { app: App; database: DatabaseHandle } | null = null;

async function setup(env: Record<string, string> = {}) {
  logs = [];
  t = await buildTestApp({
    start: '2026-11-23T09:00:00+08:00',
    env: {
      LOG_LEVEL: 'warn',
      // Long enough that the held request is not aborted by the sender's own timeout during the test.
      UPSTREAM_TIMEOUT_MS: '10000',
      UPSTREAM_RETRY_BASE_MS: '1000',
      UPSTREAM_RETRY_CAP_MS: '8000',
      ...env,
    },
    logStream: { write: (line: string) => void logs.push(line) },
  });
  const database = openDatabase(t.config.databasePath);
  other = {
    database,
    app: await buildApp({
      config: { ...t.config, logLevel: 'silent' },
      database,
      clock: t.clock,
      passwords: cheapHasher,
    }),
  };
}

beforeEach(() => {
  arrivals.length = 0;
  policy = () => 'ok';
});
afterEach(async () => {
  // Let go of anything still held so that both workers can stop.
  for (const a of arrivals) a.answer('fail');
  if (other) {
    await other.app.close();
    other.database.close();
    other = null;
  }
  await t.close();
});

/** Worker A: the app's own, woken by every commit. Worker B: the other server's. */
const workerA = () => t.app.services.upstream!.worker;
const workerB = () => other!.app.services.upstream!.worker;

type Row = {
  id: number;
  message_id: string;
  kind: string;
  state: string;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_error: string | null;
  delivered_at: number | null;
};
const outbox = () =>
  t.database.sqlite
    .prepare(
      `select id, message_id, kind, state, attempts, next_attempt_at, lease_until, last_error, delivered_at
       from upstream_outbox order by id`,
    )
    .all() as Row[];

async function until(check: () => boolean, what: string, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** An order from Yantai accepted by a dispatcher: its receipt is queued and worker A starts sending it. */
async function acceptedOrder() {
  const order = buildOrder(t);
  const { ticketNo } = (await postSigned(t, '/api/upstream/v1/orders', order)).json() as { ticketNo: string };
  const dispatcher = client(t, await t.login('dispatcher1'));
  expect((await dispatcher.post(`/api/tickets/${ticketNo}/actions/accept`)).statusCode).toBe(200);
  return { orderNo: order.orderNo, ticketNo, dispatcher };
}

/** Worker A's send of the receipt is on the way and held; the clock then runs past its lease. */
async function aStalledPastItsLease() {
  await until(() => arrivals.length === 1, "worker A's send");
  expect(outbox()[0]).toMatchObject({ kind: 'receipt', state: 'sending', attempts: 1 });
  t.clock.advance(MINUTE); // the lease was 10 s + 30 s
}

describe('outbox results and the sender’s lease', () => {
  it('drops a late failure from a sender that lost its lease: the message the new owner delivered stays delivered', async () => {
    await setup();
    policy = (n) => (n === 1 ? 'hold' : 'ok');
    await acceptedOrder();
    await aStalledPastItsLease();

    // Worker B takes the message back, sends it and Yantai takes it.
    await workerB().drain();
    const deliveredAt = t.clock.now();
    expect(outbox()[0]).toMatchObject({ state: 'delivered', attempts: 2, delivered_at: deliveredAt });

    // Worker A's stalled send now fails: its result must not touch the row.
    t.clock.advance(1_000);
    arrivals[0]!.answer('fail');
    await workerA().drain();
    expect(outbox()[0]).toMatchObject({
      state: 'delivered',
      attempts: 2,
      delivered_at: deliveredAt,
      lease_until: null,
      last_error: null,
    });
    expect(logs.some((l) => l.includes('upstream failure result dropped: lease lost'))).toBe(true);

    // And it is never sent again.
    t.clock.advance(HOUR);
    await workerA().drain();
    await workerB().drain();
    expect(arrivals).toHaveLength(2);
    expect(new Set(arrivals.map((a) => a.messageId)).size).toBe(1); // the same message, twice: Yantai dedups
  });

  it('keeps a manual retry’s fresh budget and due time when the stale sender’s failure arrives afterwards', async () => {
    await setup({ UPSTREAM_RETRY_BUDGET: '2' });
    policy = (n) => (n === 1 ? 'hold' : n === 2 ? 'fail' : 'ok');
    await acceptedOrder();
    await aStalledPastItsLease();

    // Worker B takes it over and fails: that was the last attempt of the budget.
    await workerB().drain();
    expect(outbox()[0]).toMatchObject({ state: 'dead', attempts: 2 });

    // A supervisor sends it again by hand while worker A's send is still on the way.
    const supervisor = client(t, await t.login('supervisor1'));
    const retried = await supervisor.post(`/api/upstream/outbox/${outbox()[0]!.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ state: 'pending', attempts: 0 });
    const retriedAt = t.clock.now();

    // Worker A's stale failure is dropped: it neither pushes the retry back nor spends its fresh budget.
    arrivals[0]!.answer('fail');
    await until(() => logs.some((l) => l.includes('upstream failure result dropped')), 'the dropped result');
    // Worker A is free again and sends the retried message at once: it is due now, not after a backoff.
    await workerA().drain();
    expect(outbox()[0]).toMatchObject({ state: 'delivered', attempts: 1, delivered_at: retriedAt });
    expect(arrivals).toHaveLength(3);
  });

  it('records a late success from a sender that lost its lease as delivered, even over a dead letter', async () => {
    await setup({ UPSTREAM_RETRY_BUDGET: '2' });
    policy = (n) => (n === 1 ? 'hold' : 'fail');
    const { ticketNo } = await acceptedOrder();
    // Two more messages of the same order wait behind the receipt.
    const zjj = client(t, await t.login('handler.zjj'));
    const dispatcher = client(t, await t.login('dispatcher1'));
    await dispatcher.post(`/api/tickets/${ticketNo}/actions/dispatch`, { lead: t.dir.dept.zjj });
    await zjj.post(`/api/tickets/${ticketNo}/actions/sign`);
    expect(
      (await zjj.post(`/api/tickets/${ticketNo}/actions/report_progress`, { note: '已派员现场查看' }))
        .statusCode,
    ).toBe(200);
    await aStalledPastItsLease();

    await workerB().drain();
    expect(outbox().map((m) => [m.kind, m.state, m.attempts])).toEqual([
      ['receipt', 'dead', 2],
      ['progress', 'pending', 0],
    ]);

    // Yantai did take worker A's copy: the message is delivered, whoever holds the row now.
    policy = () => 'ok';
    arrivals[0]!.answer('ok');
    await workerA().drain();
    expect(outbox()[0]).toMatchObject({ state: 'delivered', lease_until: null, last_error: null });
    expect(logs.some((l) => l.includes('delivered after its lease was lost'))).toBe(true);
    // It no longer holds up its order, and it is not sent again.
    expect(outbox().map((m) => m.state)).toEqual(['delivered', 'delivered']);
    expect(arrivals.map((a) => a.path)).toEqual(['/receipts', '/receipts', '/progress']);
    const supervisor = client(t, await t.login('supervisor1'));
    expect((await supervisor.post(`/api/upstream/outbox/${outbox()[0]!.id}/retry`)).statusCode).toBe(409);
  });
});

describe('the outbox lease in the repository', () => {
  it('lets only the current claim settle a message, and a delivery stand whoever claimed it', async () => {
    await setup();
    await workerA().stop(); // nothing sends on its own here
    await acceptedOrder();
    const { db } = t.database;
    const id = outboxRepo.list(db, {}, 10)[0]!.id;
    const now = t.clock.now();

    const first = outboxRepo.claim(db, id, now + 40_000);
    expect(first).toEqual({ id, leaseUntil: now + 40_000, attempts: 1 });
    expect(outboxRepo.claim(db, id, now + 40_000)).toBeNull(); // already taken

    // Past its lease but not taken back by anyone: the sender still owns it.
    const at = now + MINUTE;
    expect(outboxRepo.failed(db, first!, 'HTTP 503', { dead: false, at })).toBe(true);
    expect(outboxRepo.byId(db, id)).toMatchObject({ state: 'pending', attempts: 1, nextAttemptAt: at });

    // Claimed again, then taken back after its lease and claimed by another worker.
    const second = outboxRepo.claim(db, id, at + 40_000)!;
    expect(outboxRepo.reclaimExpired(db, at + 40_001)).toBe(1);
    const third = outboxRepo.claim(db, id, at + 80_001)!;
    expect(third.attempts).toBe(3);
    expect(outboxRepo.failed(db, second, 'late', { dead: true, at })).toBe(false);
    expect(outboxRepo.byId(db, id)).toMatchObject({ state: 'sending', attempts: 3, leaseUntil: at + 80_001 });

    // A stale delivery is still a delivery; the owner's own result afterwards is then dropped.
    expect(outboxRepo.delivered(db, second, at + 50_000)).toBe('late');
    expect(outboxRepo.byId(db, id)).toMatchObject({
      state: 'delivered',
      deliveredAt: at + 50_000,
      leaseUntil: null,
    });
    expect(outboxRepo.failed(db, third, 'HTTP 503', { dead: false, at })).toBe(false);
    expect(outboxRepo.delivered(db, third, at + 60_000)).toBe('dropped');
    expect(outboxRepo.byId(db, id)).toMatchObject({
      state: 'delivered',
      deliveredAt: at + 50_000,
      attempts: 3,
    });
  });
});
