// Yantai's due bounds the local clocks (docs/tickets.md, Orders from Yantai): a short due, extensions past it,
// and a notice that moves it.
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
  // Monday 09:00.
  t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
  as = {};
  for (const name of ['dispatcher1', 'supervisor1', 'handler.zjj', 'handler.ljgz', 'handler.ljgzA'])
    as[name] = client(t, await t.login(name));
});
afterEach(async () => t.close());

async function act(who: string, no: string, action: string, body: object = {}) {
  const res = await as[who]!.post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}
async function receive(overrides: Record<string, unknown> = {}) {
  const order = buildOrder(t, overrides);
  const res = await postSigned(t, '/api/upstream/v1/orders', order);
  expect(res.statusCode, res.body).toBe(200);
  return { orderNo: order.orderNo, ticketNo: (res.json() as { ticketNo: string }).ticketNo };
}
const notice = (orderNo: string, kind: string, dueAt: string) =>
  postSigned(t, '/api/upstream/v1/notices', buildNotice(t, orderNo, kind, { dueAt }));
const ms = (iso: string) => Date.parse(iso);

describe('Yantai’s due and the local clocks', () => {
  it('gives half the time left when Yantai’s due is closer than twice the margin, never a due already passed', async () => {
    const { ticketNo } = await receive({
      signDueAt: '2026-11-23T09:20:00+08:00',
      dueAt: '2026-11-23T10:00:00+08:00',
    });
    const dispatched = await act('dispatcher1', ticketNo, 'dispatch', { lead: t.dir.dept.zjj });
    const a = dispatched.assignments[0]!;
    expect(a.dueAt).toBe('2026-11-23T09:30:00.000+08:00');
    for (const due of [a.signDueAt, a.returnDueAt, a.yellowAt]) {
      expect(ms(due)).toBeGreaterThanOrEqual(t.clock.now());
      expect(ms(due)).toBeLessThanOrEqual(ms(a.dueAt));
    }
    t.clock.advance(60_000);
    const signed = await act('handler.zjj', ticketNo, 'sign');
    expect(signed.assignments[0]!.deadline).not.toBe('red');
  });

  it('builds a second capped extension on the first, and keeps a yellow card before the capped due', async () => {
    const { ticketNo } = await receive({ dueAt: '2026-11-28T09:00:00+08:00' });
    await act('dispatcher1', ticketNo, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', ticketNo, 'sign');
    const requested: number[] = [];
    for (const days of [3, 2]) {
      await act('handler.zjj', ticketNo, 'request_extension', { days, reason: '需更换设备' });
      const extended = await act('supervisor1', ticketNo, 'approve_extension');
      const a = extended.assignments[0]!;
      expect(a.dueAt).toBe('2026-11-28T05:00:00.000+08:00');
      expect(ms(a.yellowAt)).toBeLessThan(ms(a.dueAt));
      await t.app.services.upstream!.worker.drain();
      const ext = yantai.received.filter((r) => r.path === '/extensions').at(-1)!.body;
      requested.push(ms(String(ext.requestedDueAt)));
    }
    expect(requested).toHaveLength(2);
    expect(requested[1]).toBeGreaterThan(requested[0]!);
  });

  it('moves the local due with a dueAt on Yantai’s supervise or urge, later and earlier', async () => {
    const { orderNo, ticketNo } = await receive({ dueAt: '2026-11-28T09:00:00+08:00' });
    await act('dispatcher1', ticketNo, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', ticketNo, 'sign');
    await act('handler.zjj', ticketNo, 'request_extension', { days: 5, reason: '需更换设备' });
    const capped = (await act('supervisor1', ticketNo, 'approve_extension')).assignments[0]!;
    expect(capped.dueAt).toBe('2026-11-28T05:00:00.000+08:00');

    // Yantai grants the time: the local due goes to the one the extension asked for (within the new bound).
    expect((await notice(orderNo, 'supervise', '2026-12-31T18:00:00+08:00')).statusCode).toBe(200);
    const granted = ((await as.supervisor1!.get(`/api/tickets/${ticketNo}`)).json() as TicketView)
      .assignments[0]!;
    expect(ms(granted.dueAt)).toBeGreaterThan(ms(capped.dueAt));
    expect(ms(granted.dueAt)).toBeLessThan(ms('2026-12-31T14:00:00+08:00'));
    expect(ms(granted.yellowAt)).toBeLessThan(ms(granted.dueAt));

    // Yantai shortens it: the local due follows, the margin before it.
    expect((await notice(orderNo, 'urge', '2026-11-26T18:00:00+08:00')).statusCode).toBe(200);
    const shortened = ((await as.supervisor1!.get(`/api/tickets/${ticketNo}`)).json() as TicketView)
      .assignments[0]!;
    expect(shortened.dueAt).toBe('2026-11-26T14:00:00.000+08:00');

    // A due already passed is refused and changes nothing.
    const past = await notice(orderNo, 'supervise', '2026-11-23T08:00:00+08:00');
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ field: 'dueAt' });
  });

  it('moves the due of a lead whose return request is pending, so a denied return keeps Yantai’s new due', async () => {
    const { orderNo, ticketNo } = await receive({ dueAt: '2026-12-14T09:00:00+08:00' });
    await act('dispatcher1', ticketNo, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', ticketNo, 'sign');
    await act('handler.zjj', ticketNo, 'request_return', { reason: '不属于本单位职责' });
    expect((await notice(orderNo, 'urge', '2026-11-25T18:00:00+08:00')).statusCode).toBe(200);
    const denied = (await act('dispatcher1', ticketNo, 'deny_return', { note: '属本单位职责' }))
      .assignments[0]!;
    expect(denied.status).toBe('in_progress');
    expect(denied.dueAt).toBe('2026-11-25T14:00:00.000+08:00');
  });

  it('keeps the clocks of a village passed down after its town’s due when Yantai moves its due', async () => {
    const { orderNo, ticketNo } = await receive({ dueAt: '2026-12-31T18:00:00+08:00' });
    await act('dispatcher1', ticketNo, 'dispatch', { lead: t.dir.dept.ljgz });
    await act('handler.ljgz', ticketNo, 'sign');
    t.clock.advance(8 * 86_400_000);
    const passed = await act('handler.ljgz', ticketNo, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    const village = passed.assignments.find((a) => a.departmentId === t.dir.dept.ljgzA)!;
    expect(ms(village.dueAt)).toBeGreaterThan(t.clock.now());

    expect((await notice(orderNo, 'urge', '2026-12-30T18:00:00+08:00')).statusCode).toBe(200);
    const after = (
      (await as.supervisor1!.get(`/api/tickets/${ticketNo}`)).json() as TicketView
    ).assignments.find((a) => a.departmentId === t.dir.dept.ljgzA)!;
    expect(after.dueAt).toBe(village.dueAt);
    expect(after.deadline).toBe('green');
  });

  it('ignores a dueAt a supervisor sends with a 督办', async () => {
    const { ticketNo } = await receive({ dueAt: '2026-11-28T09:00:00+08:00' });
    const before = (await act('dispatcher1', ticketNo, 'dispatch', { lead: t.dir.dept.zjj })).assignments[0]!;
    const after = await act('supervisor1', ticketNo, 'supervise', {
      message: '请加快办理',
      dueAt: ms('2026-11-24T09:00:00+08:00'),
    });
    expect(after.assignments[0]!.dueAt).toBe(before.dueAt);
  });
});

describe('a town’s village after a rework', () => {
  it('may be passed the ticket again once it has replied', async () => {
    const { ticketNo } = await receive({ dueAt: '2026-12-10T09:00:00+08:00' });
    await act('dispatcher1', ticketNo, 'dispatch', { lead: t.dir.dept.ljgz });
    await act('handler.ljgz', ticketNo, 'sign');
    await act('handler.ljgz', ticketNo, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    await act('handler.ljgzA', ticketNo, 'sign');
    await act('handler.ljgzA', ticketNo, 'reply', { publicReply: '已处理', solved: true });
    await act('handler.ljgz', ticketNo, 'reply', { publicReply: '已处理', solved: true });
    await act('supervisor1', ticketNo, 'reject_reply', { reason: '未说明处理结果' });

    const again = await act('handler.ljgz', ticketNo, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    const village = again.assignments.filter((a) => a.departmentId === t.dir.dept.ljgzA);
    expect(village.map((a) => a.status).sort()).toEqual(['closed', 'pending_sign']);
    await act('handler.ljgzA', ticketNo, 'sign');
  });
});
