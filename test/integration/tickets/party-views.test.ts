import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { act, as, type Detail, list, register, t, useListApp } from './list-and-views-setup.js';

useListApp();

describe('what each party sees of a ticket', () => {
  it('masks a confidential caller for departments but not for the centre', async () => {
    const no = await register({ confidential: true, caller: { name: '王小明', phone: '13812345678' } });
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    const dept = (await as['handler.zjj']!.get(`/api/tickets/${no}`)).json() as TicketView;
    expect(dept.caller).toEqual({ name: '王**', phone: '138****5678' });
    expect((await list('handler.zjj')).items[0]?.caller.phone).toBe('138****5678');
    const centre = (await as.dispatcher1!.get(`/api/tickets/${no}`)).json() as TicketView;
    expect(centre.caller).toEqual({ name: '王小明', phone: '13812345678' });
  });

  it('shows departments every number masked, and records each 查看号码 in the history', async () => {
    const no = await register({ caller: { name: '李先生', phone: '13955556666' } });
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    const views = async () => (await as.supervisor1!.get(`/api/tickets/${no}`)).json() as Detail;
    const reads = async () => (await views()).events.filter((e) => e.action === 'view_phone');

    const dept = (await as['handler.zjj']!.get(`/api/tickets/${no}`)).json() as TicketView;
    expect(dept.caller).toEqual({ name: '李先生', phone: '139****6666' });
    expect((await list('handler.zjj')).items.find((i) => i.no === no)?.caller.phone).toBe('139****6666');
    expect(await reads()).toEqual([]);

    const revealed = await as['handler.zjj']!.post(`/api/tickets/${no}/caller-phone`, {});
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ phone: '13955556666' });
    await as['handler.zjj']!.post(`/api/tickets/${no}/caller-phone`, {});
    const recorded = await reads();
    expect(recorded).toHaveLength(2);
    // Who read it (the department user) and that the ticket did not move.
    expect(recorded[0]).toMatchObject({ from: 'dispatched', to: 'dispatched', actor: 'handler.zjj' });
    // The department's answers stay masked.
    expect(((await as['handler.zjj']!.get(`/api/tickets/${no}`)).json() as TicketView).caller.phone).toBe(
      '139****6666',
    );

    // Another department learns nothing; the centre's staff see the number anyway, and are not recorded.
    expect((await as['handler.jtj']!.post(`/api/tickets/${no}/caller-phone`, {})).statusCode).toBe(404);
    const centre = await as.dispatcher1!.post(`/api/tickets/${no}/caller-phone`, {});
    expect(centre.json()).toEqual({ phone: '13955556666' });
    expect(await reads()).toHaveLength(2);
  });

  it("never shows a department a confidential caller's number, and records nothing when it asks", async () => {
    const no = await register({ confidential: true, caller: { name: '王小明', phone: '13812345678' } });
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    const history = async () => ((await as.supervisor1!.get(`/api/tickets/${no}`)).json() as Detail).events;
    const before = (await history()).length;
    const res = await as['handler.zjj']!.post(`/api/tickets/${no}/caller-phone`, {});
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('13812345678');
    expect(await history()).toHaveLength(before);
  });
});
