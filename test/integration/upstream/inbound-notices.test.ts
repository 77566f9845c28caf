import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { client } from '../../helpers/app.js';
import { buildNotice, buildOrder, postSigned } from '../../helpers/yantai.js';
import { snapshot, t, useInboundApp, work } from './inbound-setup.js';

useInboundApp();

describe('notices', () => {
  async function order() {
    const o = buildOrder(t);
    const { ticketNo } = (await postSigned(t, '/api/upstream/v1/orders', o)).json() as { ticketNo: string };
    return { orderNo: o.orderNo, ticketNo };
  }

  it('answers 404 for an unknown orderNo', async () => {
    const res = await postSigned(t, '/api/upstream/v1/notices', buildNotice(t, 'YT-NOPE', 'urge'));
    expect(res.statusCode).toBe(404);
  });

  it('records urging and supervision with the reason, and a repeated messageId changes nothing', async () => {
    const { orderNo, ticketNo } = await order();
    const urge = buildNotice(t, orderNo, 'urge', { reason: '市民多次来电催问' });
    expect((await postSigned(t, '/api/upstream/v1/notices', urge)).statusCode).toBe(200);
    const before = snapshot();
    const again = await postSigned(t, '/api/upstream/v1/notices', urge);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ code: 0, ticketNo });
    expect(snapshot().events).toEqual(before.events);
    expect(
      (await postSigned(t, '/api/upstream/v1/notices', buildNotice(t, orderNo, 'supervise'))).statusCode,
    ).toBe(200);

    const supervisor = client(t, await t.login('supervisor1'));
    const ticket = (await supervisor.get(`/api/tickets/${ticketNo}`)).json() as TicketView & {
      events: { action: string; note: string | null }[];
    };
    expect(ticket.counters).toMatchObject({ urges: 1, supervisions: 1 });
    expect(ticket.events.map((e) => e.action)).toEqual(['register', 'urge', 'supervise']);
    expect(ticket.events[1]?.note).toBe('市民多次来电催问');
  });

  it('cancels a recalled order', async () => {
    const { orderNo, ticketNo } = await order();
    expect(
      (await postSigned(t, '/api/upstream/v1/notices', buildNotice(t, orderNo, 'recall'))).statusCode,
    ).toBe(200);
    const supervisor = client(t, await t.login('supervisor1'));
    expect(((await supervisor.get(`/api/tickets/${ticketNo}`)).json() as TicketView).status).toBe(
      'cancelled',
    );
    const late = await postSigned(t, '/api/upstream/v1/notices', buildNotice(t, orderNo, 'urge'));
    expect(late.statusCode).toBe(409);
  });

  it('answers 409 for a close while the order is still being handled', async () => {
    const { orderNo } = await order();
    const res = await postSigned(t, '/api/upstream/v1/notices', buildNotice(t, orderNo, 'close'));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ state: 'pending_dispatch' });
  });

  it('refuses a rework due in the past or years away (400 naming dueAt), changing nothing but its nonce', async () => {
    const { orderNo, ticketNo } = await order();
    const dispatcher = client(t, await t.login('dispatcher1'));
    const before = work();
    for (const dueAt of ['2020-01-01T00:00:00+08:00', '9999-12-31T23:00:00Z']) {
      const res = await postSigned(
        t,
        '/api/upstream/v1/notices',
        buildNotice(t, orderNo, 'rework', { dueAt }),
      );
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ field: 'dueAt' });
    }
    expect(work()).toEqual(before);
    expect((await dispatcher.get(`/api/tickets/${ticketNo}`)).statusCode).toBe(200);
  });

  it('needs the new due time on a rework (400 naming dueAt)', async () => {
    const { orderNo } = await order();
    const res = await postSigned(t, '/api/upstream/v1/notices', buildNotice(t, orderNo, 'rework'));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'dueAt' });
  });
});
