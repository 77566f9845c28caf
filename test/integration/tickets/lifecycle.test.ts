import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { HOUR } from '../../helpers/clock.js';
import { buildTicketInput } from '../../helpers/factories.js';
import { act, as, type Detail, detail, register, t, useLifecycleApp, visibleTo } from './lifecycle-setup.js';

useLifecycleApp();

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

describe('a town passing down after its own due has passed', () => {
  it('gives the village the policy’s clocks from now, not ones already run out, and the town stays red', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.ljgz });
    await act('handler.ljgz', no, 'sign');
    t.clock.advance(8 * 24 * HOUR);
    const passed = await act('handler.ljgz', no, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    const village = passed.assignments.find((a) => a.departmentId === t.dir.dept.ljgzA)!;
    const town = passed.assignments.find((a) => a.departmentId === t.dir.dept.ljgz)!;
    expect(Date.parse(village.signDueAt)).toBeGreaterThan(t.clock.now());
    expect(Date.parse(village.dueAt)).toBeGreaterThan(Date.parse(village.signDueAt));
    expect(village.deadline).toBe('green');
    expect(town.deadline).toBe('red');

    await t.app.services.scanner.runOnce();
    expect((await as['handler.ljgzA']!.get('/api/supervision/items')).json()).toEqual([]);
  });
});

describe('a town assisting (协办)', () => {
  it('passes its own part down once it has signed it, before the lead has signed, and answers for it', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj, assists: [t.dir.dept.ljgz] });
    const early = await as['handler.ljgz']!.post(`/api/tickets/${no}/actions/pass_down`, {
      departmentId: t.dir.dept.ljgzA,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toContain('「待签收」');
    await act('handler.ljgz', no, 'sign');

    const passed = await act('handler.ljgz', no, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    expect(passed.status).toBe('dispatched');
    const village = passed.assignments.find((a) => a.departmentId === t.dir.dept.ljgzA)!;
    const town = passed.assignments.find((a) => a.departmentId === t.dir.dept.ljgz)!;
    expect(village).toMatchObject({ role: 'assist', status: 'pending_sign' });
    expect(Date.parse(village.dueAt)).toBeLessThanOrEqual(Date.parse(town.dueAt));
    await act('handler.ljgzA', no, 'sign');
    await act('handler.ljgzA', no, 'reply', { publicReply: '村里已配合排查。', solved: true });
    const reply = await act('handler.ljgz', no, 'reply', { publicReply: '镇里已配合处理。', solved: true });
    expect(reply.status).toBe('dispatched');
    // A village never passes down, even of its own part.
    const villagePass = await as['handler.ljgzA']!.post(`/api/tickets/${no}/actions/pass_down`, {
      departmentId: t.dir.dept.ljgzB,
    });
    expect(villagePass.statusCode).toBe(403);
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
