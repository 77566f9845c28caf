// A caller is found by the key of their number (server/core/phone.ts `phoneKey`), however the desk, Yantai or
// the gateway wrote it: the screen pop, the IVR's status lookup and the callback tasks, through a real gateway.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScreenPop } from '../../../server/realtime/realtime.contract.js';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';
import { connectGateway, leaveVoicemail } from '../../helpers/gateway.js';
import { until } from '../../helpers/sockets.js';

const TOKEN = 'test-cti-token-0123456789';
let t: TestApp;
let url: string;
let g: Awaited<ReturnType<typeof connectGateway>>;
let operator: ReturnType<typeof client>;

beforeEach(async () => {
  t = await buildTestApp({ start: new Date().toISOString(), env: { CTI_TOKEN: TOKEN } });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  g = await connectGateway(url, TOKEN);
  operator = client(t, await t.login('operator1'));
});
afterEach(async () => {
  g.close();
  await t.close();
});

let calls = 0;
const offer = (from: string) => {
  const callId = `k${++calls}`;
  g.send({ type: 'call.offered', callId, from, to: '12345', at: new Date().toISOString() });
  return callId;
};

async function register(phone: string): Promise<string> {
  const res = await operator.post('/api/tickets', buildTicketInput({ caller: { phone } }));
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as TicketView).no;
}

/** The screen pop operator1 gets for a call from `from` (read back as the desk does after a reload). */
async function popFor(from: string): Promise<ScreenPop> {
  expect((await operator.post('/api/agents/me/state', { state: 'ready' })).statusCode).toBe(200);
  const callId = offer(from);
  g.send({ type: 'call.input', callId, digits: '0' });
  await until(() => g.commandsFor(callId).some((f) => f.type === 'bridge'), 3000, 'the bridge');
  const me = (await operator.get('/api/agents/me')).json() as { currentCall: { pop: ScreenPop } | null };
  expect(me.currentCall?.pop.callId).toBe(callId);
  // Not picked up, and the caller hangs up in the queue: the agent is free for the next call.
  g.send({ type: 'call.bridge_failed', callId, agent: '1001', reason: 'no_answer' });
  g.send({ type: 'call.ended', callId, reason: 'caller_hangup', at: new Date().toISOString() });
  let state = 'busy';
  await until(
    () => {
      void operator.get('/api/agents/me').then((r) => {
        state = (r.json() as { state: string }).state;
      });
      return state !== 'busy';
    },
    3000,
    'the agent freed',
  );
  return me.currentCall!.pop;
}

/** What the IVR reads to a caller from `from` who asks for ticket `no` (menu 3, then the number's digits). */
async function statusHeard(from: string, no: string): Promise<string> {
  const callId = offer(from);
  await until(() => g.commandsFor(callId).some((f) => f.type === 'collect'), 3000, 'the menu');
  g.send({ type: 'call.input', callId, digits: '3' });
  await until(
    () => g.commandsFor(callId).some((f) => f.type === 'collect' && /工单编号/.test(String(f.text))),
    3000,
    'the ticket number prompt',
  );
  g.send({ type: 'call.input', callId, digits: no.slice(2) });
  const heard = () =>
    g.commandsFor(callId).find((f) => f.type === 'play' && /工单/.test(String(f.text)))?.text as
      | string
      | undefined;
  await until(() => heard() !== undefined, 3000, 'the answer');
  g.send({ type: 'call.ended', callId, reason: 'caller_hangup', at: new Date().toISOString() });
  return heard()!;
}

/** A message left from `from` (test/helpers/gateway.ts), under a fresh call id. */
async function leaveMessage(from: string): Promise<string> {
  const callId = `k${++calls}`;
  await leaveVoicemail(g, callId, from);
  return callId;
}

interface Task {
  id: number;
  phone: string;
  attempts: number;
  voicemails: { callId: string }[];
}

/** The open callback tasks, once they count `attempts` calls between them. */
async function tasksAfter(attempts: number): Promise<Task[]> {
  let tasks: Task[] = [];
  await until(
    () => {
      void operator.get('/api/callbacks').then((r) => {
        tasks = r.json() as Task[];
      });
      return tasks.reduce((n, x) => n + x.attempts, 0) === attempts;
    },
    3000,
    `${attempts} attempts in the callback tasks`,
  );
  return tasks;
}

describe("a caller's number, however it was written", () => {
  it('finds the tickets registered under it in the screen pop, and no one else’s', async () => {
    const landline = await register('0535-5651234');
    const mobile = await register('+86-138-1234-5678');
    // One digit apart, and a mobile ending as the landline does: other people.
    await register('13812345679');
    const sameTail = await register('13805651234');

    expect((await popFor('05355651234')).tickets.map((x) => x.no)).toEqual([landline]);
    const fromMobile = await popFor('13812345678');
    expect(fromMobile.tickets.map((x) => x.no)).toEqual([mobile]);
    // As a trunk or a gateway may send the same mobile: the tickets, and the earlier call too.
    const fromTrunk = await popFor('013812345678');
    expect(fromTrunk).toMatchObject({ from: '013812345678', tickets: [{ no: mobile }] });
    expect(fromTrunk.calls.map((c) => c.callId)).toEqual([fromMobile.callId]);
    expect((await popFor('+8613812345678')).calls).toHaveLength(2);
    expect((await popFor('13805651234')).tickets.map((x) => x.no)).toEqual([sameTail]);
    // A withheld number has no history, though other withheld calls came before it.
    await popFor('');
    expect(await popFor('')).toMatchObject({ calls: [], tickets: [] });
  });

  it('lets the IVR read the status to the caller who registered it, and to nobody else', async () => {
    const landline = await register('0535-5651234');
    const mobile = await register('+86-138-1234-5678');

    expect(await statusHeard('05355651234', landline)).toBe('您查询的工单当前状态为：已登记。');
    expect(await statusHeard('13812345678', mobile)).toBe('您查询的工单当前状态为：已登记。');
    expect(await statusHeard('8613812345678', mobile)).toContain('已登记');
    // Someone else asking for these numbers hears nothing of them.
    const notFound = '未查询到与您来电号码相符的工单。';
    expect(await statusHeard('13812345679', mobile)).toBe(notFound);
    expect(await statusHeard('13805651234', landline)).toBe(notFound);
    expect(await statusHeard('06315651234', landline)).toBe(notFound);
    expect(await statusHeard('', landline)).toBe(notFound);
  });

  it('folds calls from one number into one callback task, with every message left, and keeps others apart', async () => {
    const first = await leaveMessage('0535-5651234');
    await tasksAfter(1);
    const second = await leaveMessage('05355651234');
    await leaveMessage('0535-5651235');
    const tasks = await tasksAfter(3);
    expect(tasks).toHaveLength(2);
    // The task keeps the number as the first call sent it: the one to call back.
    const folded = tasks.find((x) => x.attempts === 2);
    expect(folded).toMatchObject({ phone: '0535-5651234' });
    expect(folded!.voicemails.map((v) => v.callId)).toEqual([first, second]);
    expect(tasks.find((x) => x.attempts === 1)).toMatchObject({ phone: '0535-5651235' });

    // The calls list finds both of the folded calls by either form of the number.
    const found = (await operator.get('/api/calls?from=0535-5651234')).json() as { id: string }[];
    expect(found.map((c) => c.id).sort()).toEqual([first, second].sort());
  });

  it('makes no callback task for a withheld number that hangs up, but keeps the messages it leaves', async () => {
    // Hung up in the queue twice, from no number and from "anonymous": nobody to call back.
    await popFor('');
    await popFor('anonymous');
    expect((await operator.get('/api/callbacks')).json()).toEqual([]);
    // Its messages are still there to hear: one task for every withheld caller.
    const first = await leaveMessage('');
    const second = await leaveMessage('anonymous');
    const [task, ...more] = await tasksAfter(2);
    expect(more).toEqual([]);
    expect(task!.voicemails.map((v) => v.callId)).toEqual([first, second]);
  });
});
