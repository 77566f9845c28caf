// The revisit clock (回访, 1 working day by default): the deadline scanner raises its yellow and red cards once
// each while the ticket waits for its revisit, and the ticket summary carries its colour. Monday 2026-11-23,
// working hours 08:30–12:00 and 13:30–17:30.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';
import { replyApproved } from '../../helpers/flows.js';

type Detail = TicketView & {
  events: { action: string; actor: string; data: Record<string, unknown> | null }[];
};

let t: TestApp;
let as: Record<string, ReturnType<typeof client>>;
async function login() {
  as = {};
  for (const name of ['operator1', 'dispatcher1', 'supervisor1', 'handler.zjj', 'admin']) {
    as[name] = client(t, await t.login(name));
  }
}
beforeEach(async () => {
  t = await buildTestApp({ start: '2026-11-23T09:00:00+08:00' });
  await login();
});
afterEach(async () => t.close());

const scan = () => t.app.services.scanner.runOnce();
async function act(who: string, no: string, action: string, body: object = {}) {
  const res = await as[who]!.post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${who} ${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}
async function detail(no: string) {
  return (await as.supervisor1!.get(`/api/tickets/${no}`)).json() as Detail;
}
async function cards(no: string) {
  return (await detail(no)).events
    .filter((e) => e.action === 'yellow' || e.action === 'red')
    .map((e) => `${e.action}/${e.data?.clock}/${e.data?.dueAt}`);
}
/** A ticket whose reply was approved at Monday 09:00: its revisit is due Tuesday 09:00. */
async function awaitingRevisit(): Promise<string> {
  const approved = await replyApproved(t, as);
  expect(approved).toMatchObject({
    status: 'pending_revisit',
    revisitDueAt: '2026-11-24T09:00:00.000+08:00',
  });
  expect(approved.revisitDeadline).toBe('green');
  return approved.no;
}

describe('the revisit clock', () => {
  it('turns yellow at 75 % of its working day and red past due, each once, and stops at the revisit', async () => {
    const no = await awaitingRevisit();
    t.clock.set('2026-11-23T16:05:00+08:00');
    expect(await scan()).toBe(0);
    t.clock.set('2026-11-23T16:10:00+08:00'); // 75 % of 450 working minutes is 16:07:30
    expect(await scan()).toBe(1);
    expect(await scan()).toBe(0);
    expect((await detail(no)).revisitDeadline).toBe('yellow');

    // An attempt that does not reach the caller leaves the clock running.
    await act('supervisor1', no, 'revisit', { reached: false, note: '无人接听' });
    t.clock.set('2026-11-24T09:01:00+08:00');
    expect(await scan()).toBe(1);
    t = await t.restart();
    await login();
    expect(await scan()).toBe(0);
    const late = await detail(no);
    expect(late.revisitDeadline).toBe('red');
    expect(late.events.at(-1)).toMatchObject({ action: 'red', actor: '时限监控' });
    expect(await cards(no)).toEqual([
      'yellow/revisit/2026-11-24T09:00:00.000+08:00',
      'red/revisit/2026-11-24T09:00:00.000+08:00',
    ]);
    // The centre revisits itself: no department is chased for it.
    expect((await as.supervisor1!.get('/api/supervision/items')).json()).toEqual([]);

    const closed = await act('supervisor1', no, 'revisit', {
      reached: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    expect(closed).toMatchObject({ status: 'closed', revisitDeadline: null });
    t.clock.set('2026-11-30T09:00:00+08:00');
    expect(await scan()).toBe(0);
  });

  it('starts again with a new due after a rework, and gets its own cards', async () => {
    const no = await awaitingRevisit();
    t.clock.set('2026-11-24T09:01:00+08:00');
    expect(await scan()).toBe(1); // red at once: it was never yellow-scanned
    await act('supervisor1', no, 'revisit', { reached: true, solved: false, satisfaction: 'unsatisfied' });
    const reworked = await detail(no);
    expect(reworked).toMatchObject({ status: 'in_progress', revisitDeadline: null });
    await act('handler.zjj', no, 'reply', { publicReply: '已重新处理。', solved: true });
    const again = await act('supervisor1', no, 'approve_reply');
    expect(again).toMatchObject({ revisitDueAt: '2026-11-25T09:01:00.000+08:00', revisitDeadline: 'green' });
    t.clock.set('2026-11-25T09:02:00+08:00');
    expect(await scan()).toBe(1);
    expect(await cards(no)).toEqual([
      'red/revisit/2026-11-24T09:00:00.000+08:00',
      'red/revisit/2026-11-25T09:01:00.000+08:00',
    ]);
  });

  it('runs on a direct answer sampled for a revisit too', async () => {
    // The policy samples every Nth direct answer; ask for every one.
    const policy = (await as.admin!.get('/api/policy/deadlines')).json() as Record<string, unknown>;
    const put = await as.admin!.put('/api/policy/deadlines', { ...policy, directAnswerRevisitEvery: 1 });
    expect(put.statusCode, put.body).toBe(200);
    const res = await as.operator1!.post('/api/tickets', {
      ...buildTicketInput(),
      action: 'answer',
      answer: '已告知办理地点和所需材料。',
    });
    expect(res.statusCode, res.body).toBe(201);
    const answered = res.json() as TicketView;
    expect(answered).toMatchObject({ status: 'pending_revisit', revisitDeadline: 'green' });
    t.clock.set('2026-11-24T09:01:00+08:00');
    expect(await scan()).toBe(1);
    expect(await cards(answered.no)).toEqual(['red/revisit/2026-11-24T09:00:00.000+08:00']);
  });
});
