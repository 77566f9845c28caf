import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';

let t: TestApp;
let operator: ReturnType<typeof client>;
let dispatcher: ReturnType<typeof client>;
let zjj: ReturnType<typeof client>;
let jtj: ReturnType<typeof client>;
let supervisor: ReturnType<typeof client>;

beforeEach(async () => {
  t = await buildTestApp();
  operator = client(t, await t.login('operator1'));
  dispatcher = client(t, await t.login('dispatcher1'));
  supervisor = client(t, await t.login('supervisor1'));
  zjj = client(t, await t.login('handler.zjj'));
  jtj = client(t, await t.login('handler.jtj'));
});
afterEach(async () => t.close());

async function dispatchedTicket(): Promise<string> {
  const no = ((await operator.post('/api/tickets', buildTicketInput())).json() as TicketView).no;
  expect((await operator.post(`/api/tickets/${no}/actions/submit`)).statusCode).toBe(200);
  expect(
    (await dispatcher.post(`/api/tickets/${no}/actions/dispatch`, { lead: t.dir.dept.zjj })).statusCode,
  ).toBe(200);
  return no;
}

/** Every row of every ticket table, to prove a refused request changed nothing. */
function snapshot() {
  const q = (sql: string) => t.database.sqlite.prepare(sql).all();
  return {
    tickets: q('select * from tickets order by id'),
    assignments: q('select * from assignments order by id'),
    events: q('select * from ticket_events order by seq'),
  };
}

describe('registering a ticket', () => {
  it.each([
    ['appealType', { appealType: 'gossip' }],
    ['title', { title: '' }],
    ['caller.phone', { caller: { name: '张三', phone: 'not a phone' } }],
    ['caller.phone', { caller: { name: '张三' } }],
    ['urgency', { urgency: 'very' }],
    ['confidential', { confidential: 'maybe' }],
    // JSON bodies are taken as sent: text is no boolean, and a number no phone (query strings still coerce).
    ['confidential', { confidential: 'true' }],
    ['caller.phone', { caller: { name: '张三', phone: 13805350001 } }],
  ])('answers 400 naming %s and stores nothing', async (field, patch) => {
    const before = snapshot();
    const res = await operator.post('/api/tickets', { ...buildTicketInput(), ...patch });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', field });
    expect(snapshot()).toEqual(before);
  });

  it('answers 400 for a category that does not exist', async () => {
    const res = await operator.post('/api/tickets', buildTicketInput({ categoryId: 9999 }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'categoryId' });
  });

  it('is for operators only (403 for a department)', async () => {
    expect((await zjj.post('/api/tickets', buildTicketInput())).statusCode).toBe(403);
  });

  it('needs a login (401)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/tickets', payload: buildTicketInput() });
    expect(res.statusCode).toBe(401);
  });

  it('numbers tickets per local day: PL + yyyymmdd + 6 digits, restarting the next day', async () => {
    t.clock.set('2026-11-23T23:59:00+08:00');
    const a = ((await operator.post('/api/tickets', buildTicketInput())).json() as TicketView).no;
    const b = ((await operator.post('/api/tickets', buildTicketInput())).json() as TicketView).no;
    // 00:30 China time is still the previous day in UTC: the number follows the local date.
    t.clock.set('2026-11-24T00:30:00+08:00');
    const c = ((await operator.post('/api/tickets', buildTicketInput())).json() as TicketView).no;
    expect([a, b, c]).toEqual(['PL20261123000001', 'PL20261123000002', 'PL20261124000001']);
  });

  it('numbers on from the day’s highest, with no gap for a refused registration, also after a restart', async () => {
    t.clock.set('2026-11-23T10:00:00+08:00');
    const first = ((await operator.post('/api/tickets', buildTicketInput())).json() as TicketView).no;
    expect((await operator.post('/api/tickets', buildTicketInput({ categoryId: 999_999 }))).statusCode).toBe(
      400,
    );
    t = await t.restart();
    operator = client(t, await t.login('operator1'));
    const second = ((await operator.post('/api/tickets', buildTicketInput())).json() as TicketView).no;
    expect([first, second]).toEqual(['PL20261123000001', 'PL20261123000002']);
  });

  it('refuses a day’s millionth ticket rather than hand out a number twice', async () => {
    t.clock.set('2026-11-23T10:00:00+08:00');
    await operator.post('/api/tickets', buildTicketInput());
    t.database.sqlite.prepare("update tickets set no = 'PL20261123999999'").run();
    const res = await operator.post('/api/tickets', buildTicketInput());
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'TICKET_NUMBERS_EXHAUSTED' });
    expect(t.database.sqlite.prepare('select count(*) as n from tickets').get()).toEqual({ n: 1 });
  });

  it('registers and submits (提交派单) or answers (直办) in one request', async () => {
    const submitted = await operator.post('/api/tickets', { ...buildTicketInput(), action: 'submit' });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const s = submitted.json() as TicketView;
    expect(s.status).toBe('pending_dispatch');
    const answered = await operator.post('/api/tickets', {
      ...buildTicketInput({ appealType: 'consult' }),
      action: 'answer',
      answer: '办理时间为工作日 9:00–17:00，携带身份证原件即可。',
    });
    expect(answered.statusCode, answered.body).toBe(201);
    const a = answered.json() as TicketView;
    expect(['closed', 'pending_revisit']).toContain(a.status);
    expect(a.directAnswer).toBe('办理时间为工作日 9:00–17:00，携带身份证原件即可。');
    const detail = (await operator.get(`/api/tickets/${s.no}`)).json() as { events: { action: string }[] };
    expect(detail.events.map((e) => e.action)).toEqual(['register', 'submit']);
  });

  it('refuses a 直办 without its answer, or an answer without 直办 (400 naming answer), and stores nothing', async () => {
    const before = snapshot();
    for (const body of [
      { ...buildTicketInput(), action: 'answer' },
      { ...buildTicketInput(), action: 'submit', answer: '已答复' },
      { ...buildTicketInput(), answer: '已答复' },
    ]) {
      const res = await operator.post('/api/tickets', body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ field: 'answer' });
    }
    const bad = await operator.post('/api/tickets', { ...buildTicketInput(), action: 'dispatch' });
    expect(bad.json()).toMatchObject({ field: 'action' });
    expect(snapshot()).toEqual(before);
  });

  it('links the call it was registered from and keeps the dialled line', async () => {
    t.database.sqlite
      .prepare(
        `insert into calls (id, from_number, line, ivr_path, offered_at, outcome)
         values ('call-42', '13800000042', '89000', '[]', ?, 'answered')`,
      )
      .run(t.clock.now());
    const unknown = await operator.post('/api/tickets', buildTicketInput({ callId: 'call-43' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: 'callId' });
    const res = await operator.post('/api/tickets', buildTicketInput({ callId: 'call-42', line: '89000' }));
    const no = (res.json() as TicketView).no;
    const detail = (await operator.get(`/api/tickets/${no}`)).json() as TicketView & { callIds: string[] };
    expect(detail.callIds).toEqual(['call-42']);
    expect(detail.line).toBe('89000');
    expect(detail.channel).toBe('phone');
  });
});

describe('taking an action', () => {
  it('answers 404 for an unknown action', async () => {
    const no = await dispatchedTicket();
    const res = await zjj.post(`/api/tickets/${no}/actions/teleport`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'UNKNOWN_ACTION' });
  });

  it('answers 404 for a ticket that does not exist', async () => {
    expect((await dispatcher.post('/api/tickets/PL20260101999999/actions/submit')).statusCode).toBe(404);
  });

  it('answers 404, not 403, when another department acts on a ticket it cannot see', async () => {
    const no = await dispatchedTicket();
    const before = snapshot();
    const res = await jtj.post(`/api/tickets/${no}/actions/sign`);
    expect(res.statusCode).toBe(404);
    expect((await jtj.get(`/api/tickets/${no}`)).statusCode).toBe(404);
    expect(snapshot()).toEqual(before);
  });

  it('answers 403 when the role may not take the action', async () => {
    const no = await dispatchedTicket();
    const res = await operator.post(`/api/tickets/${no}/actions/sign`);
    expect(res.statusCode).toBe(403);
    expect((await zjj.post(`/api/tickets/${no}/actions/approve_reply`)).statusCode).toBe(403);
  });

  it('answers 409 with the current state when the state forbids the action', async () => {
    const no = await dispatchedTicket();
    const before = snapshot();
    const res = await zjj.post(`/api/tickets/${no}/actions/reply`, { publicReply: '已处理', solved: true });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', state: 'dispatched' });
    expect(snapshot()).toEqual(before);
  });

  it('refuses a second sign of the same assignment (409)', async () => {
    const no = await dispatchedTicket();
    expect((await zjj.post(`/api/tickets/${no}/actions/sign`)).statusCode).toBe(200);
    const again = await zjj.post(`/api/tickets/${no}/actions/sign`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ state: 'in_progress' });
  });

  it.each([
    ['dispatch', {}, 'lead'],
    ['dispatch', { lead: 'zjj' }, 'lead'],
    ['dispatch', { lead: '3' }, 'lead'],
    ['dispatch', { lead: 99999 }, 'lead'],
    ['dispatch', { lead: 1, assists: [1] }, 'assists.0'],
    ['reject', {}, 'reason'],
    ['merge', { into: 'nonsense' }, 'into'],
  ])('answers 400 for %s with %j naming %s', async (action, body, field) => {
    const no = ((await operator.post('/api/tickets', buildTicketInput())).json() as TicketView).no;
    if (action === 'dispatch') await operator.post(`/api/tickets/${no}/actions/submit`);
    const who = action === 'reject' ? operator : dispatcher;
    const lead =
      (body as { lead?: unknown }).lead === 1 ? { lead: t.dir.dept.zjj, assists: [t.dir.dept.zjj] } : body;
    const before = snapshot();
    const res = await who.post(`/api/tickets/${no}/actions/${action}`, lead);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field });
    expect(snapshot()).toEqual(before);
  });

  it('refuses to dispatch straight to a village (400): it goes through its town', async () => {
    const no = ((await operator.post('/api/tickets', buildTicketInput())).json() as TicketView).no;
    await operator.post(`/api/tickets/${no}/actions/submit`);
    const res = await dispatcher.post(`/api/tickets/${no}/actions/dispatch`, { lead: t.dir.dept.ljgzA });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'lead' });
  });

  it('caps extensions at 10 working days in total and asks for them before the due time', async () => {
    const no = await dispatchedTicket();
    await zjj.post(`/api/tickets/${no}/actions/sign`);
    const tooMuch = await zjj.post(`/api/tickets/${no}/actions/request_extension`, {
      days: 11,
      reason: '等待检测',
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(
      (await zjj.post(`/api/tickets/${no}/actions/request_extension`, { days: 6, reason: 'a' })).statusCode,
    ).toBe(200);
    const twice = await zjj.post(`/api/tickets/${no}/actions/request_extension`, { days: 1, reason: 'b' });
    expect(twice.statusCode).toBe(409);
    expect((await supervisor.post(`/api/tickets/${no}/actions/approve_extension`)).statusCode).toBe(200);
    const over = await zjj.post(`/api/tickets/${no}/actions/request_extension`, { days: 5, reason: 'c' });
    expect(over.statusCode).toBe(409);
    expect(
      (await zjj.post(`/api/tickets/${no}/actions/request_extension`, { days: 4, reason: 'd' })).statusCode,
    ).toBe(200);
    expect((await supervisor.post(`/api/tickets/${no}/actions/deny_extension`)).statusCode).toBe(200);
    expect((await supervisor.post(`/api/tickets/${no}/actions/deny_extension`)).statusCode).toBe(409);
    t.clock.set('2026-12-15T09:00:00+08:00');
    const late = await zjj.post(`/api/tickets/${no}/actions/request_extension`, { days: 1, reason: 'e' });
    expect(late.statusCode).toBe(409);
  });

  it('writes nothing at all when the last write of the transaction fails', async () => {
    const no = await dispatchedTicket();
    const before = snapshot();
    // The event row is the last write of every action: make it fail and the whole action must roll back.
    t.database.sqlite.exec(
      "create trigger fail_events before insert on ticket_events begin select raise(abort, 'disk full'); end",
    );
    const res = await zjj.post(`/api/tickets/${no}/actions/sign`);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ statusCode: 500, code: 'INTERNAL', message: '服务器内部错误' });
    expect(snapshot()).toEqual(before);

    const reg = await operator.post('/api/tickets', buildTicketInput());
    expect(reg.statusCode).toBe(500);
    expect(snapshot()).toEqual(before);

    t.database.sqlite.exec('drop trigger fail_events');
    expect((await zjj.post(`/api/tickets/${no}/actions/sign`)).statusCode).toBe(200);
  });
});

describe('a department acting on its own closed ticket', () => {
  it('is told the state forbids it (409), not that it may not (403)', async () => {
    const no = await dispatchedTicket();
    await zjj.post(`/api/tickets/${no}/actions/sign`);
    await zjj.post(`/api/tickets/${no}/actions/reply`, { publicReply: '已处理', solved: true });
    await supervisor.post(`/api/tickets/${no}/actions/approve_reply`);
    await supervisor.post(`/api/tickets/${no}/actions/revisit`, {
      reached: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    const res = await zjj.post(`/api/tickets/${no}/actions/reply`, { publicReply: '补充', solved: true });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ state: 'closed' });
  });
});
