import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketEventPayload } from '../../../server/realtime/realtime.contract.js';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';
import { openConsole, until } from '../../helpers/sockets.js';

type Detail = TicketView & { callIds: string[]; events: { action: string; note?: string | null }[] };

let t: TestApp;
let url: string;
beforeEach(async () => {
  t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => t.close());

/** A call on record, as the gateway would have left it. */
function call(id: string, from: string): void {
  t.database.sqlite
    .prepare(
      `insert into calls (id, from_number, line, ivr_path, offered_at, outcome)
       values (?, ?, '12345', '[]', ?, 'answered')`,
    )
    .run(id, from, t.clock.now());
}
const events = () =>
  (t.database.sqlite.prepare('select count(*) as n from ticket_events').get() as { n: number }).n;

describe('市民来电催办: the caller rings again about an open ticket', () => {
  it('is recorded on that ticket by the operator, linked to the call, counted and pushed to the department', async () => {
    const operator = client(t, await t.login('operator1'));
    call('c-first', '13800001111');
    const no = (
      (
        await operator.post(
          '/api/tickets',
          buildTicketInput({ caller: { phone: '13800001111' }, callId: 'c-first' }),
        )
      ).json() as TicketView
    ).no;
    await operator.post(`/api/tickets/${no}/actions/submit`, {});
    const dispatcher = client(t, await t.login('dispatcher1'));
    await dispatcher.post(`/api/tickets/${no}/actions/dispatch`, { lead: t.dir.dept.zjj });
    const handler = client(t, await t.login('handler.zjj'));
    await handler.post(`/api/tickets/${no}/actions/sign`, {});

    const dept = openConsole(url, { token: await t.login('handler.zjj') });
    const heard: TicketEventPayload[] = [];
    dept.socket.on('ticket:event', (e) => heard.push(e));
    await dept.ready;

    call('c-again', '13800001111');
    const res = await operator.post(`/api/tickets/${no}/actions/caller_urge`, {
      message: '市民再次来电，反映问题仍未解决，要求尽快处理',
      callId: 'c-again',
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await operator.get(`/api/tickets/${no}`)).json() as Detail;
    expect(detail.status).toBe('in_progress');
    expect([...detail.callIds].sort()).toEqual(['c-again', 'c-first']);
    expect(detail.counters.urges).toBe(1);
    expect(detail.events.at(-1)).toMatchObject({
      action: 'caller_urge',
      note: '市民再次来电，反映问题仍未解决，要求尽快处理',
    });
    await until(() => heard.some((e) => e.action === 'caller_urge'), 3000, 'the push to the department');
    dept.socket.close();

    // Without a call (a walk-in, a call not on record): recorded and counted all the same.
    const walkIn = await operator.post(`/api/tickets/${no}/actions/caller_urge`, { message: '市民来访催办' });
    expect(walkIn.statusCode).toBe(200);
    expect((walkIn.json() as TicketView).counters.urges).toBe(2);
  });

  it('refuses the same call twice, an unknown call, a closed ticket and anyone but an operator, writing nothing', async () => {
    const operator = client(t, await t.login('operator1'));
    call('c-1', '13800002222');
    const no = (
      (await operator.post('/api/tickets', buildTicketInput({ callId: 'c-1' }))).json() as TicketView
    ).no;
    const before = events();

    const twice = await operator.post(`/api/tickets/${no}/actions/caller_urge`, {
      message: '催办',
      callId: 'c-1',
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toMatchObject({ field: 'callId' });
    const unknown = await operator.post(`/api/tickets/${no}/actions/caller_urge`, {
      message: '催办',
      callId: 'c-none',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: 'callId' });
    const empty = await operator.post(`/api/tickets/${no}/actions/caller_urge`, { message: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ field: 'message' });
    const supervisor = client(t, await t.login('supervisor1'));
    expect(
      (await supervisor.post(`/api/tickets/${no}/actions/caller_urge`, { message: '催办' })).statusCode,
    ).toBe(403);
    expect(events()).toBe(before);
    expect(((await operator.get(`/api/tickets/${no}`)).json() as Detail).callIds).toEqual(['c-1']);

    await operator.post(`/api/tickets/${no}/actions/answer`, { answer: '已在电话中答复' });
    const closed = await operator.post(`/api/tickets/${no}/actions/caller_urge`, { message: '催办' });
    expect(closed.statusCode).toBe(409);
  });
});
