import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { HOUR } from '../../helpers/clock.js';
import { buildTicketInput } from '../../helpers/factories.js';

type Detail = TicketView & {
  events: {
    seq: number;
    action: string;
    from: string | null;
    to: string;
    actor: string;
    note: string | null;
  }[];
};

let t: TestApp;
let as: Record<string, ReturnType<typeof client>>;

beforeEach(async () => {
  // Monday 2026-11-23 09:00 China time: an ordinary working week.
  t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
  as = {};
  for (const name of [
    'operator1',
    'dispatcher1',
    'supervisor1',
    'handler.zjj',
    'handler.scjg',
    'handler.jtj',
    'handler.ljgz',
    'handler.ljgzA',
    'handler.ljgzB',
    'handler.dzjd',
  ]) {
    as[name] = client(t, await t.login(name));
  }
});
afterEach(async () => t.close());

async function act(who: string, no: string, action: string, body: object = {}): Promise<TicketView> {
  const res = await as[who]!.post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}
async function detail(who: string, no: string): Promise<Detail> {
  const res = await as[who]!.get(`/api/tickets/${no}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
}
async function register(overrides = {}): Promise<string> {
  const res = await as.operator1!.post('/api/tickets', buildTicketInput(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as TicketView).no;
}
async function visibleTo(who: string, no: string): Promise<boolean> {
  const one = await as[who]!.get(`/api/tickets/${no}`);
  const list = await as[who]!.get('/api/tickets?pageSize=200');
  const listed = (list.json() as { items: TicketView[] }).items.some((i) => i.no === no);
  expect(listed, `${who} list and detail agree about ${no}`).toBe(one.statusCode === 200);
  return one.statusCode === 200;
}

describe('a complaint handled by a lead and an assisting department, from registration to close', () => {
  it('walks every step with the right state, events, deadlines and visibility', async () => {
    const no = await register();
    expect(no).toMatch(/^PL20261123\d{6}$/);
    let tk = await detail('operator1', no);
    expect(tk.status).toBe('registered');
    expect(tk.events.map((e) => e.action)).toEqual(['register']);

    tk = { ...tk, ...(await act('operator1', no, 'submit')) };
    expect(tk.status).toBe('pending_dispatch');
    expect(await visibleTo('handler.zjj', no)).toBe(false);

    const dispatched = await act('dispatcher1', no, 'dispatch', {
      lead: t.dir.dept.zjj,
      assists: [t.dir.dept.scjg],
    });
    expect(dispatched.status).toBe('dispatched');
    const lead = dispatched.assignments.find((a) => a.role === 'lead')!;
    expect(lead.departmentId).toBe(t.dir.dept.zjj);
    expect(lead.status).toBe('pending_sign');
    // Sign within 1 working day; handle within 5 working days; yellow card 1 working day before due.
    expect(lead.signDueAt).toBe('2026-11-24T09:00:00.000+08:00');
    expect(lead.dueAt).toBe('2026-11-30T09:00:00.000+08:00');
    expect(lead.yellowAt).toBe('2026-11-27T09:00:00.000+08:00');
    expect(lead.returnDueAt).toBe('2026-11-25T09:00:00.000+08:00');
    expect(lead.deadline).toBe('green');
    // Time left in working time: one working day to sign, shown in minutes with a working day's length.
    expect(lead.workLeft).toEqual({
      minutes: lead.workLeft!.perDay,
      perDay: expect.any(Number),
      unit: 'working',
      overdue: false,
    });
    expect(lead.workLeft!.perDay).toBeGreaterThan(6 * 60);
    expect(dispatched.assignments.find((a) => a.role === 'assist')?.departmentId).toBe(t.dir.dept.scjg);
    expect(await visibleTo('handler.zjj', no)).toBe(true);
    expect(await visibleTo('handler.scjg', no)).toBe(true);
    expect(await visibleTo('handler.jtj', no)).toBe(false);

    t.clock.advance(2 * HOUR);
    const signed = await act('handler.zjj', no, 'sign');
    expect(signed.status).toBe('in_progress');
    expect(signed.assignments.find((a) => a.role === 'lead')?.signedAt).toBe('2026-11-23T11:00:00.000+08:00');

    await act('handler.zjj', no, 'request_extension', { days: 3, reason: '需等待电梯厂家检测报告' });
    const extended = await act('supervisor1', no, 'approve_extension', { note: '同意' });
    const leadAfter = extended.assignments.find((a) => a.role === 'lead')!;
    expect(leadAfter.dueAt).toBe('2026-12-03T09:00:00.000+08:00');
    expect(leadAfter.extensionDays).toBe(3);
    expect(extended.counters.extensions).toBe(1);

    // Friday morning: one working day before the old due is now well before the new yellow card.
    t.clock.set('2026-11-27T10:00:00+08:00');
    expect((await detail('handler.zjj', no)).assignments.find((a) => a.role === 'lead')?.deadline).toBe(
      'green',
    );
    t.clock.set('2026-12-02T10:00:00+08:00');
    expect((await detail('handler.zjj', no)).assignments.find((a) => a.role === 'lead')?.deadline).toBe(
      'yellow',
    );

    const replied = await act('handler.zjj', no, 'reply', {
      publicReply: '已督促物业维修电梯并更换主板。',
      internalNotes: '物业公司负责人已约谈',
      solved: true,
    });
    expect(replied.status).toBe('replied');
    expect(replied.publicReply).toBe('已督促物业维修电梯并更换主板。');

    const rejected = await act('supervisor1', no, 'reject_reply', { reason: '未说明今后如何防止再次停运' });
    expect(rejected.status).toBe('in_progress');
    expect(rejected.counters.reworks).toBe(1);

    await act('handler.zjj', no, 'reply', {
      publicReply: '已维修电梯，并要求物业每月检修一次。',
      solved: true,
    });
    const approved = await act('supervisor1', no, 'approve_reply');
    expect(approved.status).toBe('pending_revisit');
    expect(approved.revisitDueAt).toBe('2026-12-03T10:00:00.000+08:00');

    const closed = await act('supervisor1', no, 'revisit', {
      reached: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    expect(closed.status).toBe('closed');
    expect(closed.satisfaction).toEqual({ first: 'satisfied', final: 'satisfied' });
    expect(closed.closedAt).toBe('2026-12-02T10:00:00.000+08:00');
    expect(closed.assignments.every((a) => a.status === 'closed')).toBe(true);

    const history = await detail('supervisor1', no);
    expect(history.events.map((e) => [e.action, e.from, e.to])).toEqual([
      ['register', null, 'registered'],
      ['submit', 'registered', 'pending_dispatch'],
      ['dispatch', 'pending_dispatch', 'dispatched'],
      ['sign', 'dispatched', 'in_progress'],
      ['request_extension', 'in_progress', 'in_progress'],
      ['approve_extension', 'in_progress', 'in_progress'],
      ['reply', 'in_progress', 'replied'],
      ['reject_reply', 'replied', 'in_progress'],
      ['reply', 'in_progress', 'replied'],
      ['approve_reply', 'replied', 'pending_revisit'],
      ['revisit', 'pending_revisit', 'closed'],
    ]);
    const seqs = history.events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(history.events[7]?.note).toBe('未说明今后如何防止再次停运');
    expect(history.events[3]?.actor).toBe('handler.zjj');
    // The lead's department still sees its closed ticket; an unrelated one never did.
    expect(await visibleTo('handler.zjj', no)).toBe(true);
    expect(await visibleTo('handler.jtj', no)).toBe(false);
  });

  it('lets an assisting department sign and reply its own part without moving the ticket', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj, assists: [t.dir.dept.scjg] });
    const signed = await act('handler.scjg', no, 'sign');
    expect(signed.status).toBe('dispatched');
    expect(signed.assignments.find((a) => a.role === 'assist')?.status).toBe('in_progress');
    const res = await as['handler.scjg']!.post(`/api/tickets/${no}/actions/request_extension`, {
      days: 2,
      reason: 'x',
    });
    expect(res.statusCode).toBe(403);
    const replied = await act('handler.scjg', no, 'reply', {
      publicReply: '已配合检查商铺证照。',
      solved: true,
    });
    expect(replied.status).toBe('dispatched');
    expect(replied.assignments.find((a) => a.role === 'assist')?.status).toBe('replied');
    expect(replied.publicReply).toBeNull();
  });
});

describe('a misrouted ticket returned by its department and dispatched elsewhere', () => {
  it('moves through return_requested back to pending_dispatch and on to the right department', async () => {
    const no = await register({ title: '公交站牌损坏' });
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    t.clock.advance(HOUR);

    const requested = await act('handler.zjj', no, 'request_return', { reason: '公交设施由交通运输局负责' });
    expect(requested.status).toBe('return_requested');
    expect(requested.assignments[0]?.status).toBe('return_requested');

    const approved = await act('dispatcher1', no, 'approve_return', { note: '同意退单' });
    expect(approved.status).toBe('pending_dispatch');
    expect(approved.counters.returns).toBe(1);
    expect(approved.assignments[0]?.status).toBe('returned');
    // A returned ticket is no longer the department's: it disappears from its inbox.
    expect(await visibleTo('handler.zjj', no)).toBe(false);

    const again = await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.jtj });
    expect(again.status).toBe('dispatched');
    const live = again.assignments.filter((a) => a.status !== 'returned');
    expect(live.map((a) => [a.departmentId, a.role, a.status])).toEqual([
      [t.dir.dept.jtj, 'lead', 'pending_sign'],
    ]);
    // A fresh clock from the re-dispatch.
    expect(live[0]?.dispatchedAt).toBe('2026-11-23T10:00:00.000+08:00');
    expect(await visibleTo('handler.jtj', no)).toBe(true);
    expect(await visibleTo('handler.zjj', no)).toBe(false);

    await act('handler.jtj', no, 'sign');
    const history = await detail('supervisor1', no);
    expect(history.events.map((e) => e.action)).toEqual([
      'register',
      'submit',
      'dispatch',
      'request_return',
      'approve_return',
      'dispatch',
      'sign',
    ]);
  });

  it('takes the ticket away from the assisting department too once it goes to another department', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj, assists: [t.dir.dept.scjg] });
    await act('handler.zjj', no, 'request_return', { reason: '不属于本单位职责' });
    await act('dispatcher1', no, 'approve_return', { note: '同意退单' });
    // Returned to the dispatcher: the assisting department still sees what it worked on.
    expect(await visibleTo('handler.scjg', no)).toBe(true);

    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.jtj });
    await act('handler.jtj', no, 'sign');
    await act('handler.jtj', no, 'reply', { publicReply: '已由交通运输局处理', solved: true });
    // Now it is another department's ticket: neither the old lead nor the old assist may follow it.
    expect(await visibleTo('handler.zjj', no)).toBe(false);
    expect(await visibleTo('handler.scjg', no)).toBe(false);
    expect(await visibleTo('handler.jtj', no)).toBe(true);
  });

  it('keeps the ticket from the old assist after the next department returned it too', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj, assists: [t.dir.dept.scjg] });
    await act('handler.zjj', no, 'request_return', { reason: '不属于本单位职责' });
    await act('dispatcher1', no, 'approve_return', { note: '同意退单' });
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.jtj });
    await act('handler.jtj', no, 'sign');
    await act('handler.jtj', no, 'request_return', { reason: '交通局内部原因' });
    await act('supervisor1', no, 'approve_return', { note: '同意' });
    // The second lead's return made the first round's assist see the ticket (and the reason) again.
    expect(await visibleTo('handler.scjg', no)).toBe(false);
    expect(await visibleTo('handler.jtj', no)).toBe(false);
  });

  it('keeps a ticket a town returned out of the town’s list, also narrowed to its village', async () => {
    const no = await register({ title: '村内道路积水', town: '刘家沟镇' });
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.ljgz });
    await act('handler.ljgz', no, 'sign');
    await act('handler.ljgz', no, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    await act('handler.ljgz', no, 'request_return', { reason: '不属于本镇' });
    await act('dispatcher1', no, 'approve_return', { note: '同意退单' });
    expect(await visibleTo('handler.ljgz', no)).toBe(false);
    const narrowed = await as['handler.ljgz']!.get(
      `/api/tickets?department=${t.dir.dept.ljgzA}&pageSize=200`,
    );
    expect(narrowed.statusCode).toBe(200);
    expect((narrowed.json() as { items: TicketView[] }).items.map((i) => i.no)).not.toContain(no);
  });

  it('keeps a merged ticket in the history of the departments that worked on it', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.ljgz });
    await act('handler.ljgz', no, 'sign');
    await act('handler.ljgz', no, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    const target = await register();
    expect((await act('dispatcher1', no, 'merge', { into: target, reason: '重复工单' })).status).toBe(
      'merged',
    );
    expect(await visibleTo('handler.ljgz', no)).toBe(true);
    expect(await visibleTo('handler.ljgzA', no)).toBe(true);
  });

  it('returns a denied request to where it was, and refuses a return after the window', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', no, 'sign');
    await act('handler.zjj', no, 'request_return', { reason: '不属于本单位' });
    const denied = await act('supervisor1', no, 'deny_return', { note: '属于住建职责' });
    expect(denied.status).toBe('in_progress');
    expect(denied.assignments[0]?.status).toBe('in_progress');

    // Two working days after dispatch (Wed 09:00) the window closes.
    t.clock.set('2026-11-25T09:01:00+08:00');
    const late = await as['handler.zjj']!.post(`/api/tickets/${no}/actions/request_return`, {
      reason: '再次退单',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ state: 'in_progress' });
  });
});

describe('a town passing its assignment down to one of its villages', () => {
  it('gives the village its own clocks within the town’s, and lets the town see the village’s reply', async () => {
    const no = await register({ title: '村内道路积水', town: '刘家沟镇' });
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.ljgz });
    expect(await visibleTo('handler.ljgzA', no)).toBe(false);

    const early = await as['handler.ljgz']!.post(`/api/tickets/${no}/actions/pass_down`, {
      departmentId: t.dir.dept.ljgzA,
    });
    expect(early.statusCode).toBe(409);
    await act('handler.ljgz', no, 'sign');

    const foreign = await as['handler.ljgz']!.post(`/api/tickets/${no}/actions/pass_down`, {
      departmentId: t.dir.dept.dzjdA,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ field: 'departmentId' });

    t.clock.advance(HOUR);
    const passed = await act('handler.ljgz', no, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    expect(passed.status).toBe('in_progress');
    const town = passed.assignments.find((a) => a.departmentId === t.dir.dept.ljgz)!;
    const village = passed.assignments.find((a) => a.departmentId === t.dir.dept.ljgzA)!;
    expect(village.parentId).toBe(town.id);
    expect(village.status).toBe('pending_sign');
    expect(Date.parse(village.dueAt)).toBeLessThanOrEqual(Date.parse(town.dueAt));
    expect(village.signDueAt).toBe('2026-11-24T10:00:00.000+08:00');

    expect(await visibleTo('handler.ljgzA', no)).toBe(true);
    expect(await visibleTo('handler.ljgzB', no)).toBe(false);
    expect(await visibleTo('handler.dzjd', no)).toBe(false);

    // The village works only its own assignment: it cannot reply for the ticket or pass it on.
    const villageDispatch = await as['handler.ljgzA']!.post(`/api/tickets/${no}/actions/pass_down`, {
      departmentId: t.dir.dept.ljgzB,
    });
    expect(villageDispatch.statusCode).toBe(403);
    await act('handler.ljgzA', no, 'sign');
    const villageReply = await act('handler.ljgzA', no, 'reply', {
      publicReply: '已组织村民疏通排水沟，积水已排除。',
      solved: true,
    });
    expect(villageReply.status).toBe('in_progress');

    const townView = await detail('handler.ljgz', no);
    const seen = townView.assignments.find((a) => a.departmentId === t.dir.dept.ljgzA)!;
    expect(seen.status).toBe('replied');
    expect(seen.reply).toBe('已组织村民疏通排水沟，积水已排除。');
    expect(townView.events.at(-1)).toMatchObject({ action: 'reply', from: 'in_progress', to: 'in_progress' });

    // The town stays answerable: its reply is the ticket's.
    const townReply = await act('handler.ljgz', no, 'reply', {
      publicReply: '经镇村两级处理，积水已排除，已加装排水管。',
      solved: true,
    });
    expect(townReply.status).toBe('replied');

    // Villages of the town show up in the town's inbox filter; another department's village does not.
    const byVillage = await as['handler.ljgz']!.get(`/api/tickets?department=${t.dir.dept.ljgzA}`);
    expect((byVillage.json() as { items: TicketView[] }).items.map((i) => i.no)).toEqual([no]);
    const other = await as['handler.ljgz']!.get(`/api/tickets?department=${t.dir.dept.dzjdA}`);
    expect((other.json() as { total: number }).total).toBe(0);
  });
});

describe('a ticket registered by an operator', () => {
  it('is handed to the live push exactly as stored, call link and defaults included', async () => {
    const seen: unknown[] = [];
    t.app.services.hooks.afterCommit((c) => seen.push(c.ticket));
    const res = await as.operator1!.post('/api/tickets', buildTicketInput({ confidential: true }));
    expect(res.statusCode, res.body).toBe(201);
    const { no } = res.json() as { no: string };
    const stored = t.database.sqlite.prepare('select id from tickets where no = ?').get(no) as { id: number };
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: stored.id, no, status: 'registered', confidential: true });
    const { ticketsRepo } = await import('../../../server/tickets/tickets.repo.js');
    expect(seen[0]).toEqual(ticketsRepo.byId(t.database.db, stored.id));
  });
});

describe('the actions a ticket offers each user', () => {
  const allowed = async (who: string, no: string) =>
    ((await detail(who, no)) as Detail & { allowedActions: string[] }).allowedActions;

  it('follows the state machine for the user looking, step by step', async () => {
    const no = await register();
    expect(await allowed('operator1', no)).toEqual(expect.arrayContaining(['answer', 'submit']));
    expect(await allowed('dispatcher1', no)).not.toContain('dispatch');

    await act('operator1', no, 'submit');
    expect(await allowed('dispatcher1', no)).toEqual(expect.arrayContaining(['dispatch', 'merge']));
    expect(await allowed('operator1', no)).not.toContain('submit');

    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj, assists: [t.dir.dept.scjg] });
    const lead = await allowed('handler.zjj', no);
    expect(lead).toEqual(expect.arrayContaining(['sign', 'request_return']));
    expect(lead).not.toContain('reply');
    expect(lead).not.toContain('dispatch');
    expect(await allowed('handler.scjg', no)).toContain('sign'); // its own assisting part
    expect(await allowed('dispatcher1', no)).not.toContain('sign');

    await act('handler.zjj', no, 'sign');
    const signed = await allowed('handler.zjj', no);
    expect(signed).toEqual(expect.arrayContaining(['reply', 'request_extension']));
    expect(signed).not.toContain('sign');
    expect(await allowed('supervisor1', no)).toEqual(expect.arrayContaining(['urge', 'supervise']));
  });
});

describe('the dispatch preview', () => {
  it('shows the dispatcher exactly the clocks the dispatch then gives', async () => {
    const no = await register({ urgency: 'urgent' });
    await act('operator1', no, 'submit');
    const preview = await as.dispatcher1!.get(`/api/tickets/${no}/dispatch-preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json() as Record<string, string | null>;
    const lead = (await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj })).assignments[0]!;
    expect(p).toMatchObject({
      signDueAt: lead.signDueAt,
      dueAt: lead.dueAt,
      yellowAt: lead.yellowAt,
      returnDueAt: lead.returnDueAt,
      upstreamDueAt: null,
    });
    expect((await as['handler.zjj']!.get(`/api/tickets/${no}/dispatch-preview`)).statusCode).toBe(403);
  });
});

describe('deciding an extension', () => {
  it('is offered to the supervisor only while a department has one pending', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', no, 'sign');
    const offered = async () =>
      ((await detail('supervisor1', no)) as Detail & { allowedActions: string[] }).allowedActions;
    expect(await offered()).not.toContain('approve_extension');
    const own = async () =>
      ((await detail('handler.zjj', no)) as Detail & { allowedActions: string[] }).allowedActions;
    expect(await own()).toContain('request_extension');
    await act('handler.zjj', no, 'request_extension', { days: 3, reason: '需协调供热公司' });
    expect(await offered()).toEqual(expect.arrayContaining(['approve_extension', 'deny_extension']));
    // One request at a time: a second one answered 409 (已有待审核的延期申请), so it is not offered.
    expect(await own()).not.toContain('request_extension');
    await act('supervisor1', no, 'approve_extension', {});
    expect(await offered()).not.toContain('deny_extension');
  });

  /** The tickets in the 延期审核 queue, as a supervisor lists them. */
  const waiting = async () =>
    (
      (await as.supervisor1!.get('/api/tickets?pendingExtension=true&pageSize=200')).json() as {
        items: TicketView[];
      }
    ).items.map((i) => i.no);
  const offeredTo = async (who: string, no: string) =>
    ((await detail(who, no)) as Detail & { allowedActions: string[] }).allowedActions;

  it('goes away with a department whose return is approved: nothing is left to decide for the next one', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', no, 'sign');
    await act('handler.zjj', no, 'request_extension', { days: 3, reason: '需协调供热公司' });
    await act('handler.zjj', no, 'request_return', { reason: '不属于本单位' });
    await act('dispatcher1', no, 'approve_return', { note: '同意退单' });
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.jtj });
    await act('handler.jtj', no, 'sign');
    // It stayed in the queue for good, offered to the supervisor, and every decision answered 409.
    expect(await waiting()).not.toContain(no);
    expect(await offeredTo('supervisor1', no)).not.toContain('approve_extension');
  });

  it('is withdrawn by the reply, so a rejected reply’s fresh clock cannot be extended by the old request', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', no, 'sign');
    await act('handler.zjj', no, 'request_extension', { days: 3, reason: '需协调供热公司' });
    const replied = await act('handler.zjj', no, 'reply', { publicReply: '已处理', solved: true });
    expect(replied.assignments[0]?.pendingExtension).toBeNull();
    expect(await waiting()).not.toContain(no);
    await act('supervisor1', no, 'reject_reply', { reason: '答复不完整' });
    expect(await offeredTo('supervisor1', no)).not.toContain('approve_extension');
    const late = await as.supervisor1!.post(`/api/tickets/${no}/actions/approve_extension`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ state: 'in_progress' });
  });
});

describe('working time left', () => {
  it('counts down in working minutes and goes negative once the deadline has passed', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    // Dispatched Monday 09:00: signing is due Tuesday 09:00; Tuesday 11:00 is two working hours late.
    t.clock.advance(26 * HOUR);
    const [lead] = (await detail('handler.zjj', no)).assignments;
    expect(lead?.deadline).toBe('red');
    expect(lead?.workLeft).toMatchObject({ minutes: -120, overdue: true });
  });

  it('says overdue after hours, when no working minute has passed since the due time', async () => {
    t.clock.set('2026-11-23T17:30:00+08:00');
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    // Signing due Tuesday 17:30, the end of the working day; 18:00 is 0 working minutes late, but late.
    t.clock.set('2026-11-24T18:00:00+08:00');
    const [lead] = (await detail('handler.zjj', no)).assignments;
    expect(lead?.workLeft).toMatchObject({ minutes: 0, unit: 'working', overdue: true });
  });

  it('counts an urgent ticket’s clocks in real minutes, also at night (they read 剩余 0 分钟 after hours)', async () => {
    t.clock.set('2026-11-23T17:37:00+08:00');
    const no = await register({ urgency: 'urgent' });
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    t.clock.set('2026-11-23T17:51:00+08:00');
    let [lead] = (await detail('handler.zjj', no)).assignments;
    // 30 minutes to sign from 17:37: 16 real minutes left at 17:51.
    expect(lead?.workLeft).toMatchObject({ minutes: 16, unit: 'wall', overdue: false });
    t.clock.set('2026-11-23T18:10:00+08:00');
    [lead] = (await detail('handler.zjj', no)).assignments;
    expect(lead?.workLeft).toMatchObject({ minutes: -3, unit: 'wall', overdue: true });
    await act('handler.zjj', no, 'sign');
    [lead] = (await detail('handler.zjj', no)).assignments;
    // 24 hours to handle from dispatch: 23 h 27 min left.
    expect(lead?.workLeft).toMatchObject({ minutes: 23 * 60 + 27, unit: 'wall' });
  });
});
