import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildNotice, buildOrder, createYantai, postSigned } from '../../helpers/yantai.js';

const yantai = createYantai();
beforeAll(() => yantai.listen());
afterAll(() => yantai.close());

let t: TestApp;
let as: Record<string, ReturnType<typeof client>>;
beforeEach(async () => {
  yantai.reset();
  t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
  as = {};
  for (const name of ['dispatcher1', 'supervisor1', 'handler.zjj']) as[name] = client(t, await t.login(name));
});
afterEach(async () => t.close());

async function act(who: string, no: string, action: string, body: object = {}) {
  const res = await as[who]!.post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}
const drain = () => t.app.services.upstream!.worker.drain();
async function receive(overrides: Record<string, unknown> = {}) {
  const order = buildOrder(t, overrides);
  const res = await postSigned(t, '/api/upstream/v1/orders', order);
  expect(res.statusCode, res.body).toBe(200);
  return { orderNo: order.orderNo, ticketNo: (res.json() as { ticketNo: string }).ticketNo };
}

describe('an order from Yantai handled end to end', () => {
  it('sends a signed receipt then the feedback, and closes on Yantai’s close notice', async () => {
    const { orderNo, ticketNo } = await receive();
    await act('dispatcher1', ticketNo, 'accept');
    await drain();
    expect(yantai.received.map((r) => r.path)).toEqual(['/receipts']);

    await act('dispatcher1', ticketNo, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', ticketNo, 'sign');
    await act('handler.zjj', ticketNo, 'reply', {
      publicReply: '已协调供热公司调高供水温度，室温已达 18 度。',
      solved: true,
    });
    const approved = await act('supervisor1', ticketNo, 'approve_reply');
    expect(approved.status).toBe('awaiting_upstream');
    await drain();

    expect(yantai.received.map((r) => r.path)).toEqual(['/receipts', '/feedback']);
    expect(yantai.received.every((r) => r.validSignature)).toBe(true);
    const [receipt, feedback] = yantai.received.map((r) => r.body);
    expect(receipt).toMatchObject({ orderNo, ticketNo, signedAt: '2026-11-23T09:00:00.000+08:00' });
    expect(feedback).toMatchObject({
      orderNo,
      ticketNo,
      result: '已协调供热公司调高供水温度，室温已达 18 度。',
      department: '区住房和城乡建设局',
      handler: 'handler.zjj',
    });
    expect(typeof receipt?.messageId).toBe('string');
    expect(receipt?.messageId).not.toBe(feedback?.messageId);

    // The dispatch after an explicit accept sends no second receipt.
    expect(yantai.received.filter((r) => r.path === '/receipts')).toHaveLength(1);

    const close = await postSigned(
      t,
      '/api/upstream/v1/notices',
      buildNotice(t, orderNo, 'close', { reason: '回访满意，办结' }),
    );
    expect(close.statusCode).toBe(200);
    const closed = (await as.supervisor1!.get(`/api/tickets/${ticketNo}`)).json() as TicketView;
    expect(closed.status).toBe('closed');
    expect(closed.assignments.every((a) => a.status === 'closed')).toBe(true);
  });

  it('counts the first dispatch as the receipt when no accept came first', async () => {
    const { ticketNo } = await receive();
    await act('dispatcher1', ticketNo, 'dispatch', { lead: t.dir.dept.zjj });
    await drain();
    expect(yantai.received.map((r) => r.path)).toEqual(['/receipts']);
    const again = await as.dispatcher1!.post(`/api/tickets/${ticketNo}/actions/accept`);
    expect(again.statusCode).toBe(409);
  });

  it('sends returns, progress and extension requests as they happen', async () => {
    const returned = await receive();
    await act('dispatcher1', returned.ticketNo, 'return_upstream', {
      reason: '该地址属于福山区，非本区管辖',
    });

    const worked = await receive({ dueAt: '2026-11-28T09:00:00+08:00' });
    await act('dispatcher1', worked.ticketNo, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', worked.ticketNo, 'sign');
    await act('handler.zjj', worked.ticketNo, 'report_progress', { note: '已联系供热公司，明日上门检测' });
    await act('handler.zjj', worked.ticketNo, 'request_extension', {
      days: 5,
      reason: '需更换小区换热站设备',
    });
    const extended = await act('supervisor1', worked.ticketNo, 'approve_extension');
    // The local due stays inside Yantai's (less the margin) until Yantai moves its own.
    expect(extended.assignments[0]?.dueAt).toBe('2026-11-28T05:00:00.000+08:00');
    await drain();

    const paths = (orderNo: string) =>
      yantai.received.filter((r) => r.body.orderNo === orderNo).map((r) => r.path);
    expect(paths(returned.orderNo)).toEqual(['/returns']);
    expect(paths(worked.orderNo)).toEqual(['/receipts', '/progress', '/extensions']);
    const ext = yantai.received.find((r) => r.path === '/extensions')!.body;
    expect(ext).toMatchObject({ orderNo: worked.orderNo, reason: '需更换小区换热站设备' });
    expect(Date.parse(String(ext.requestedDueAt))).toBeGreaterThan(Date.parse('2026-11-28T09:00:00+08:00'));
    expect(yantai.received.find((r) => r.path === '/returns')?.body).toMatchObject({
      reason: '该地址属于福山区，非本区管辖',
    });
  });

  it('reopens an order on Yantai’s rework, also after it was closed, with the new due', async () => {
    const { orderNo, ticketNo } = await receive();
    await act('dispatcher1', ticketNo, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', ticketNo, 'sign');
    await act('handler.zjj', ticketNo, 'reply', { publicReply: '已处理', solved: true });
    await act('supervisor1', ticketNo, 'approve_reply');
    await postSigned(t, '/api/upstream/v1/notices', buildNotice(t, orderNo, 'close'));

    const rework = buildNotice(t, orderNo, 'rework', {
      reason: '群众反映仍未解决',
      dueAt: '2026-11-27T17:30:00+08:00',
    });
    expect((await postSigned(t, '/api/upstream/v1/notices', rework)).statusCode).toBe(200);
    const reopened = (await as['handler.zjj']!.get(`/api/tickets/${ticketNo}`)).json() as TicketView;
    expect(reopened.status).toBe('in_progress');
    expect(reopened.counters.reworks).toBe(1);
    expect(reopened.closedAt).toBeNull();
    expect(reopened.assignments[0]).toMatchObject({
      status: 'in_progress',
      dueAt: '2026-11-27T13:30:00.000+08:00',
    });

    await act('handler.zjj', ticketNo, 'reply', { publicReply: '再次处理，已解决', solved: true });
    await act('supervisor1', ticketNo, 'approve_reply');
    await drain();
    expect(yantai.received.filter((r) => r.path === '/feedback').map((r) => r.body.result)).toEqual([
      '已处理',
      '再次处理，已解决',
    ]);
  });
  it('takes back an order Yantai sends again after our return (退单不成立), and ignores a retry of the first', async () => {
    const first = buildOrder(t, {
      signDueAt: '2026-11-23T12:00:00+08:00',
      dueAt: '2026-11-30T17:30:00+08:00',
    });
    const { orderNo } = first;
    const ticketNo = ((await postSigned(t, '/api/upstream/v1/orders', first)).json() as { ticketNo: string })
      .ticketNo;
    await act('dispatcher1', ticketNo, 'accept');
    await act('dispatcher1', ticketNo, 'return_upstream', { reason: '该地址属于福山区，非本区管辖' });

    // A retry of the first message (same messageId) answers the same ticket and changes nothing.
    const retry = await postSigned(t, '/api/upstream/v1/orders', first);
    expect(retry.json()).toEqual({ code: 0, ticketNo });
    let ticket = (await as.dispatcher1!.get(`/api/tickets/${ticketNo}`)).json() as TicketView & {
      acceptedAt: string | null;
      events: { action: string }[];
    };
    expect(ticket.status).toBe('returned_upstream');

    // Yantai finds the return unfounded and sends the order again, with a new message and new deadlines.
    t.clock.advance(3_600_000);
    const again = buildOrder(t, {
      orderNo,
      signDueAt: '2026-11-23T16:00:00+08:00',
      dueAt: '2026-12-02T17:30:00+08:00',
      content: '经核实，该地址属蓬莱区登州街道，请继续办理。',
    });
    const res = await postSigned(t, '/api/upstream/v1/orders', again);
    expect(res.json()).toEqual({ code: 0, ticketNo });
    ticket = (await as.dispatcher1!.get(`/api/tickets/${ticketNo}`)).json() as typeof ticket;
    expect(ticket).toMatchObject({
      status: 'pending_dispatch',
      acceptedAt: null,
      upstreamSignDueAt: '2026-11-23T16:00:00.000+08:00',
      upstreamDueAt: '2026-12-02T17:30:00.000+08:00',
    });
    expect(ticket.events.map((e) => e.action)).toEqual([
      'register',
      'accept',
      'return_upstream',
      'retransfer',
    ]);
    // The same second message again changes nothing more.
    await postSigned(t, '/api/upstream/v1/orders', again);
    expect(
      ((await as.dispatcher1!.get(`/api/tickets/${ticketNo}`)).json() as typeof ticket).events,
    ).toHaveLength(4);

    // Accepted again: Yantai hears a second receipt, after the return, in order.
    await act('dispatcher1', ticketNo, 'accept');
    const dispatched = await act('dispatcher1', ticketNo, 'dispatch', { lead: t.dir.dept.zjj });
    // The new upstream due bounds the local one.
    expect(Date.parse(dispatched.assignments[0]!.dueAt)).toBeLessThanOrEqual(
      Date.parse('2026-12-02T17:30:00+08:00'),
    );
    await drain();
    expect(yantai.received.filter((r) => r.body.orderNo === orderNo).map((r) => r.path)).toEqual([
      '/receipts',
      '/returns',
      '/receipts',
    ]);
  });

  it('takes back a recalled order sent again, and leaves an open one as it is', async () => {
    const first = buildOrder(t);
    const ticketNo = ((await postSigned(t, '/api/upstream/v1/orders', first)).json() as { ticketNo: string })
      .ticketNo;
    // Sent again while still ours: nothing changes (it is waiting for dispatch already).
    await postSigned(t, '/api/upstream/v1/orders', buildOrder(t, { orderNo: first.orderNo }));
    let ticket = (await as.dispatcher1!.get(`/api/tickets/${ticketNo}`)).json() as TicketView & {
      events: { action: string }[];
    };
    expect(ticket.events.map((e) => e.action)).toEqual(['register']);

    await postSigned(t, '/api/upstream/v1/notices', buildNotice(t, first.orderNo, 'recall'));
    await postSigned(t, '/api/upstream/v1/orders', buildOrder(t, { orderNo: first.orderNo }));
    ticket = (await as.dispatcher1!.get(`/api/tickets/${ticketNo}`)).json() as typeof ticket;
    expect(ticket.status).toBe('pending_dispatch');
    expect(ticket.events.map((e) => e.action)).toEqual(['register', 'recall', 'retransfer']);
  });
});
