import { describe, expect, it } from 'vitest';
import { act, as, register, t, useListApp } from './list-and-views-setup.js';

useListApp();

describe('other paths through the lifecycle', () => {
  it('closes a consultation answered on the call (直办)', async () => {
    const no = await register({ appealType: 'consult' });
    const answered = await act('operator1', no, 'answer', { answer: '居住证在区政务服务中心一楼办理。' });
    expect(answered.status).toBe('closed');
    expect(answered.directAnswer).toBe('居住证在区政务服务中心一楼办理。');
  });

  it('sends every tenth direct answer of the day to a revisit', async () => {
    const statuses: string[] = [];
    for (let i = 0; i < 10; i++) {
      const no = await register({ appealType: 'consult' });
      statuses.push((await act('operator1', no, 'answer', { answer: '已答复' })).status);
    }
    expect(statuses.filter((s) => s === 'pending_revisit')).toHaveLength(1);
    expect(statuses[9]).toBe('pending_revisit');
  });

  it('sends a sampled direct answer whose caller is not satisfied to dispatch (重办), then on to a department', async () => {
    let sampled = '';
    for (let i = 0; i < 10 && !sampled; i++) {
      const no = await register({ appealType: 'consult' });
      if ((await act('operator1', no, 'answer', { answer: '已答复' })).status === 'pending_revisit')
        sampled = no;
    }
    // It answered 409 (no lead to rework) and could only be closed as satisfied or left unreached.
    const again = await act('supervisor1', sampled, 'revisit', {
      reached: true,
      solved: false,
      satisfaction: 'unsatisfied',
    });
    expect(again.status).toBe('pending_dispatch');
    expect(again.counters).toMatchObject({ reworks: 1, revisits: 1 });
    expect(again.satisfaction).toEqual({ first: 'unsatisfied', final: 'unsatisfied' });
    const dispatched = await act('dispatcher1', sampled, 'dispatch', { lead: t.dir.dept.zjj });
    expect(dispatched.status).toBe('dispatched');
  });

  it('rejects an out-of-scope appeal with the route told', async () => {
    const no = await register();
    const rejected = await act('operator1', no, 'reject', { reason: '属于诉讼程序，已告知向法院起诉' });
    expect(rejected.status).toBe('closed');
  });

  it('reopens an unsatisfied revisit (重办) with a new due and keeps the first satisfaction', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', no, 'sign');
    await act('handler.zjj', no, 'reply', { publicReply: '已处理', solved: true });
    await act('supervisor1', no, 'approve_reply');
    const unreached = await act('supervisor1', no, 'revisit', { reached: false });
    expect(unreached.status).toBe('pending_revisit');
    // Reached, the revisit records whether it was solved (解决率) and how satisfied the caller is (满意率).
    const missing = await as.supervisor1!.post(`/api/tickets/${no}/actions/revisit`, { reached: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ field: 'solved' });
    const noSatisfaction = await as.supervisor1!.post(`/api/tickets/${no}/actions/revisit`, {
      reached: true,
      solved: true,
    });
    expect(noSatisfaction.statusCode).toBe(400);
    expect(noSatisfaction.json()).toMatchObject({ field: 'satisfaction' });
    t.clock.set('2026-11-25T09:00:00+08:00');
    const again = await act('supervisor1', no, 'revisit', {
      reached: true,
      solved: false,
      satisfaction: 'unsatisfied',
    });
    expect(again.status).toBe('in_progress');
    expect(again.counters).toMatchObject({ reworks: 1, revisits: 2 });
    expect(again.assignments[0]).toMatchObject({
      status: 'in_progress',
      dueAt: '2026-12-02T09:00:00.000+08:00',
    });
    await act('handler.zjj', no, 'reply', { publicReply: '重新处理完毕', solved: true });
    await act('supervisor1', no, 'approve_reply');
    const closed = await act('supervisor1', no, 'revisit', {
      reached: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    expect(closed.satisfaction).toEqual({ first: 'unsatisfied', final: 'satisfied' });
  });

  it('merges a duplicate into an open ticket and refuses merging into itself', async () => {
    const original = await register();
    const duplicate = await register();
    const self = await as.dispatcher1!.post(`/api/tickets/${duplicate}/actions/merge`, { into: duplicate });
    expect(self.statusCode).toBe(400);
    const merged = await act('dispatcher1', duplicate, 'merge', { into: original });
    expect(merged).toMatchObject({ status: 'merged', mergedInto: original });
    const again = await as.dispatcher1!.post(`/api/tickets/${original}/actions/merge`, { into: duplicate });
    expect(again.statusCode).toBe(400);
  });

  it('records urging and supervision on an open ticket', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('supervisor1', no, 'urge', { message: '请尽快派单' });
    const supervised = await act('supervisor1', no, 'supervise', { message: '列入督办' });
    expect(supervised.counters).toMatchObject({ urges: 1, supervisions: 1 });
    expect(supervised.status).toBe('pending_dispatch');
  });

  it('refuses upstream-only actions on a local ticket (409)', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    const res = await as.dispatcher1!.post(`/api/tickets/${no}/actions/accept`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ state: 'pending_dispatch' });
  });
});
