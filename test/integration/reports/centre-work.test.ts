// The monthly ledger's 市平台转办 (Yantai's orders: receipts by its signDueAt, returns) and 回访 (revisits by their
// due) figures, from a real app: orders signed and unsigned with Yantai's msw standing in, revisits made early,
// late and not at all. Monday 2026-11-23 09:00 on; the ledger is read on Tuesday at 10:00.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MonthlyReport } from '../../../server/reports/reports.queries.js';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { replyApproved } from '../../helpers/flows.js';
import { buildOrder, createYantai, postSigned } from '../../helpers/yantai.js';

const yantai = createYantai();
beforeAll(() => yantai.listen());
afterAll(() => yantai.close());

let t: TestApp;
let as: Record<string, ReturnType<typeof client>>;
beforeEach(async () => {
  yantai.reset();
  t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
  as = {};
  for (const name of ['operator1', 'dispatcher1', 'supervisor1', 'handler.zjj']) {
    as[name] = client(t, await t.login(name));
  }
});
afterEach(async () => t.close());

async function act(who: string, no: string, action: string, body: object = {}) {
  const res = await as[who]!.post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}
async function receive(signDueAt: string) {
  const res = await postSigned(t, '/api/upstream/v1/orders', buildOrder(t, { signDueAt }));
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { ticketNo: string }).ticketNo;
}
/** A ticket of ours whose reply is approved now: its revisit is due one working day later. */
const approvedNow = async () => (await replyApproved(t, as)).no;
const ledger = async (format = '') =>
  as.supervisor1!.get(`/api/reports/monthly?month=2026-11${format ? `&format=${format}` : ''}`);

describe('the centre’s own work in the monthly ledger', () => {
  it('counts receipts by Yantai’s time, orders left unsigned past it, returns, and revisits by their due', async () => {
    // Monday 09:00: four orders, and three replies approved (revisits due Tuesday 09:00).
    const early = await receive('2026-11-24T09:00:00+08:00');
    const late = await receive('2026-11-23T12:00:00+08:00');
    const unsigned = await receive('2026-11-23T11:00:00+08:00');
    const returned = await receive('2026-11-24T09:00:00+08:00');
    const [onTime, lateRevisit, noRevisit] = [await approvedNow(), await approvedNow(), await approvedNow()];

    t.clock.set('2026-11-23T10:00:00+08:00');
    await act('dispatcher1', early, 'accept'); // by its time
    await act('dispatcher1', returned, 'return_upstream', { reason: '不属于本区管辖' });
    t.clock.set('2026-11-23T13:00:00+08:00');
    const dispatched = await act('dispatcher1', late, 'dispatch', { lead: t.dir.dept.zjj }); // accepts, late
    expect(dispatched.acceptedAt).not.toBeNull();
    t.clock.set('2026-11-23T15:00:00+08:00');
    await act('supervisor1', onTime, 'revisit', { reached: true, solved: true, satisfaction: 'satisfied' });
    t.clock.set('2026-11-24T10:00:00+08:00');
    await act('supervisor1', lateRevisit, 'revisit', { reached: false, note: '无人接听' });

    const res = await ledger();
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as MonthlyReport;
    expect(report.upstream).toEqual({
      orders: 4,
      accepted: 2,
      acceptedOnTime: 1,
      signOverdue: 1, // `unsigned`, due Monday 11:00
      returned: 1,
      onTimeSignRate: 0.333,
      returnRate: 0.25,
    });
    expect(report.revisits).toEqual({ made: 2, onTime: 1, overdue: 1, onTimeRate: 0.333 });

    // The history says which were late.
    const detail = (await as.supervisor1!.get(`/api/tickets/${late}`)).json() as {
      events: { action: string; data: Record<string, unknown> | null }[];
    };
    expect(detail.events.find((e) => e.action === 'dispatch')?.data).toMatchObject({
      accepted: true,
      receiptLate: true,
    });

    // Signing the one left unsigned moves it from overdue to a late receipt; revisiting the other ends its overdue.
    await act('dispatcher1', unsigned, 'accept');
    await act('supervisor1', noRevisit, 'revisit', {
      reached: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    const after = (await ledger()).json() as MonthlyReport;
    expect(after.upstream).toMatchObject({
      accepted: 3,
      acceptedOnTime: 1,
      signOverdue: 0,
      onTimeSignRate: 0.333,
    });
    expect(after.revisits).toEqual({ made: 3, onTime: 1, overdue: 0, onTimeRate: 0.333 });

    const csv = (await ledger('csv')).body.split('\r\n');
    const at = csv.indexOf('市平台转办');
    expect(csv.slice(at, at + 3)).toEqual([
      '市平台转办',
      '市平台转办数,签收数,按时签收数,超期未签收,市平台按时签收率,退回市平台数,退回率',
      '4,3,1,0,33.3%,1,25.0%',
    ]);
    const r = csv.indexOf('回访');
    expect(csv.slice(r, r + 3)).toEqual([
      '回访',
      '回访次数,按时回访次数,超期未回访,回访及时率',
      '3,1,0,33.3%',
    ]);
  });

  it('takes an older revisit (no late flag) of a ticket reworked since as on time, not as late', async () => {
    const no = await approvedNow();
    t.clock.set('2026-11-23T15:00:00+08:00');
    await act('supervisor1', no, 'revisit', { reached: true, solved: false, satisfaction: 'unsatisfied' });
    // As written before the flag was kept; the rework has cleared the ticket's revisit due.
    t.database.sqlite
      .prepare(`update ticket_events set data = json_remove(data, '$.late') where action = 'revisit'`)
      .run();
    const report = (await ledger()).json() as MonthlyReport;
    expect(report.revisits).toEqual({ made: 1, onTime: 1, overdue: 0, onTimeRate: 1 });
  });

  it('has no rate for a month with nothing to take it of', async () => {
    const report = (await ledger()).json() as MonthlyReport;
    expect(report.upstream).toMatchObject({ orders: 0, onTimeSignRate: null, returnRate: null });
    expect(report.revisits).toEqual({ made: 0, onTime: 0, overdue: 0, onTimeRate: null });
  });
});
