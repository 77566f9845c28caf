// What a department, or a dispatcher, is told when the ticket or its own part of it has ended: 409 with the
// reason for a ticket or a part that has ended, 403 for a phone number it no longer needs, 409 for a preview of a dispatch
// that can no longer be made.
import { describe, expect, it } from 'vitest';
import { act, as, register, t, useLifecycleApp } from './lifecycle-setup.js';

useLifecycleApp();

async function submitted(): Promise<string> {
  const no = await register();
  await act('operator1', no, 'submit');
  return no;
}

describe('a department on a ticket merged into another', () => {
  it('is told the ticket was merged (409), not that it has no right (403)', async () => {
    const no = await submitted();
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    await act('dispatcher1', no, 'merge', { into: await submitted(), reason: '重复工单' });

    const res = await as['handler.zjj']!.post(`/api/tickets/${no}/actions/sign`, {});
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ state: 'merged', message: expect.stringContaining('已并单') });
    // A department that never had the ticket still does not learn it exists.
    expect((await as['handler.ljgz']!.post(`/api/tickets/${no}/actions/sign`, {})).statusCode).toBe(404);
  });
});

describe('the ticket others were merged into', () => {
  it('lists them on its detail (并入本单的工单), to each user only those they may see', async () => {
    const target = await submitted();
    await act('dispatcher1', target, 'dispatch', { lead: t.dir.dept.zjj });
    const unseen = await submitted();
    await act('dispatcher1', unseen, 'merge', { into: target, reason: '重复来电' });
    const seen = await submitted();
    await act('dispatcher1', seen, 'dispatch', { lead: t.dir.dept.zjj });
    await act('dispatcher1', seen, 'merge', { into: target, reason: '重复来电' });

    const all = (await as.dispatcher1!.get(`/api/tickets/${target}`)).json() as {
      mergedFrom: { no: string }[];
    };
    expect(all.mergedFrom.map((m) => m.no)).toEqual([unseen, seen]);
    const zjj = (await as['handler.zjj']!.get(`/api/tickets/${target}`)).json() as {
      mergedFrom: { no: string }[];
    };
    expect(zjj.mergedFrom.map((m) => m.no)).toEqual([seen]);
    const none = (await as.dispatcher1!.get(`/api/tickets/${unseen}`)).json() as { mergedFrom: unknown[] };
    expect(none.mergedFrom).toEqual([]);
  });
});

describe('a village whose part has ended', () => {
  it('is told its part’s state in Chinese when it acts again', async () => {
    const no = await submitted();
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.ljgz });
    await act('handler.ljgz', no, 'sign');
    await act('handler.ljgz', no, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    await act('handler.ljgzA', no, 'sign');
    await act('handler.ljgzA', no, 'reply', { publicReply: '已处理', solved: true });

    const res = await as['handler.ljgzA']!.post(`/api/tickets/${no}/actions/reply`, {
      publicReply: '再次回复',
      solved: true,
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().message).toContain('「已回复」');
  });
});

describe('a village whose town returned the ticket', () => {
  it('no longer sees it once it is dispatched to another department, its finished part and all', async () => {
    const no = await submitted();
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.ljgz });
    await act('handler.ljgz', no, 'sign');
    await act('handler.ljgz', no, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    await act('handler.ljgzA', no, 'sign');
    await act('handler.ljgzA', no, 'reply', { publicReply: '已处理', solved: true });
    await act('handler.ljgz', no, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    await act('handler.ljgz', no, 'request_return', { reason: '不属于本镇职责' });
    await act('dispatcher1', no, 'approve_return');
    expect((await as['handler.ljgzA']!.get(`/api/tickets/${no}`)).statusCode).toBe(200);

    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.dzjd });
    await act('handler.dzjd', no, 'sign');
    await act('handler.dzjd', no, 'reply', { publicReply: '东镇街道已处理', solved: true });

    const village = as['handler.ljgzA']!;
    expect((await village.get(`/api/tickets/${no}`)).statusCode).toBe(404);
    expect((await village.post(`/api/tickets/${no}/caller-phone`, {})).statusCode).toBe(404);
    const list = (await village.get('/api/tickets?pageSize=200')).json() as { items: { no: string }[] };
    expect(list.items.map((i) => i.no)).not.toContain(no);
  });
});

describe('departments whose part ended while the ticket is still open', () => {
  it('an assist whose part was cancelled by the lead’s approved return is told so (409 已取消), not 403', async () => {
    const no = await submitted();
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj, assists: [t.dir.dept.scjg] });
    await act('handler.zjj', no, 'sign');
    await act('handler.scjg', no, 'sign');
    await act('handler.zjj', no, 'request_return', { reason: '不属于本单位职责' });
    await act('dispatcher1', no, 'approve_return');

    // The lead gave the ticket back: it no longer sees it.
    expect((await as['handler.zjj']!.get(`/api/tickets/${no}`)).statusCode).toBe(404);
    const assist = await as['handler.scjg']!.post(`/api/tickets/${no}/actions/reply`, {
      publicReply: '已配合处理',
      solved: true,
    });
    expect(assist.statusCode, assist.body).toBe(409);
    expect(assist.json()).toMatchObject({ message: expect.stringContaining('「已取消」') });
    // A department that never had the ticket still does not learn it exists.
    expect((await as['handler.jtj']!.post(`/api/tickets/${no}/actions/sign`, {})).statusCode).toBe(404);
    // Dispatched to the assist as lead, it works again.
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.scjg });
    expect((await as['handler.scjg']!.post(`/api/tickets/${no}/actions/sign`, {})).statusCode).toBe(200);
  });
});

describe('查看号码 by a village whose part was cancelled', () => {
  it('is refused (403) and recorded nowhere, while a department still at work may', async () => {
    const no = await submitted();
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.ljgz });
    await act('handler.ljgz', no, 'sign');
    await act('handler.ljgz', no, 'pass_down', { departmentId: t.dir.dept.ljgzA });
    const before = await as['handler.ljgzA']!.post(`/api/tickets/${no}/caller-phone`, {});
    expect(before.statusCode, before.body).toBe(200);
    await act('dispatcher1', no, 'merge', { into: await submitted(), reason: '重复工单' });

    const refused = await as['handler.ljgzA']!.post(`/api/tickets/${no}/caller-phone`, {});
    expect(refused.statusCode, refused.body).toBe(403);
    expect((await as['handler.ljgzA']!.get(`/api/tickets/${no}`)).statusCode).toBe(200);

    const history = (await as.supervisor1!.get(`/api/tickets/${no}`)).json() as {
      events: { action: string }[];
    };
    expect(history.events.filter((e) => e.action === 'view_phone')).toHaveLength(1);
  });
});

describe('the dispatch preview', () => {
  it('answers 409 once the ticket is no longer waiting for dispatch', async () => {
    const no = await submitted();
    expect((await as.dispatcher1!.get(`/api/tickets/${no}/dispatch-preview`)).statusCode).toBe(200);
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });

    const res = await as.dispatcher1!.get(`/api/tickets/${no}/dispatch-preview`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ state: 'dispatched' });
  });
});
