import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/core/db.js';
import { createOutboxWorker } from '../../../server/upstream/upstream.worker.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { MINUTE } from '../../helpers/clock.js';
import { buildOrder, createYantai, postSigned } from '../../helpers/yantai.js';

const yantai = createYantai();
beforeAll(() => yantai.listen());
afterAll(() => yantai.close());

let t: TestApp;
beforeEach(async () => {
  yantai.reset();
  t = await buildTestApp({
    start: '2026-11-23T09:00:00+08:00',
    env: {
      UPSTREAM_TIMEOUT_MS: '300',
      UPSTREAM_RETRY_BASE_MS: '1000',
      UPSTREAM_RETRY_CAP_MS: '8000',
      UPSTREAM_RETRY_BUDGET: '6',
    },
  });
});
afterEach(async () => t.close());

const worker = () => t.app.services.upstream!.worker;
const outbox = () =>
  t.database.sqlite
    .prepare('select id, message_id, order_no, kind, state, attempts from upstream_outbox order by id')
    .all() as {
    id: number;
    message_id: string;
    order_no: string;
    kind: string;
    state: string;
    attempts: number;
  }[];

/** An order that has been accepted, dispatched, signed and reported on twice: three messages queued. */
async function busyOrder(order = buildOrder(t)) {
  const { ticketNo } = (await postSigned(t, '/api/upstream/v1/orders', order)).json() as { ticketNo: string };
  const dispatcher = client(t, await t.login('dispatcher1'));
  const zjj = client(t, await t.login('handler.zjj'));
  expect((await dispatcher.post(`/api/tickets/${ticketNo}/actions/accept`)).statusCode).toBe(200);
  await dispatcher.post(`/api/tickets/${ticketNo}/actions/dispatch`, { lead: t.dir.dept.zjj });
  await zjj.post(`/api/tickets/${ticketNo}/actions/sign`);
  for (const note of ['第一次进展：已派员现场查看', '第二次进展：已完成维修']) {
    expect((await zjj.post(`/api/tickets/${ticketNo}/actions/report_progress`, { note })).statusCode).toBe(
      200,
    );
  }
  return { orderNo: order.orderNo, ticketNo };
}

describe('the outbox worker', () => {
  it('keeps delivering other orders while Yantai sits on one order’s message', async () => {
    // Yantai may take up to UPSTREAM_TIMEOUT_MS to answer: give it long enough to sit on a message.
    await t.close();
    t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00', env: { UPSTREAM_TIMEOUT_MS: '10000' } });
    const slowOrder = buildOrder(t);
    const release = yantai.hold(slowOrder.orderNo);
    const slow = await busyOrder(slowOrder);
    const quick = await busyOrder();
    const draining = worker().drain();
    const of = (orderNo: string) => yantai.received.filter((r) => r.body.orderNo === orderNo);
    const deadline = Date.now() + 5_000;
    while (of(quick.orderNo).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    // The quick order's three messages went through, one after another, while the slow one's first waited.
    expect(of(quick.orderNo)).toHaveLength(3);
    expect(of(slow.orderNo)).toHaveLength(0);
    release();
    await draining;
    const slowIds = outbox()
      .filter((m) => m.order_no === slow.orderNo)
      .map((m) => m.message_id);
    expect(of(slow.orderNo).map((r) => r.body.messageId)).toEqual(slowIds); // once each, in order
    expect(outbox().every((m) => m.state === 'delivered')).toBe(true);
  });

  it('delivers every message exactly once and in order per order after Yantai was down and then slow', async () => {
    yantai.setMode('down');
    const orders = [await busyOrder(), await busyOrder(), await busyOrder()];
    await worker().drain();
    expect(outbox().every((m) => m.state === 'pending')).toBe(true);
    expect(outbox().filter((m) => m.attempts > 0)).toHaveLength(3); // only each order's head was tried

    yantai.setMode('timeout');
    t.clock.advance(MINUTE);
    await worker().drain();
    expect(outbox().filter((m) => m.attempts === 2)).toHaveLength(3);

    yantai.setMode('ok');
    for (let i = 0; i < 5 && outbox().some((m) => m.state !== 'delivered'); i++) {
      t.clock.advance(MINUTE);
      await worker().drain();
    }
    expect(outbox().map((m) => m.state)).toEqual(Array(9).fill('delivered'));
    expect(yantai.received).toHaveLength(9);
    for (const { orderNo } of orders) {
      const got = yantai.received.filter((r) => r.body.orderNo === orderNo);
      expect(got.map((r) => r.path)).toEqual(['/receipts', '/progress', '/progress']);
      expect(got.map((r) => r.body.note ?? null)).toEqual([
        null,
        '第一次进展：已派员现场查看',
        '第二次进展：已完成维修',
      ]);
    }
    // The messageId is the one stored with the message, kept across every retry.
    expect(yantai.received.map((r) => r.body.messageId).sort()).toEqual(
      outbox()
        .map((m) => m.message_id)
        .sort(),
    );
    expect(yantai.received.every((r) => r.validSignature)).toBe(true);
  });

  it('dead-letters after the budget, holds later messages of that order, and delivers on a manual retry', async () => {
    await t.close();
    t = await buildTestApp({
      env: { UPSTREAM_RETRY_BUDGET: '3', UPSTREAM_RETRY_BASE_MS: '1000', UPSTREAM_RETRY_CAP_MS: '4000' },
    });
    yantai.setMode('down');
    const { orderNo } = await busyOrder();
    for (let i = 0; i < 4; i++) {
      await worker().drain();
      t.clock.advance(MINUTE);
    }
    expect(outbox().map((m) => [m.kind, m.state, m.attempts])).toEqual([
      ['receipt', 'dead', 3],
      ['progress', 'pending', 0],
      ['progress', 'pending', 0],
    ]);

    const supervisor = client(t, await t.login('supervisor1'));
    const dead = await supervisor.get('/api/upstream/outbox?state=dead');
    expect(dead.statusCode).toBe(200);
    const [letter] = dead.json() as { id: number; orderNo: string; attempts: number; lastError: string }[];
    expect(letter).toMatchObject({ orderNo, attempts: 3, lastError: expect.stringContaining('503') });
    const handler = client(t, await t.login('handler.zjj'));
    expect((await handler.get('/api/upstream/outbox?state=dead')).statusCode).toBe(403);

    yantai.setMode('ok');
    const retried = await supervisor.post(`/api/upstream/outbox/${letter!.id}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ state: 'pending', attempts: 0 });
    await worker().drain();
    expect(yantai.received.map((r) => r.path)).toEqual(['/receipts', '/progress', '/progress']);
    expect((await supervisor.post(`/api/upstream/outbox/${letter!.id}/retry`)).statusCode).toBe(409);
    expect((await supervisor.post('/api/upstream/outbox/99999/retry')).statusCode).toBe(404);
  });

  it('counts only a 2xx with code 0 as delivered', async () => {
    yantai.setMode('code1');
    await busyOrder();
    await worker().drain();
    expect(outbox()[0]).toMatchObject({ state: 'pending', attempts: 1 });
  });

  it('delivers after a restart what was committed but not yet sent', async () => {
    await worker().stop(); // the worker dies between commit and send
    const { orderNo } = await busyOrder();
    expect(yantai.received).toHaveLength(0);
    expect(outbox().map((m) => m.state)).toEqual(['pending', 'pending', 'pending']);

    t = await t.restart();
    await worker().drain();
    expect(yantai.received.map((r) => [r.path, r.body.orderNo])).toEqual([
      ['/receipts', orderNo],
      ['/progress', orderNo],
      ['/progress', orderNo],
    ]);
  });

  it('takes back a message whose sender died mid-send once its lease runs out', async () => {
    await worker().stop();
    await busyOrder();
    // A sender on another node claimed the receipt and vanished.
    t.database.sqlite
      .prepare("update upstream_outbox set state = 'sending', attempts = 1, lease_until = ? where id = 1")
      .run(t.clock.now() + 40_000);
    t = await t.restart();
    await worker().drain();
    expect(yantai.received).toHaveLength(0);
    t.clock.advance(MINUTE);
    await worker().drain();
    expect(yantai.received.map((r) => r.path)).toEqual(['/receipts', '/progress', '/progress']);
  });

  it('never lets two workers on one database send the same message, while both are sending', async () => {
    // The app's own worker stays out of it; two more, each on its own connection to the same file, contend.
    await worker().stop();
    const orders: { orderNo: string }[] = [];
    // More orders than one worker keeps on the way (8), so that the second one has heads to claim at once.
    for (let i = 0; i < 12; i++) orders.push(await busyOrder());
    const ids = outbox().map((m) => m.message_id);
    expect(ids).toHaveLength(36);
    yantai.setMode('slow');
    const contenders = [0, 1].map(() => {
      const database = openDatabase(t.config.databasePath);
      const delivered: string[] = [];
      const log = pino(
        new Writable({
          write(chunk: Buffer, _enc, done) {
            const line = JSON.parse(chunk.toString('utf8')) as { msg: string; messageId?: string };
            if (line.msg === 'upstream message delivered') delivered.push(line.messageId!);
            done();
          },
        }),
      );
      const w = createOutboxWorker({ db: database.db, clock: t.clock, config: t.config.upstream!, log });
      return { database, delivered, worker: w };
    });
    try {
      const draining = contenders.map((c) => c.worker.drain());
      // Both claimed at once: 8 messages on the way from one, the 4 other orders' heads from the other.
      expect(outbox().filter((m) => m.state === 'sending')).toHaveLength(12);
      await Promise.all(draining);

      expect(outbox().every((m) => m.state === 'delivered')).toBe(true);
      // Yantai got every message exactly once.
      const received = new Map<string, number>();
      for (const r of yantai.received)
        received.set(String(r.body.messageId), (received.get(String(r.body.messageId)) ?? 0) + 1);
      expect([...received.keys()].sort()).toEqual([...ids].sort());
      expect([...received.values()].every((n) => n === 1)).toBe(true);
      // Each worker delivered some, none the same, and between them all.
      const [a, b] = contenders.map((c) => c.delivered);
      expect(a!.length).toBeGreaterThan(0);
      expect(b!.length).toBeGreaterThan(0);
      expect(a!.filter((id) => b!.includes(id))).toEqual([]);
      expect([...a!, ...b!].sort()).toEqual([...ids].sort());
      for (const { orderNo } of orders) {
        expect(yantai.received.filter((r) => r.body.orderNo === orderNo).map((r) => r.path)).toEqual([
          '/receipts',
          '/progress',
          '/progress',
        ]);
      }
    } finally {
      for (const c of contenders) {
        await c.worker.stop();
        c.database.close();
      }
    }
  });
});
