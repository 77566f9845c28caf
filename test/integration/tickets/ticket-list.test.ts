import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { act, as, list, nos, register, t, useListApp } from './list-and-views-setup.js';

useListApp();

describe('the ticket list', () => {
  it('filters by status, department, appeal type, category, urgency, phone, text and date', async () => {
    const a = await register({
      appealType: 'consult',
      title: '咨询供暖时间',
      caller: { phone: '13900000001' },
    });
    t.clock.set('2026-11-24T09:00:00+08:00');
    const b = await register({ urgency: 'urgent', categoryId: t.dir.categoryId, title: '渣土车沿路遗撒' });
    const c = await register({ content: '小区门口井盖缺失，很危险' });
    await act('operator1', b, 'submit');
    await act('operator1', c, 'submit');
    await act('dispatcher1', c, 'dispatch', { lead: t.dir.dept.jtj });

    expect(nos(await list('supervisor1', '?status=registered'))).toEqual([a]);
    expect(nos(await list('supervisor1', '?status=pending_dispatch,dispatched'))).toEqual([b, c].sort());
    expect(nos(await list('supervisor1', `?department=${t.dir.dept.jtj}`))).toEqual([c]);
    expect(nos(await list('supervisor1', '?appealType=consult'))).toEqual([a]);
    expect(nos(await list('supervisor1', `?category=${t.dir.categoryId}`))).toEqual([b]);
    expect(nos(await list('supervisor1', '?urgency=urgent'))).toEqual([b]);
    expect(nos(await list('supervisor1', '?phone=13900000001'))).toEqual([a]);
    expect(nos(await list('supervisor1', `?q=${encodeURIComponent('井盖')}`))).toEqual([c]);
    expect(nos(await list('supervisor1', `?q=${encodeURIComponent('渣土')}`))).toEqual([b]);
    expect(nos(await list('supervisor1', '?q=%25'))).toEqual([]);
    expect(nos(await list('supervisor1', '?from=2026-11-24'))).toEqual([b, c].sort());
    expect(nos(await list('supervisor1', '?to=2026-11-23'))).toEqual([a]);
  });

  it('filters by the hotline line a ticket was taken on (受理线路), never matching a ticket without one', async () => {
    const on12345 = await register();
    const on89000 = await register({ line: '89000' });
    const walkIn = await register({ channel: 'visit' });
    const submitted = await register({ line: '89000' });
    await act('operator1', submitted, 'submit');
    await act('dispatcher1', submitted, 'dispatch', { lead: t.dir.dept.zjj });

    expect(nos(await list('supervisor1', '?line=89000'))).toEqual([on89000, submitted].sort());
    expect(nos(await list('supervisor1', '?line=12345'))).toEqual([on12345]);
    expect(nos(await list('supervisor1', '?line=96120'))).toEqual([]);
    // With the other filters, and for a department within its own tickets only.
    expect(nos(await list('supervisor1', '?line=89000&status=registered'))).toEqual([on89000]);
    expect(nos(await list('handler.zjj', '?line=89000'))).toEqual([submitted]);
    expect(nos(await list('handler.zjj', '?line=89000&status=dispatched'))).toEqual([submitted]);
    expect(nos(await list('handler.zjj', '?line=12345'))).toEqual([]);
    // Without the filter, every ticket, the walk-in (no line) too.
    expect(nos(await list('supervisor1'))).toEqual([on12345, on89000, walkIn, submitted].sort());
  });

  it('finds a caller’s tickets by phone however the number was written (its key: core/phone.ts)', async () => {
    const landline = await register({ caller: { phone: '0535-5651234' } });
    const mobile = await register({ caller: { phone: '+86-138-1234-5678' } });
    const other = await register({ caller: { phone: '13812345679' } });
    const sameTail = await register({ caller: { phone: '13805651234' } });
    for (const phone of ['05355651234', '0535-5651234', '5651234', '+865355651234']) {
      expect(nos(await list('operator1', `?phone=${encodeURIComponent(phone)}`)), phone).toEqual([landline]);
    }
    for (const phone of ['13812345678', '013812345678', '8613812345678', '+86-138-1234-5678']) {
      expect(nos(await list('operator1', `?phone=${encodeURIComponent(phone)}`)), phone).toEqual([mobile]);
    }
    expect(nos(await list('operator1', '?phone=138-1234-5679'))).toEqual([other]);
    expect(nos(await list('operator1', '?phone=13805651234'))).toEqual([sameTail]);
    // No digits, no number: nothing, not every ticket whose number has none.
    expect(await list('operator1', '?phone=---')).toMatchObject({ items: [], total: 0 });
    // The number is shown as it was registered.
    const shown = (await as.operator1!.get(`/api/tickets/${mobile}`)).json() as TicketView;
    expect(shown.caller.phone).toBe('+86-138-1234-5678');
  });

  it('pages newest first with the total', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(await register());
      t.clock.advance(60_000);
    }
    const first = await list('operator1', '?pageSize=2');
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((i) => i.no)).toEqual([made[4], made[3]]);
    const last = await list('operator1', '?pageSize=2&page=3');
    expect(last.items.map((i) => i.no)).toEqual([made[0]]);
    expect(last.total).toBe(5);
    // Past the last page: no rows, and still the total.
    expect(await list('operator1', '?pageSize=2&page=4')).toMatchObject({ items: [], total: 5, page: 4 });
    expect(await list('operator1', '?status=closed')).toMatchObject({ items: [], total: 0 });
    // Oldest first on request (the dispatch queue works from the oldest).
    const oldest = await list('operator1', '?pageSize=2&sort=oldest');
    expect(oldest.items.map((i) => i.no)).toEqual([made[0], made[1]]);
    expect(oldest.total).toBe(5);
    expect((await list('operator1', '?pageSize=2&page=3&sort=oldest')).items.map((i) => i.no)).toEqual([
      made[4],
    ]);
  });

  it('pages a department’s list by status newest first, each ticket once, from its assignments’ copy of the status', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const no = await register();
      await act('operator1', no, 'submit');
      await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.ljgz });
      made.push(no);
      t.clock.advance(60_000);
    }
    // Signed and passed down to a village: the town holds two assignments on it, and lists it once.
    await act('handler.ljgz', made[1]!, 'sign');
    await act('handler.ljgz', made[1]!, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    await act('handler.ljgz', made[3]!, 'sign');
    const other = await register();
    await act('operator1', other, 'submit');
    await act('dispatcher1', other, 'dispatch', { lead: t.dir.dept.zjj });

    const inbox = '?status=dispatched,in_progress,return_requested&pageSize=2';
    const first = await list('handler.ljgz', inbox);
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((i) => i.no)).toEqual([made[4], made[3]]);
    expect((await list('handler.ljgz', `${inbox}&page=3`)).items.map((i) => i.no)).toEqual([made[0]]);
    expect(await list('handler.ljgz', `${inbox}&page=4`)).toMatchObject({ items: [], total: 5, page: 4 });
    expect((await list('handler.ljgz', `${inbox}&sort=oldest`)).items.map((i) => i.no)).toEqual([
      made[0],
      made[1],
    ]);
    expect(nos(await list('handler.ljgz', '?status=in_progress'))).toEqual([made[1], made[3]].sort());
    // A status named twice counts once.
    expect(nos(await list('handler.ljgz', '?status=in_progress,in_progress'))).toEqual(
      [made[1], made[3]].sort(),
    );
    // The village sees only what was passed down to it.
    expect(nos(await list('handler.ljgzA', '?status=in_progress'))).toEqual([made[1]]);

    // Returned and approved: it leaves the town's list at once.
    await act('handler.ljgz', made[4]!, 'request_return', { reason: '不属本镇' });
    await act('dispatcher1', made[4]!, 'approve_return');
    expect((await list('handler.ljgz', inbox)).total).toBe(4);
    expect(nos(await list('handler.zjj', inbox))).toEqual([other]);
  });

  it('finds yellow and red cards from the due times', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', no, 'sign');
    expect((await list('supervisor1', '?deadline=yellow')).total).toBe(0);
    // Due Monday 11-30 09:00, yellow from Friday 11-27 09:00.
    t.clock.set('2026-11-27T09:30:00+08:00');
    expect(nos(await list('supervisor1', '?deadline=yellow'))).toEqual([no]);
    expect((await list('supervisor1', '?deadline=red')).total).toBe(0);
    t.clock.set('2026-11-30T09:30:00+08:00');
    expect(nos(await list('supervisor1', '?deadline=red'))).toEqual([no]);
    expect((await list('handler.zjj', '?deadline=red')).items[0]?.assignments[0]?.deadline).toBe('red');
  });

  it('lists the tickets with an extension request waiting (延期审核), each department only its own', async () => {
    const tickets: string[] = [];
    for (const lead of [t.dir.dept.zjj, t.dir.dept.zjj, t.dir.dept.jtj]) {
      const no = await register();
      await act('operator1', no, 'submit');
      await act('dispatcher1', no, 'dispatch', { lead });
      await act(lead === t.dir.dept.zjj ? 'handler.zjj' : 'handler.jtj', no, 'sign');
      tickets.push(no);
    }
    const [asked, , other] = tickets as [string, string, string];
    await act('handler.zjj', asked, 'request_extension', { days: 2, reason: '等待检测报告' });
    await act('handler.jtj', other, 'request_extension', { days: 1, reason: '需协调施工单位' });
    expect(nos(await list('supervisor1', '?pendingExtension=true'))).toEqual([asked, other].sort());
    expect(nos(await list('handler.zjj', '?pendingExtension=true'))).toEqual([asked]);
    // Decided, it leaves the list; a ticket without a request was never on it.
    await act('supervisor1', asked, 'approve_extension');
    expect(nos(await list('supervisor1', '?pendingExtension=true'))).toEqual([other]);
    expect(nos(await list('supervisor1', '?pendingExtension=false')).length).toBe(3);
  });

  it('shows a department only its own tickets, whatever filter it asks for', async () => {
    const mine = await register();
    const theirs = await register();
    await act('operator1', mine, 'submit');
    await act('operator1', theirs, 'submit');
    await act('dispatcher1', mine, 'dispatch', { lead: t.dir.dept.zjj });
    await act('dispatcher1', theirs, 'dispatch', { lead: t.dir.dept.jtj });
    expect(nos(await list('handler.zjj'))).toEqual([mine]);
    expect(nos(await list('handler.zjj', `?department=${t.dir.dept.jtj}`))).toEqual([]);
    expect(nos(await list('handler.jtj', '?status=dispatched'))).toEqual([theirs]);
    expect((await list('supervisor1')).total).toBe(2);
  });

  it('answers 400 naming a bad filter', async () => {
    for (const [query, field] of [
      ['?deadline=purple', 'deadline'],
      ['?pageSize=1000', 'pageSize'],
      [`?status=${'closed,'.repeat(60)}`, 'status'],
      ['?from=yesterday', 'from'],
      ['?urgency=x', 'urgency'],
      ['?pendingExtension=maybe', 'pendingExtension'],
      ['?sort=sideways', 'sort'],
      // A page past 2^63 rows broke SQLite's offset (500); a NUL in the search matched every ticket.
      ['?page=1000000000000000000', 'page'],
      ['?status=bogus', 'status'],
      ['?status=in_progress,bogus', 'status'],
      ['?q=%00', 'q'],
      // A line is a number dialled: digits only, 3 to 20 of them (as the IVR flows list them).
      ['?line=8900x', 'line'],
      ['?line=12', 'line'],
      [`?line=${'1'.repeat(21)}`, 'line'],
      ['?line=%2B89000', 'line'],
      ['?line=', 'line'],
    ]) {
      const res = await as.supervisor1!.get(`/api/tickets${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ field });
    }
  });
});
