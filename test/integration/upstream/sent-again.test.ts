// An order Yantai recalled and then sent again goes to whichever department the dispatcher now picks: what
// follows (a 督办, the departments that see it) is that department's, not the recalled one's.
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
  for (const name of ['dispatcher1', 'supervisor1', 'handler.zjj', 'handler.scjg'])
    as[name] = client(t, await t.login(name));
});
afterEach(async () => t.close());

async function act(who: string, no: string, action: string, body: object = {}) {
  const res = await as[who]!.post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}
async function send(order: Record<string, unknown>) {
  const res = await postSigned(t, '/api/upstream/v1/orders', order);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { ticketNo: string }).ticketNo;
}
async function itemsOf(who: string) {
  return (await as[who]!.get('/api/supervision/items')).json() as { ticketNo: string; kind: string }[];
}

describe('an order recalled and sent again', () => {
  it('has its 督办单 go to the department now handling it, from a supervisor or from Yantai', async () => {
    const first = buildOrder(t);
    const no = await send(first);
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    const recall = await postSigned(t, '/api/upstream/v1/notices', buildNotice(t, first.orderNo, 'recall'));
    expect(recall.statusCode, recall.body).toBe(200);
    expect(await send(buildOrder(t, { orderNo: first.orderNo }))).toBe(no);
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.scjg });

    await act('supervisor1', no, 'supervise', { message: '请三日内反馈' });
    const notice = buildNotice(t, first.orderNo, 'supervise', { reason: '' });
    expect((await postSigned(t, '/api/upstream/v1/notices', notice)).statusCode).toBe(200);

    expect(await itemsOf('handler.zjj')).toEqual([]);
    const items = await itemsOf('handler.scjg');
    expect(items.map((i) => [i.ticketNo, i.kind])).toEqual([
      [no, 'supervise'],
      [no, 'supervise'],
    ]);
    // Yantai's supervise without a reason still says what it is.
    expect((items as unknown as { reason: string }[]).map((i) => i.reason).sort()).toEqual([
      '督办',
      '请三日内反馈',
    ]);
  });
});
