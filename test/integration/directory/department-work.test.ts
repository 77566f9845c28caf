// An admin's changes to a department that still has work on tickets: its place in the tree (level, parent)
// and its being enabled stay as they are while it has live assignments (409 naming the field), since the
// tickets were dispatched or passed down to it as it stood (docs/tickets.md, "Changing the department tree").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';

let t: TestApp;
let as: Record<string, ReturnType<typeof client>>;

beforeEach(async () => {
  t = await buildTestApp();
  as = {};
  for (const name of ['admin', 'operator1', 'dispatcher1', 'supervisor1', 'handler.ljgz', 'handler.ljgzA']) {
    as[name] = client(t, await t.login(name));
  }
});
afterEach(async () => {
  await t.close();
});

interface Dept {
  id: number;
  level: string;
  parentId: number | null;
  disabled: boolean;
}

async function act(who: string, no: string, action: string, body: object = {}) {
  as[who] ??= client(t, await t.login(who));
  const res = await as[who].post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}
/** A ticket submitted by operator1 and dispatched by dispatcher1. */
async function dispatched(dispatch: { lead: number; assists?: number[] }): Promise<string> {
  const res = await as.operator1!.post('/api/tickets', { ...buildTicketInput(), action: 'submit' });
  expect(res.statusCode, res.body).toBe(201);
  const { no } = res.json() as TicketView;
  await act('dispatcher1', no, 'dispatch', dispatch);
  return no;
}
const patch = (id: number, body: object) => as.admin!.patch(`/api/departments/${id}`, body);
const department = async (id: number) =>
  ((await as.admin!.get('/api/departments?includeDisabled=true')).json() as Dept[]).find((d) => d.id === id)!;

describe('changing a department that leads an open ticket', () => {
  it('refuses making it a village (409 naming level, the ticket named), and leaves it as it was', async () => {
    const { zjj, ljgz } = t.dir.dept;
    const no = await dispatched({ lead: zjj });
    const before = await department(zjj);
    const res = await patch(zjj, { level: 'village', parentId: ljgz });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', field: 'level', state: 'open_tickets' });
    expect(res.json().message).toBe(
      `「区住房和城乡建设局」还有 1 件在办工单（${no}），须待这些工单办结或退回后才能改为村居`,
    );
    expect(await department(zjj)).toEqual(before);
    // Nor another level: a dispatched lead keeps the level it was dispatched at.
    expect((await patch(zjj, { level: 'town' })).statusCode).toBe(409);
    // A new name still goes, and so do the level and parent it already has (a form sending every field).
    const renamed = await patch(zjj, { name: '区住建局', level: 'city', parentId: null });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '区住建局', level: 'city', parentId: null });
  });

  it('refuses a town, villages moved away first, becoming a village while it leads (400, then 409)', async () => {
    const { ljgz } = t.dir.dept;
    const town = (
      await as.admin!.post('/api/departments', { code: 'xcz', name: '新城镇', level: 'town' })
    ).json();
    const village = (
      await as.admin!.post('/api/departments', {
        code: 'xcz-a',
        name: '新城村',
        level: 'village',
        parentId: town.id,
      })
    ).json();
    await dispatched({ lead: town.id });
    const withVillages = await patch(town.id, { level: 'village', parentId: ljgz });
    expect(withVillages.statusCode).toBe(400);
    expect(withVillages.json().field).toBe('level');
    expect((await patch(village.id, { parentId: ljgz })).statusCode).toBe(200);
    const leading = await patch(town.id, { level: 'village', parentId: ljgz });
    expect(leading.statusCode, leading.body).toBe(409);
    expect(leading.json()).toMatchObject({ field: 'level' });
    expect(await department(town.id)).toMatchObject({ level: 'town', parentId: null });
  });

  it('counts assisting (协办) too, and names a few of many tickets', async () => {
    const { zjj, scjg } = t.dir.dept;
    const nos: string[] = [];
    for (let i = 0; i < 4; i++) nos.push(await dispatched({ lead: zjj, assists: [scjg] }));
    const res = await patch(scjg, { level: 'town' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(`还有 4 件在办工单（${nos.slice(0, 3).join('、')} 等）`);
  });
});

describe('moving a village that works on a ticket passed down to it', () => {
  it('refuses another town while the village’s assignment is live, replied too (409 naming parentId)', async () => {
    const { ljgz, ljgzA, dzjd } = t.dir.dept;
    const no = await dispatched({ lead: ljgz });
    await act('handler.ljgz', no, 'sign');
    await act('handler.ljgz', no, 'pass_down', { departmentId: ljgzA });
    const res = await patch(ljgzA, { parentId: dzjd });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', field: 'parentId', state: 'open_tickets' });
    expect(res.json().message).toBe(
      `「刘家沟村」还有 1 件在办工单（${no}），须待这些工单办结或退回后才能调整所属镇街`,
    );
    // Replied, the village's work is still the town's to see and to send back.
    await act('handler.ljgzA', no, 'sign');
    await act('handler.ljgzA', no, 'reply', { publicReply: '已处理', solved: true });
    expect((await patch(ljgzA, { parentId: dzjd })).statusCode).toBe(409);
    expect(await department(ljgzA)).toMatchObject({ level: 'village', parentId: ljgz });
  });

  it('moves it once the ticket has left the town (its return approved cancels the village’s work)', async () => {
    const { ljgz, ljgzA, dzjd } = t.dir.dept;
    const no = await dispatched({ lead: ljgz });
    await act('handler.ljgz', no, 'sign');
    await act('handler.ljgz', no, 'pass_down', { departmentId: ljgzA });
    expect((await patch(ljgzA, { parentId: dzjd })).statusCode).toBe(409);
    await act('handler.ljgz', no, 'request_return', { reason: '不属于本镇' });
    await act('dispatcher1', no, 'approve_return');
    const res = await patch(ljgzA, { parentId: dzjd });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().parentId).toBe(dzjd);
  });
});

describe('disabling a department with open tickets', () => {
  it('refuses it (409 naming disabled, closed tickets not counted) until it has returned the open one', async () => {
    const { zjj } = t.dir.dept;
    const done = await dispatched({ lead: zjj });
    await act('handler.zjj', done, 'sign');
    await act('handler.zjj', done, 'reply', { publicReply: '已处理', solved: true });
    await act('supervisor1', done, 'approve_reply');
    const revisit = { reached: true, solved: true, satisfaction: 'satisfied' };
    expect((await act('supervisor1', done, 'revisit', revisit)).status).toBe('closed');
    const open = await dispatched({ lead: zjj });

    const res = await patch(zjj, { disabled: true });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', field: 'disabled', state: 'open_tickets' });
    expect(res.json().message).toBe(
      `「区住房和城乡建设局」还有 1 件在办工单（${open}），须待这些工单办结或退回后才能停用`,
    );
    expect((await department(zjj)).disabled).toBe(false);

    await act('handler.zjj', open, 'request_return', { reason: '不属于本单位职责' });
    await act('dispatcher1', open, 'approve_return');
    expect((await patch(zjj, { disabled: true })).statusCode).toBe(200);
    expect((await department(zjj)).disabled).toBe(true);
    // Closed and returned work does not hold its place in the tree either.
    expect((await patch(zjj, { level: 'town' })).statusCode).toBe(200);
  });
});
