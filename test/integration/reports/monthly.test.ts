// The monthly ledger (GET /api/reports/monthly) over a month of real actions: each department's counts and
// rates as docs/reports.md defines them, the total, the centre's direct answers, the CSV, and who may read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthlyReport } from '../../../server/reports/reports.queries.js';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { DAY } from '../../helpers/clock.js';
import { buildTicketInput } from '../../helpers/factories.js';
import { buildOrder, postSigned } from '../../helpers/yantai.js';

let t: TestApp;
let as: Record<string, ReturnType<typeof client>>;
let report: MonthlyReport;

async function act(who: string, no: string, action: string, body: object = {}) {
  const res = await as[who]!.post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}
async function dispatched(lead: number): Promise<string> {
  const res = await as.operator1!.post('/api/tickets', { ...buildTicketInput(), action: 'submit' });
  const { no } = res.json() as TicketView;
  await act('dispatcher1', no, 'dispatch', { lead });
  return no;
}
const revisit = (satisfied: boolean) => ({
  reached: true,
  solved: satisfied,
  satisfaction: satisfied ? 'satisfied' : 'unsatisfied',
});
const row = (name: string) => report.departments.find((d) => d.name === name)!;

beforeAll(async () => {
  // Monday 2 November 2026: signing takes 1 working day, handling 5 (the default policy).
  t = await buildTestApp({ start: '2026-11-02T09:00:00+08:00' });
  as = {};
  for (const name of ['operator1', 'dispatcher1', 'supervisor1', 'handler.zjj', 'handler.jtj', 'admin']) {
    as[name] = client(t, await t.login(name));
  }
  const { zjj, jtj, scjg } = t.dir.dept;
  // 住建局: one ticket done on time and the caller satisfied; one signed late, whose caller was not (重办).
  const good = await dispatched(zjj);
  const late = await dispatched(zjj);
  // 交通局 returns its ticket (退单); 市场监管局 never signs its own.
  const returned = await dispatched(jtj);
  await dispatched(scjg);
  // 直办: answered on the call.
  await as.operator1!.post('/api/tickets', {
    ...buildTicketInput({ appealType: 'consult' }),
    action: 'answer',
    answer: '可在区政务服务中心办理。',
  });

  await act('handler.zjj', good, 'sign');
  await act('handler.zjj', good, 'reply', { publicReply: '已处理', solved: true });
  await act('supervisor1', good, 'approve_reply');
  await act('supervisor1', good, 'revisit', revisit(true));
  await act('handler.jtj', returned, 'request_return', { reason: '不属于本单位职责' });
  await act('dispatcher1', returned, 'approve_return');

  t.clock.advance(3 * DAY); // Thursday: the sign clocks of the 2nd have run out.
  await act('handler.zjj', late, 'sign');
  await act('handler.zjj', late, 'reply', { publicReply: '已处理', solved: true });
  await act('supervisor1', late, 'approve_reply');
  expect((await act('supervisor1', late, 'revisit', revisit(false))).status).toBe('in_progress');

  const res = await as.supervisor1!.get('/api/reports/monthly?month=2026-11');
  expect(res.statusCode, res.body).toBe(200);
  report = res.json() as MonthlyReport;
});
afterAll(async () => t?.close());

describe('the monthly ledger', () => {
  it("counts a department's signing, completion, rework, revisits and satisfaction from its month", () => {
    expect(row('区住房和城乡建设局')).toMatchObject({
      dispatched: 2,
      signed: 2,
      signedOnTime: 1,
      onTimeSignRate: 0.5,
      replied: 2,
      repliedOnTime: 2,
      onTimeCompletionRate: 1,
      returned: 0,
      returnRate: 0,
      reworked: 1,
      reworkRate: 0.5,
      approved: 2,
      approvedRevisited: 2,
      revisitRate: 1,
      revisited: 2,
      solved: 1,
      solveRate: 0.5,
      firstRevisits: 2,
      firstSatisfied: 1,
      firstSatisfactionRate: 0.5,
      // Only the satisfied one closed its ticket; the other is being done again.
      finalRevisits: 1,
      finalSatisfactionRate: 1,
    });
  });

  it('counts an approved return against the lead, and a sign clock run out as signed late', () => {
    expect(row('区交通运输局')).toMatchObject({
      leadDispatched: 1,
      returned: 1,
      returnRate: 1,
      onTimeSignRate: null,
    });
    expect(row('区市场监督管理局')).toMatchObject({
      dispatched: 1,
      signed: 0,
      signOverdue: 1,
      onTimeSignRate: 0,
    });
  });

  it('shows a department with nothing that month with no rate rather than 0 %', () => {
    expect(row('区人力资源和社会保障局')).toMatchObject({
      dispatched: 0,
      onTimeSignRate: null,
      returnRate: null,
    });
  });

  it('takes the total (合计) of the counts, not an average of the rates', () => {
    expect(report.total).toMatchObject({
      name: '合计',
      dispatched: 4,
      signed: 2,
      signedOnTime: 1,
      signOverdue: 1,
    });
    expect(report.total.onTimeSignRate).toBe(0.333);
  });

  it("reports the centre's direct answers (直办率) over what its operators registered", () => {
    expect(report.centre).toMatchObject({ registered: 5, directAnswers: 1, directAnswerRate: 0.2 });
    expect(report.centre).toMatchObject({ offered: 0, answerRate: null });
  });

  it('leaves other months out', async () => {
    const october = (await as.admin!.get('/api/reports/monthly?month=2026-10')).json() as MonthlyReport;
    expect(october.total.dispatched).toBe(0);
    expect(october.centre.registered).toBe(0);
    expect(october.from).toBe('2026-10-01T00:00:00.000+08:00');
  });

  it('exports the ledger as CSV for Excel, with the Chinese heads, a line per department and 合计', async () => {
    const res = await as.supervisor1!.get('/api/reports/monthly?month=2026-11&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('12345-ledger-2026-11.csv');
    const lines = res.body.split('\r\n');
    expect(lines[0]!.startsWith('\uFEFF承办单位,派单数,签收数')).toBe(true);
    expect(lines.find((l) => l.startsWith('区住房和城乡建设局,'))).toContain(',50.0%,');
    expect(lines.find((l) => l.startsWith('合计,4,'))).toBeDefined();
    expect(lines).toContain('5,1,20.0%,0,0,0,0,—,0,—');
  });

  it('is for supervisors and admins, and names a bad month', async () => {
    for (const who of ['operator1', 'dispatcher1', 'handler.zjj']) {
      expect((await as[who]!.get('/api/reports/monthly')).statusCode, who).toBe(403);
    }
    const bad = await as.supervisor1!.get('/api/reports/monthly?month=2026-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('month');
  });
});

describe('the monthly ledger, in less usual cases', () => {
  let u: TestApp;
  let who: Record<string, ReturnType<typeof client>>;
  const get = async (month = '2026-11') =>
    (await who.supervisor1!.get(`/api/reports/monthly?month=${month}`)).json() as MonthlyReport;
  const line = (r: MonthlyReport, id: number) => r.departments.find((d) => d.departmentId === id);
  async function step(name: string, no: string, action: string, body: object = {}) {
    const res = await who[name]!.post(`/api/tickets/${no}/actions/${action}`, body);
    expect(res.statusCode, `${name} ${action}: ${res.body}`).toBe(200);
  }

  beforeAll(async () => {
    u = await buildTestApp({
      start: '2026-11-02T09:00:00+08:00',
      // Yantai is out of reach: the bridge queues its messages and retries in the background.
      env: { UPSTREAM_BASE_URL: 'http://127.0.0.1:9' },
    });
    who = {};
    for (const name of ['operator1', 'dispatcher1', 'supervisor1', 'handler.zjj', 'admin']) {
      who[name] = client(u, await u.login(name));
    }
  });
  afterAll(async () => u?.close());

  it("does not count a Yantai order's approved reply as due for our revisit (Yantai revisits it)", async () => {
    const res = await postSigned(u, '/api/upstream/v1/orders', buildOrder(u));
    expect(res.statusCode, res.body).toBe(200);
    const { ticketNo } = res.json() as { ticketNo: string };
    await step('dispatcher1', ticketNo, 'dispatch', { lead: u.dir.dept.zjj });
    await step('handler.zjj', ticketNo, 'sign');
    await step('handler.zjj', ticketNo, 'reply', { publicReply: '已处理', solved: true });
    await step('supervisor1', ticketNo, 'approve_reply');
    expect(line(await get(), u.dir.dept.zjj)).toMatchObject({ replied: 1, approved: 0, revisitRate: null });
  });

  it('keeps a revisit with the department it rated after the ticket is merged away', async () => {
    const register = async () => {
      const res = await who.operator1!.post('/api/tickets', { ...buildTicketInput(), action: 'submit' });
      return (res.json() as TicketView).no;
    };
    const [rated, other] = [await register(), await register()];
    const { jtj } = u.dir.dept;
    await step('dispatcher1', rated, 'dispatch', { lead: jtj });
    await step('dispatcher1', other, 'dispatch', { lead: jtj });
    const jtjHandler = client(u, await u.login('handler.jtj'));
    for (const action of ['sign', 'reply']) {
      const body = action === 'reply' ? { publicReply: '已处理', solved: false } : {};
      expect((await jtjHandler.post(`/api/tickets/${rated}/actions/${action}`, body)).statusCode).toBe(200);
    }
    await step('supervisor1', rated, 'approve_reply');
    await step('supervisor1', rated, 'revisit', {
      reached: true,
      solved: false,
      satisfaction: 'unsatisfied',
    });
    await step('dispatcher1', rated, 'merge', { into: other });
    expect(line(await get(), jtj)).toMatchObject({
      revisited: 1,
      firstRevisits: 1,
      firstSatisfactionRate: 0,
    });
  });

  it('shows a department disabled since only in a month it worked in', async () => {
    const { rsj } = u.dir.dept;
    const res = await who.operator1!.post('/api/tickets', { ...buildTicketInput(), action: 'submit' });
    const { no } = res.json() as TicketView;
    await step('dispatcher1', no, 'dispatch', { lead: rsj });
    // A department with open tickets is not disabled (409): it hands this one back first.
    who['handler.rsj'] = client(u, await u.login('handler.rsj'));
    await step('handler.rsj', no, 'request_return', { reason: '不属于本单位职责' });
    await step('dispatcher1', no, 'approve_return');
    expect((await who.admin!.patch(`/api/departments/${rsj}`, { disabled: true })).statusCode).toBe(200);
    expect(line(await get(), rsj)).toMatchObject({ dispatched: 1 });
    expect(line(await get('2026-10'), rsj)).toBeUndefined();
  });
});

describe('the monthly ledger per hotline line (分线路)', () => {
  let v: TestApp;
  let op: ReturnType<typeof client>;
  let sup: ReturnType<typeof client>;
  const ledger = async (month: string) => {
    const res = await sup.get(`/api/reports/monthly?month=${month}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as MonthlyReport).centre;
  };
  async function take(over: object, action?: 'submit' | 'answer') {
    const body = { ...buildTicketInput({ appealType: 'consult' }), ...over };
    const res = await op.post(
      '/api/tickets',
      action === 'answer' ? { ...body, action, answer: '已当场答复。' } : action ? { ...body, action } : body,
    );
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as TicketView).no;
  }

  beforeAll(async () => {
    // Friday 30 October 2026: a caller on 89000 registered, answered on the Monday, in November.
    v = await buildTestApp({ start: '2026-10-30T09:00:00+08:00' });
    op = client(v, await v.login('operator1'));
    sup = client(v, await v.login('supervisor1'));
    const october = await take({ line: '89000' });
    v.clock.set('2026-11-02T09:00:00+08:00');
    const answer = await op.post(`/api/tickets/${october}/actions/answer`, { answer: '已答复。' });
    expect(answer.statusCode, answer.body).toBe(200);
    // November: two on 12345 (the phone's default line), two on 89000, one on a line no flow answers, and a
    // walk-in (来访, no line) answered on the spot.
    await take({}, 'submit');
    await take({}, 'answer');
    await take({ line: '89000' }, 'answer');
    await take({ line: '89000' }, 'submit');
    await take({ line: '96120' });
    await take({ channel: 'visit' }, 'answer');
  });
  afterAll(async () => v?.close());

  it('counts each line’s tickets registered that month and its direct answers that month, by the ticket’s line', async () => {
    const centre = await ledger('2026-11');
    expect(centre).toMatchObject({ registered: 6, directAnswers: 4 });
    expect(centre.lines.map((l) => l.line)).toEqual(['12345', '89000', '96120']);
    expect(centre.lines[0]).toMatchObject({ registered: 2, directAnswers: 1, directAnswerRate: 0.5 });
    // The October ticket's answer is November's; its registration stays in October.
    expect(centre.lines[1]).toMatchObject({ registered: 2, directAnswers: 2, directAnswerRate: 1 });
    expect(centre.lines[2]).toMatchObject({ registered: 1, directAnswers: 0, directAnswerRate: 0 });
    // No calls this month: no call rate on any line, not 0 %.
    for (const l of centre.lines) {
      expect(l).toMatchObject({ offered: 0, queued: 0, answerRate: null, answeredWithin15sRate: null });
    }
  });

  it('lists the configured lines even in a month they had nothing, with no rate', async () => {
    const october = await ledger('2026-10');
    expect(october.lines).toMatchObject([
      { line: '12345', registered: 0, directAnswerRate: null },
      { line: '89000', registered: 1, directAnswers: 0, directAnswerRate: 0 },
    ]);
    expect((await ledger('2026-09')).lines.map((l) => [l.line, l.registered])).toEqual([
      ['12345', 0],
      ['89000', 0],
    ]);
  });

  it('adds the lines to the CSV under 分线路', async () => {
    const res = await sup.get('/api/reports/monthly?month=2026-11&format=csv');
    expect(res.statusCode).toBe(200);
    const lines = res.body.split('\r\n');
    const at = lines.indexOf('分线路');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 5)).toEqual([
      '线路,受理数,直办数,直办率,呼入数,IVR结束数,进入人工队列数,接通数,接通率,15秒接通数,15秒接通率',
      '12345,2,1,50.0%,0,0,0,0,—,0,—',
      '89000,2,2,100.0%,0,0,0,0,—,0,—',
      '96120,1,0,0.0%,0,0,0,0,—,0,—',
    ]);
  });
});
