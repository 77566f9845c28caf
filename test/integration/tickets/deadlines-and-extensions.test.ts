import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { HOUR } from '../../helpers/clock.js';
import { act, as, type Detail, detail, register, t, useLifecycleApp } from './lifecycle-setup.js';

useLifecycleApp();

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
