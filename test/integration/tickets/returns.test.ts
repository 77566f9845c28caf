import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { HOUR } from '../../helpers/clock.js';
import { act, as, detail, register, t, useLifecycleApp, visibleTo } from './lifecycle-setup.js';

useLifecycleApp();

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
