// Yantai's receipt clock (signDueAt) on an order waiting in our dispatch queue: the deadline scanner raises its
// yellow and red cards once each, pushes them to the dispatchers and supervisors, and stops once the order is
// accepted (pushed live: test/integration/supervision/scanner.test.ts). Monday 2026-11-23, working hours 08:30–12:00 and 13:30–17:30.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildNotice, buildOrder, createYantai, postSigned } from '../../helpers/yantai.js';

const yantai = createYantai();
beforeAll(() => yantai.listen());
afterAll(() => yantai.close());

type Detail = TicketView & {
  events: { action: string; actor: string; data: Record<string, unknown> | null }[];
};

let t: TestApp;
beforeEach(async () => {
  yantai.reset();
  t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
});
afterEach(async () => t.close());

const scan = () => t.app.services.scanner.runOnce();
async function as(who: string) {
  return client(t, await t.login(who));
}
async function receive(overrides: Record<string, unknown> = {}) {
  const order = buildOrder(t, overrides);
  const res = await postSigned(t, '/api/upstream/v1/orders', order);
  expect(res.statusCode, res.body).toBe(200);
  return { orderNo: order.orderNo, ticketNo: (res.json() as { ticketNo: string }).ticketNo };
}
async function detail(no: string) {
  return (await (await as('supervisor1')).get(`/api/tickets/${no}`)).json() as Detail;
}
async function cards(no: string) {
  return (await detail(no)).events
    .filter((e) => e.action === 'yellow' || e.action === 'red')
    .map((e) => `${e.action}/${e.data?.clock}/${e.data?.dueAt}`);
}

describe('the receipt clock of an order from Yantai', () => {
  it('turns yellow at 75 % of its working time, red past signDueAt, each once, also after a restart', async () => {
    // Due Tuesday 09:00: 450 working minutes away, one working day; 75 % of it is Monday 16:07:30.
    const { ticketNo } = await receive({ signDueAt: '2026-11-24T09:00:00+08:00' });
    expect((await detail(ticketNo)).upstreamSignDeadline).toBe('green');

    t.clock.set('2026-11-23T16:05:00+08:00');
    expect(await scan()).toBe(0);
    t.clock.set('2026-11-23T16:10:00+08:00');
    expect(await scan()).toBe(1);
    expect(await scan()).toBe(0);
    const yellow = await detail(ticketNo);
    expect(yellow.upstreamSignDeadline).toBe('yellow');
    expect(yellow.events.at(-1)).toMatchObject({ action: 'yellow', actor: '时限监控' });

    t.clock.set('2026-11-24T09:01:00+08:00');
    expect(await scan()).toBe(1);
    t = await t.restart();
    expect(await scan()).toBe(0);
    expect(await cards(ticketNo)).toEqual([
      'yellow/upstream_sign/2026-11-24T09:00:00.000+08:00',
      'red/upstream_sign/2026-11-24T09:00:00.000+08:00',
    ]);
    const red = await detail(ticketNo);
    expect(red.upstreamSignDeadline).toBe('red');
    // No department holds the order: its red card raises no 督办单.
    expect((await (await as('supervisor1')).get('/api/supervision/items')).json()).toEqual([]);
    // The card changed nothing else of the ticket.
    expect(red.status).toBe('pending_dispatch');
    expect(red.acceptedAt).toBeNull();
  });

  it('stops once the order is accepted, and never runs on our own tickets', async () => {
    const { ticketNo } = await receive({ signDueAt: '2026-11-24T09:00:00+08:00' });
    const accepted = await (await as('dispatcher1')).post(`/api/tickets/${ticketNo}/actions/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((accepted.json() as TicketView).upstreamSignDeadline).toBeNull();
    t.clock.set('2026-11-25T09:00:00+08:00');
    expect(await scan()).toBe(0);
    expect(await cards(ticketNo)).toEqual([]);
  });

  it('warns one working day before a signDueAt further away, counting the weekend out', async () => {
    // Received Thursday 09:00, to be accepted by next Tuesday 09:00: yellow on Monday 09:00.
    t.clock.set('2026-11-26T09:00:00+08:00');
    const { ticketNo } = await receive({
      signDueAt: '2026-12-01T09:00:00+08:00',
      dueAt: '2026-12-10T09:00:00+08:00',
    });
    t.clock.set('2026-11-30T08:59:00+08:00');
    expect(await scan()).toBe(0);
    t.clock.set('2026-11-30T09:00:00+08:00');
    expect(await scan()).toBe(1);
    expect(await cards(ticketNo)).toEqual(['yellow/upstream_sign/2026-12-01T09:00:00.000+08:00']);
  });

  it('warns an urgent order at night on the wall clock', async () => {
    // An urgent order at 20:00 Monday, to be accepted within 2 hours: no working time lies between.
    t.clock.set('2026-11-23T20:00:00+08:00');
    const { ticketNo } = await receive({
      urgency: 'urgent',
      signDueAt: '2026-11-23T22:00:00+08:00',
      dueAt: '2026-11-24T20:00:00+08:00',
    });
    t.clock.set('2026-11-23T21:29:00+08:00');
    expect(await scan()).toBe(0);
    t.clock.set('2026-11-23T21:30:00+08:00');
    expect(await scan()).toBe(1);
    expect((await detail(ticketNo)).upstreamSignDeadline).toBe('yellow');
  });

  it('runs again on the new signDueAt of an order Yantai transfers again', async () => {
    const { orderNo, ticketNo } = await receive({ signDueAt: '2026-11-24T09:00:00+08:00' });
    t.clock.set('2026-11-24T10:00:00+08:00');
    expect(await scan()).toBe(1);
    // Yantai recalls it, then sends it again with a new message and new deadlines.
    const recall = await postSigned(t, '/api/upstream/v1/notices', buildNotice(t, orderNo, 'recall'));
    expect(recall.statusCode, recall.body).toBe(200);
    expect(await scan()).toBe(0);
    const again = await postSigned(
      t,
      '/api/upstream/v1/orders',
      buildOrder(t, { orderNo, signDueAt: '2026-11-25T10:00:00+08:00', dueAt: '2026-12-04T10:00:00+08:00' }),
    );
    expect(again.statusCode, again.body).toBe(200);
    expect((await detail(ticketNo)).upstreamSignDeadline).toBe('green');
    t.clock.set('2026-11-25T10:01:00+08:00');
    expect(await scan()).toBe(1);
    expect(await cards(ticketNo)).toEqual([
      'red/upstream_sign/2026-11-24T09:00:00.000+08:00',
      'red/upstream_sign/2026-11-25T10:00:00.000+08:00',
    ]);
  });

  it('raises its cards again when Yantai sends the order again with the same, already passed signDueAt', async () => {
    const { orderNo, ticketNo } = await receive({ signDueAt: '2026-11-24T09:00:00+08:00' });
    t.clock.set('2026-11-24T10:00:00+08:00');
    expect(await scan()).toBe(1);
    // The red card is settled: the scanner no longer looks at the order, until its clock runs again.
    expect(t.app.services.tickets.ticketsDueForClockScan(t.clock.now())).toEqual([]);
    const recall = await postSigned(t, '/api/upstream/v1/notices', buildNotice(t, orderNo, 'recall'));
    expect(recall.statusCode, recall.body).toBe(200);
    t.clock.set('2026-11-24T11:00:00+08:00');
    const again = await postSigned(
      t,
      '/api/upstream/v1/orders',
      buildOrder(t, { orderNo, signDueAt: '2026-11-24T09:00:00+08:00', dueAt: '2026-12-04T10:00:00+08:00' }),
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(await scan()).toBe(1);
    expect(await scan()).toBe(0);
    expect(await cards(ticketNo)).toEqual([
      'red/upstream_sign/2026-11-24T09:00:00.000+08:00',
      'red/upstream_sign/2026-11-24T09:00:00.000+08:00',
    ]);
  });
});
