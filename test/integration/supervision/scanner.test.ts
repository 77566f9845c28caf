import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';
import { openConsole, until } from '../../helpers/sockets.js';
import { buildOrder, postSigned } from '../../helpers/yantai.js';

type Detail = TicketView & { events: { action: string; data: Record<string, unknown> | null }[] };

let t: TestApp;
beforeEach(async () => {
  // Wednesday before the 2026 National Day week (10-01..10-07 off, Saturday 10-10 a make-up working day).
  t = await buildTestApp({ start: '2026-09-30T14:00:00+08:00' });
});
afterEach(async () => t.close());

const scan = () => t.app.services.scanner.runOnce();
async function as(who: string) {
  return client(t, await t.login(who));
}
async function dispatched(lead = t.dir.dept.zjj) {
  const op = await as('operator1');
  const no = ((await op.post('/api/tickets', buildTicketInput())).json() as TicketView).no;
  await op.post(`/api/tickets/${no}/actions/submit`);
  const res = await (await as('dispatcher1')).post(`/api/tickets/${no}/actions/dispatch`, { lead });
  expect(res.statusCode, res.body).toBe(200);
  return no;
}
async function cards(no: string) {
  const d = (await (await as('supervisor1')).get(`/api/tickets/${no}`)).json() as Detail;
  return d.events
    .filter((e) => e.action === 'yellow' || e.action === 'red')
    .map((e) => `${e.action}/${e.data?.clock}`);
}

describe('the deadline scanner across the National Day holiday', () => {
  it('raises each card once, on the working calendar, and puts a late one on the notice list', async () => {
    const no = await dispatched();
    const lead = (await (await as('supervisor1')).get(`/api/tickets/${no}`)).json() as TicketView;
    // Sign within 1 working day: the holiday week does not count.
    expect(lead.assignments[0]).toMatchObject({
      signDueAt: '2026-10-08T14:00:00.000+08:00',
      dueAt: '2026-10-13T14:00:00.000+08:00',
      yellowAt: '2026-10-12T14:00:00.000+08:00',
    });
    expect(await scan()).toBe(0);

    t.clock.set('2026-10-05T10:00:00+08:00'); // in the holiday: no working time has passed
    expect(await scan()).toBe(0);

    t.clock.set('2026-10-08T13:00:00+08:00'); // past 75 % of the one-day sign clock
    expect(await scan()).toBe(1);
    expect(await scan()).toBe(0);
    expect(await cards(no)).toEqual(['yellow/sign']);

    // Signing starts the handling clock: the sign card no longer counts.
    await (await as('handler.zjj')).post(`/api/tickets/${no}/actions/sign`);
    t.clock.set('2026-10-10T15:00:00+08:00'); // the make-up Saturday: a working day, but not yet yellow
    expect(await scan()).toBe(0);
    t.clock.set('2026-10-12T14:30:00+08:00');
    expect(await scan()).toBe(1);
    t.clock.set('2026-10-13T14:01:00+08:00');
    expect(await scan()).toBe(1);
    expect(await scan()).toBe(0);
    expect(await cards(no)).toEqual(['yellow/sign', 'yellow/handle', 'red/handle']);

    // A red card raises a supervision item the department must answer.
    const zjj = await as('handler.zjj');
    const items = (await zjj.get('/api/supervision/items?status=open')).json() as {
      id: number;
      kind: string;
      ticketNo: string;
      reason: string;
    }[];
    expect(items).toMatchObject([{ kind: 'overdue', ticketNo: no, reason: `工单 ${no} 已超过办理时限` }]);
    expect((await (await as('handler.jtj')).get('/api/supervision/items')).json()).toEqual([]);

    // Five working days past due (10-14, 15, 16, 19, 20) it goes on October's notice list.
    t.clock.set('2026-10-20T13:59:00+08:00');
    await scan();
    const sup = await as('supervisor1');
    expect((await sup.get('/api/supervision/notices?month=2026-10')).json()).toEqual([]);
    t.clock.set('2026-10-20T14:01:00+08:00');
    await scan();
    expect((await sup.get('/api/supervision/notices?month=2026-10')).json()).toMatchObject([
      { ticketNo: no, departmentId: t.dir.dept.zjj, dueAt: '2026-10-13T14:00:00.000+08:00' },
    ]);

    // Nothing is raised twice, also after a restart.
    t = await t.restart();
    expect(await scan()).toBe(0);
    expect(await cards(no)).toEqual(['yellow/sign', 'yellow/handle', 'red/handle']);
  });

  it('says which clock ran out: a department that never signed gets a 督办单 about signing', async () => {
    const no = await dispatched();
    t.clock.set('2026-10-08T14:01:00+08:00'); // past the one-working-day sign clock, still unsigned
    await scan();
    expect(await cards(no)).toEqual(['red/sign']);
    const items = (await (await as('handler.zjj')).get('/api/supervision/items?status=open')).json();
    expect(items).toMatchObject([{ kind: 'overdue', ticketNo: no, reason: `工单 ${no} 已超过签收时限` }]);
  });

  it('lets a card go when an extension moves the due, and raises it again on the new clock', async () => {
    t.clock.set('2026-11-23T09:00:00+08:00');
    const no = await dispatched();
    const zjj = await as('handler.zjj');
    await zjj.post(`/api/tickets/${no}/actions/sign`);
    t.clock.set('2026-11-27T10:00:00+08:00');
    expect(await scan()).toBe(1);
    await zjj.post(`/api/tickets/${no}/actions/request_extension`, { days: 3, reason: '等待检测报告' });
    const ext = await (await as('supervisor1')).post(`/api/tickets/${no}/actions/approve_extension`);
    expect((ext.json() as TicketView).assignments[0]?.deadline).toBe('green');
    expect(await scan()).toBe(0);
    t.clock.set('2026-12-02T10:00:00+08:00');
    expect(await scan()).toBe(1);
    expect(await cards(no)).toEqual(['yellow/handle', 'yellow/handle']);
  });
});

describe('supervision', () => {
  it('turns a supervisor’s 督办 into an item the department answers once', async () => {
    const no = await dispatched();
    const sup = await as('supervisor1');
    await sup.post(`/api/tickets/${no}/actions/supervise`, { message: '请三日内反馈处理结果' });
    const zjj = await as('handler.zjj');
    const [item] = (await zjj.get('/api/supervision/items')).json() as {
      id: number;
      reason: string;
      kind: string;
    }[];
    expect(item).toMatchObject({ kind: 'supervise', reason: '请三日内反馈处理结果' });
    expect(
      (await (await as('handler.jtj')).post(`/api/supervision/items/${item!.id}/respond`, { response: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await sup.post(`/api/supervision/items/${item!.id}/respond`, { response: 'x' })).statusCode).toBe(
      403,
    );
    // An answer of only blanks is no answer: 400 naming the field, and the item stays open.
    const blank = await zjj.post(`/api/supervision/items/${item!.id}/respond`, { response: '\u3000 ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ field: 'response' });
    const answered = await zjj.post(`/api/supervision/items/${item!.id}/respond`, {
      response: '已安排专人处理，周五前反馈',
    });
    expect(answered.json()).toMatchObject({ status: 'answered', respondedBy: 'handler.zjj' });
    expect(
      (await zjj.post(`/api/supervision/items/${item!.id}/respond`, { response: '再答' })).statusCode,
    ).toBe(409);
    expect((await zjj.post(`/api/supervision/items/${item!.id}/respond`, {})).statusCode).toBe(400);
  });

  it('withdraws the open 督办单 of a department whose return is approved, and the new lead gets its own', async () => {
    const no = await dispatched();
    const sup = await as('supervisor1');
    await sup.post(`/api/tickets/${no}/actions/supervise`, { message: '请尽快办理' });
    const zjj = await as('handler.zjj');
    expect((await zjj.post(`/api/tickets/${no}/actions/sign`)).statusCode).toBe(200);
    const asked = await zjj.post(`/api/tickets/${no}/actions/request_return`, { reason: '不属于本单位职责' });
    expect(asked.statusCode, asked.body).toBe(200);
    const dispatcher = await as('dispatcher1');
    expect((await dispatcher.post(`/api/tickets/${no}/actions/approve_return`, {})).statusCode).toBe(200);

    const [item] = (await zjj.get('/api/supervision/items')).json() as {
      id: number;
      status: string;
      response: string;
    }[];
    expect(item).toMatchObject({ status: 'withdrawn', response: '退单已批准，本单位不再办理，督办单撤销' });
    const late = await zjj.post(`/api/supervision/items/${item!.id}/respond`, { response: '已处理' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({
      message: '该督办单已撤销，无需答复',
      state: 'withdrawn',
    });
    expect((await zjj.get('/api/supervision/items?status=open')).json()).toEqual([]);
    const overview = (await sup.get('/api/supervision/overview')).json() as {
      departments: { departmentId: number; supervisionOpen: number }[];
    };
    expect(overview.departments.find((d) => d.departmentId === t.dir.dept.zjj)?.supervisionOpen).toBe(0);

    // Sent on to another department, a new 督办 reaches that department, and the withdrawn one stays as it was.
    expect(
      (await dispatcher.post(`/api/tickets/${no}/actions/dispatch`, { lead: t.dir.dept.jtj })).statusCode,
    ).toBe(200);
    await sup.post(`/api/tickets/${no}/actions/supervise`, { message: '请新承办单位尽快办理' });
    const jtj = (await (await as('handler.jtj')).get('/api/supervision/items')).json() as {
      status: string;
    }[];
    expect(jtj).toMatchObject([{ status: 'open' }]);
    expect((await zjj.get('/api/supervision/items')).json()).toMatchObject([
      { id: item!.id, status: 'withdrawn' },
    ]);
  });

  it('gives supervisors the overview per department, and nobody else', async () => {
    t.clock.set('2026-11-23T09:00:00+08:00');
    const late = await dispatched();
    await dispatched(t.dir.dept.jtj);
    await (await as('handler.zjj')).post(`/api/tickets/${late}/actions/sign`);
    t.clock.set('2026-11-27T10:00:00+08:00'); // zjj yellow; jtj never signed: red on its sign clock
    const sup = await as('supervisor1');
    const overview = (await sup.get('/api/supervision/overview')).json() as {
      departments: {
        departmentId: number;
        open: number;
        yellow: number;
        red: number;
        onTime: number;
        onTimeSignRate: number | null;
      }[];
    };
    const row = (id: number) => overview.departments.find((d) => d.departmentId === id)!;
    expect(row(t.dir.dept.zjj)).toMatchObject({ open: 1, yellow: 1, red: 0, onTime: 0, onTimeSignRate: 1 });
    expect(row(t.dir.dept.jtj)).toMatchObject({ open: 1, yellow: 0, red: 1, onTimeSignRate: null });
    expect(row(t.dir.dept.scjg)).toMatchObject({ open: 0, onTime: 0 });
    expect((await (await as('handler.zjj')).get('/api/supervision/overview')).statusCode).toBe(403);
    expect((await sup.get('/api/supervision/notices?month=2026-13')).statusCode).toBe(400);
    expect((await sup.get('/api/supervision/notices?month=0000-01')).statusCode).toBe(400);
  });
});

describe('cards and the wallboard reach the consoles', () => {
  it('pushes a yellow card to its department, and the wallboard to supervisors and admins only', async () => {
    t.clock.set(Date.now());
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const no = await dispatched();
    const zjj = openConsole(url, { token: await t.login('handler.zjj') });
    const jtj = openConsole(url, { token: await t.login('handler.jtj') });
    const sup = openConsole(url, { token: await t.login('supervisor1') });
    const admin = openConsole(url, { token: await t.login('admin') });
    try {
      await Promise.all([zjj.ready, jtj.ready, sup.ready, admin.ready]);
      const boards: unknown[] = [];
      sup.socket.on('wallboard:update', (b) => boards.push(b));
      const adminBoards: unknown[] = [];
      admin.socket.on('wallboard:update', (b) => adminBoards.push(b));
      let handlerBoards = 0;
      zjj.socket.on('wallboard:update', () => handlerBoards++);

      t.clock.advance(20 * 3_600_000 + 86_400_000 * 3); // well past yellow on the sign clock
      expect(await scan()).toBeGreaterThan(0);
      await until(
        () => zjj.events.some((e) => e.action === 'red' || e.action === 'yellow'),
        3000,
        'card push',
      );
      expect(zjj.events.at(-1)?.ticketNo).toBe(no);
      expect(jtj.events).toEqual([]);

      const { realtime, supervision } = t.app.services;
      realtime.wallboard(() => supervision.overview());
      await until(() => boards.length === 1 && adminBoards.length === 1, 3000, 'wallboard');
      expect(boards[0]).toMatchObject({ departments: expect.any(Array) });
      expect(adminBoards[0]).toEqual(boards[0]);
      expect(handlerBoards).toBe(0);
    } finally {
      zjj.socket.close();
      jtj.socket.close();
      sup.socket.close();
      admin.socket.close();
    }
  });

  it('keeps the revisit clock’s cards from the department whose reply waits for the revisit', async () => {
    // The department's reply is approved; the centre then runs late on its revisit: the centre's lateness.
    t.clock.set(Date.parse('2026-11-23T09:00:00+08:00'));
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const no = await dispatched();
    const zjjApi = await as('handler.zjj');
    await zjjApi.post(`/api/tickets/${no}/actions/sign`);
    await zjjApi.post(`/api/tickets/${no}/actions/reply`, { publicReply: '已处理。', solved: true });
    const approved = await (await as('supervisor1')).post(`/api/tickets/${no}/actions/approve_reply`);
    expect(approved.statusCode, approved.body).toBe(200);
    const sup = openConsole(url, { token: await t.login('supervisor1') });
    const zjj = openConsole(url, { token: await t.login('handler.zjj') });
    try {
      await Promise.all([sup.ready, zjj.ready]);
      t.clock.set('2026-11-24T09:01:00+08:00');
      expect(await scan()).toBe(1);
      const red = (e: { action: string; ticketNo: string }) => e.action === 'red' && e.ticketNo === no;
      await until(() => sup.events.some(red), 5000, 'the red card');
      // A later event of the ticket does reach the department: the red one came before it, had it been sent.
      await (await as('supervisor1')).post(`/api/tickets/${no}/actions/urge`, { message: '请配合回访' });
      await until(() => zjj.events.some((e) => e.action === 'urge' && e.ticketNo === no), 5000, 'the urge');
      expect(zjj.events.filter(red)).toEqual([]);
      // Nor does it come in a replay.
      const again = openConsole(url, { token: await t.login('handler.zjj'), lastSeq: 0 });
      await again.ready;
      expect(again.events.filter(red)).toEqual([]);
      expect(again.events.some((e) => e.action === 'urge' && e.ticketNo === no)).toBe(true);
      again.socket.close();
    } finally {
      for (const c of [sup, zjj]) c.socket.close();
    }
  });

  it('pushes a card on Yantai’s receipt clock to dispatchers and supervisors, and to no department', async () => {
    t.clock.set(Date.parse('2026-11-23T09:00:00+08:00'));
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const order = buildOrder(t, { signDueAt: '2026-11-24T09:00:00+08:00' });
    const ticketNo = ((await postSigned(t, '/api/upstream/v1/orders', order)).json() as { ticketNo: string })
      .ticketNo;
    const dispatcher = openConsole(url, { token: await t.login('dispatcher1') });
    const sup = openConsole(url, { token: await t.login('supervisor1') });
    const zjj = openConsole(url, { token: await t.login('handler.zjj') });
    try {
      await Promise.all([dispatcher.ready, sup.ready, zjj.ready]);
      t.clock.set('2026-11-24T09:01:00+08:00');
      expect(await scan()).toBe(1);
      const red = (e: { action: string; ticketNo: string }) => e.action === 'red' && e.ticketNo === ticketNo;
      await until(() => dispatcher.events.some(red) && sup.events.some(red), 5000, 'the red card');
      expect(dispatcher.events.find(red)?.ticket.upstreamSignDeadline).toBe('red');
      expect(zjj.events.filter((e) => e.ticketNo === ticketNo)).toEqual([]);
    } finally {
      for (const c of [dispatcher, sup, zjj]) c.socket.close();
    }
  });
});
