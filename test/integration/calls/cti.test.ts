import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ScreenPop } from '../../../server/realtime/realtime.contract.js';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { client } from '../../helpers/app.js';
import { buildTicketInput } from '../../helpers/factories.js';
import { openConsole, until } from '../../helpers/sockets.js';
import { cleanup, gateway, restartWith, t, url, useCtiApp } from './cti-setup.js';

useCtiApp();

const types = (frames: { type: string }[]) => frames.map((f) => f.type);

describe('a call to 12345', () => {
  it('goes through the greeting into the queue, rings the ready agent with the screen pop, and is linked and rated', async () => {
    const phone = '13900001111';
    const operator = client(t, await t.login('operator1'));
    const earlier = (
      (
        await operator.post('/api/tickets', buildTicketInput({ caller: { name: '老王', phone } }))
      ).json() as TicketView
    ).no;
    const desk = openConsole(url, { token: await t.login('operator1') });
    cleanup.push(() => desk.socket.close());
    await desk.ready;
    const pops: ScreenPop[] = [];
    desk.socket.on('call:offered', (p) => pops.push(p));
    const answers: (ScreenPop & { agent: string })[] = [];
    desk.socket.on('call:answered', (p) => answers.push(p));
    expect((await operator.post('/api/agents/me/state', { state: 'ready' })).json()).toMatchObject({
      agent: '1001',
      state: 'ready',
    });

    const g = await gateway();
    g.send({ type: 'call.offered', callId: 'c1', from: phone, to: '12345', at: new Date().toISOString() });
    await until(() => g.commandsFor('c1').some((f) => f.type === 'collect'), 3000, 'the menu');
    expect(types(g.commandsFor('c1'))).toEqual(['play', 'play', 'collect']);
    expect(String(g.commandsFor('c1')[0]?.text)).toContain('录音');

    for (let i = 0; i < 3; i++) g.send({ type: 'call.input', callId: 'c1', digits: '' });
    await until(() => g.commandsFor('c1').some((f) => f.type === 'bridge'), 3000, 'the bridge');
    const bridge = g.commandsFor('c1').find((f) => f.type === 'bridge')!;
    expect(bridge.agent).toBe('1001');
    expect(g.commandsFor('c1').find((f) => f.type === 'enqueue')?.queue).toBe('general');
    await until(() => pops.length === 1, 3000, 'the screen pop');
    expect(pops[0]).toMatchObject({ callId: 'c1', tickets: [{ no: earlier, open: true }] });
    // A desk reloaded now reads the ringing call and its pop again.
    const ringingNow = (await operator.get('/api/agents/me')).json() as { currentCall: unknown };
    expect(ringingNow.currentCall).toMatchObject({ answered: false, pop: pops[0] });

    g.send({ type: 'call.answered', callId: 'c1', agent: '1001' });
    await until(() => g.commandsFor('c1').length > 0, 3000, 'the answer');
    // call:answered carries the screen pop too (DESIGN §7), for a desk that did not see the call ring.
    await until(() => answers.length === 1, 3000, 'call:answered');
    expect(answers[0]).toMatchObject({
      callId: 'c1',
      agent: '1001',
      from: phone,
      tickets: [{ no: earlier }],
    });
    let onCall: { currentCall: unknown } = { currentCall: null };
    await until(
      () => {
        void operator.get('/api/agents/me').then((r) => {
          onCall = r.json() as typeof onCall;
        });
        return (onCall.currentCall as { answered?: boolean } | null)?.answered === true;
      },
      3000,
      'the answered call',
    );
    expect(onCall.currentCall).toMatchObject({ answered: true, pop: { callId: 'c1', from: phone } });
    const reg = await operator.post('/api/tickets', buildTicketInput({ caller: { phone }, callId: 'c1' }));
    const no = (reg.json() as TicketView).no;
    // A second matter on the same call, answered there and then (直办).
    const direct = (
      (
        await operator.post('/api/tickets', {
          ...buildTicketInput({ appealType: 'consult', caller: { phone }, callId: 'c1' }),
          action: 'answer',
          answer: '办理居住证请携带身份证到登州街道便民服务中心。',
        })
      ).json() as TicketView
    ).no;
    expect(((await operator.get(`/api/tickets/${no}`)).json() as { callIds: string[] }).callIds).toEqual([
      'c1',
    ]);

    const collects = () => g.commandsFor('c1').filter((f) => f.type === 'collect').length;
    const before = collects();
    g.send({ type: 'call.agent_left', callId: 'c1' });
    await until(() => collects() === before + 1, 3000, 'the survey');
    g.send({ type: 'call.input', callId: 'c1', digits: '1' });
    await until(() => g.commandsFor('c1').some((f) => f.type === 'hangup'), 3000, 'the goodbye');
    g.send({ type: 'call.ended', callId: 'c1', reason: 'hangup', at: new Date().toISOString() });
    g.send({ type: 'call.recording', callId: 'c1', url: 'https://rec.example/c1.wav', seconds: 95 });

    let call: Record<string, unknown> = {};
    await until(
      () => {
        void operator.get('/api/calls/c1').then((r) => {
          call = r.json() as Record<string, unknown>;
        });
        return call.recording !== undefined && call.recording !== null;
      },
      3000,
      'the call record',
    );
    expect(call).toMatchObject({
      id: 'c1',
      from: phone,
      line: '12345',
      agent: '1001',
      outcome: 'answered',
      satisfaction: 'satisfied',
      recording: { url: 'https://rec.example/c1.wav', seconds: 95 },
    });
    expect(call.ivrPath).toEqual(
      expect.arrayContaining(['welcome', 'emergency', 'seat_menu', 'queue_general']),
    );
    const ticket = (await operator.get(`/api/tickets/${no}`)).json() as TicketView & {
      events: { action: string }[];
    };
    // The survey rates the call. It is the satisfaction of a matter answered on it (直办); a ticket sent on
    // for handling gets its first satisfaction at its revisit (回访), as the monthly ledger counts it.
    expect(ticket.satisfaction.first).toBeNull();
    expect(ticket.events.map((e) => e.action)).toEqual(['register', 'survey']);
    const answered = (await operator.get(`/api/tickets/${direct}`)).json() as TicketView & {
      events: { action: string }[];
    };
    expect(answered.satisfaction.first).toBe('satisfied');
    expect(answered.events.map((e) => e.action)).toEqual(['register', 'answer', 'survey']);
    const agent = await operator.post('/api/agents/me/state', { state: 'not_ready' });
    expect(agent.json()).toMatchObject({ state: 'not_ready' });
    expect((await operator.get('/api/agents/me')).json()).toMatchObject({ currentCall: null });
  });

  it('turns a call abandoned in the queue into one callback task, folding repeat attempts', async () => {
    const operator = client(t, await t.login('operator1'));
    // Consoles that list callback tasks hear of every change; a department never does.
    const desk = openConsole(url, { token: await t.login('operator2') });
    const dept = openConsole(url, { token: await t.login('handler.zjj') });
    cleanup.push(
      () => desk.socket.close(),
      () => dept.socket.close(),
    );
    await Promise.all([desk.ready, dept.ready]);
    type Pushed = { id: number; status: string; attempts: number; claimedByName: string | null };
    const pushed: Pushed[] = [];
    const leaked: unknown[] = [];
    (desk.socket as unknown as { on(e: string, f: (x: Pushed) => void): void }).on('callback:update', (x) =>
      pushed.push(x),
    );
    (dept.socket as unknown as { on(e: string, f: (x: unknown) => void): void }).on('callback:update', (x) =>
      leaked.push(x),
    );
    await operator.post('/api/agents/me/state', { state: 'ready' });
    await operator.post('/api/agents/me/state', { state: 'not_ready' });
    // On duty but not ready: the call waits in the queue, then the caller hangs up.
    await client(t, await t.login('operator2')).post('/api/agents/me/state', { state: 'wrap_up' });
    const g = await gateway();
    for (const callId of ['a1', 'a2']) {
      g.send({
        type: 'call.offered',
        callId,
        from: '13700002222',
        to: '12345',
        at: new Date().toISOString(),
      });
      g.send({ type: 'call.input', callId, digits: '0' });
      await until(() => g.commandsFor(callId).some((f) => f.type === 'enqueue'), 3000, 'the queue');
      g.send({ type: 'call.ended', callId, reason: 'caller_hangup', at: new Date().toISOString() });
    }
    let tasks: { phone: string; attempts: number; reason: string }[] = [];
    await until(
      () => {
        void operator.get('/api/callbacks').then((r) => {
          tasks = r.json() as typeof tasks;
        });
        return tasks.length > 0 && tasks[0]!.attempts === 2;
      },
      3000,
      'the callback task',
    );
    expect(tasks).toMatchObject([{ phone: '13700002222', attempts: 2, reason: '排队中挂断' }]);
    const a1 = (await operator.get('/api/calls/a1')).json();
    expect(a1).toMatchObject({ outcome: 'abandoned_queue' });
    await until(() => pushed.length >= 2, 3000, 'the callback pushes');
    expect(pushed.map((p) => [p.status, p.attempts])).toEqual([
      ['open', 1],
      ['open', 2],
    ]);

    // Claimed and closed through the API: pushed too, with the claimer's name.
    const id = pushed[0]!.id;
    const claimed = (await operator.post(`/api/callbacks/${id}/claim`)).json() as Pushed;
    expect(claimed).toMatchObject({ status: 'claimed', claimedByName: expect.stringMatching(/\S/) });
    // Another operator cannot close a task someone claimed (it answered 200 and took it over silently).
    const other = client(t, await t.login('operator2'));
    const refused = await other.post(`/api/callbacks/${id}/close`, { outcome: 'xx' });
    // Not theirs to act on: 403 (DESIGN §3), naming who has it.
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ message: expect.stringContaining(claimed.claimedByName!) });
    await operator.post(`/api/callbacks/${id}/close`, { outcome: '已回拨，问题已登记工单' });
    await until(() => pushed.length >= 4, 3000, 'the claim and close pushes');
    expect(pushed.slice(2).map((p) => [p.status, p.claimedByName])).toEqual([
      ['claimed', claimed.claimedByName],
      ['closed', claimed.claimedByName],
    ]);
    expect(leaked).toEqual([]);
  });

  it('keeps the 89000 line on a call answered in the 12345 queue (parallel mode)', async () => {
    const g = await gateway();
    g.send({
      type: 'call.offered',
      callId: 'l1',
      from: '13600003333',
      to: '89000',
      at: new Date().toISOString(),
    });
    await until(() => g.commandsFor('l1').length > 0, 3000);
    const operator = client(t, await t.login('operator1'));
    await until(() => g.commandsFor('l1').some((f) => f.type === 'enqueue' || f.type === 'hangup'), 3000);
    const call = (await operator.get('/api/calls/l1')).json() as { line: string; queue: string | null };
    expect(call.line).toBe('89000');
    const reg = await operator.post(
      '/api/tickets',
      buildTicketInput({ caller: { phone: '13600003333' }, callId: 'l1' }),
    );
    expect((reg.json() as TicketView).line).toBe('89000');
  });
});

describe('the gateway connection', () => {
  it('answers malformed and unknown frames with an error and stays open', async () => {
    const g = await gateway();
    g.sendRaw('not json at all');
    g.send({ type: 'call.teleport', callId: 'x' });
    g.send({ type: 'call.offered', callId: 'x' });
    await until(() => g.frames.filter((f) => f.type === 'error').length === 3, 3000, 'three errors');
    expect(g.frames.map((f) => f.reason)).toEqual([
      'not JSON',
      'unknown frame type "call.teleport"',
      expect.stringContaining('call.offered'),
    ]);
    expect(g.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('sends a command again when it is not acknowledged, and again to a gateway that reconnects', async () => {
    await restartWith({ CTI_ACK_TIMEOUT_MS: '100' });
    const silent = await gateway({ ack: false });
    silent.send({
      type: 'call.offered',
      callId: 'r1',
      from: '13500004444',
      to: '12345',
      at: new Date().toISOString(),
    });
    await until(() => silent.commandsFor('r1').length >= 6, 3000, 'resends');
    const first = silent.commandsFor('r1')[0]!;
    expect(silent.commandsFor('r1').filter((f) => f.cmdId === first.cmdId).length).toBeGreaterThan(1);
    silent.close();
    const back = await gateway();
    await until(() => back.commandsFor('r1').length >= 3, 3000, 'pending commands after reconnect');
    expect(
      back
        .commandsFor('r1')
        .map((f) => f.cmdId)
        .slice(0, 3),
    ).toEqual(
      silent
        .commandsFor('r1')
        .map((f) => f.cmdId)
        .filter((id, i, all) => all.indexOf(id) === i)
        .slice(0, 3),
    );
  });

  it('refuses a gateway with a wrong token at the upgrade', async () => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/cti`, {
      headers: { authorization: 'Bearer wrong' },
    });
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
    });
    expect(status).toBe(401);
  });
});

describe('the 89000 line in each merge mode', () => {
  it.each([
    ['forward', 'forward'],
    ['end', 'hangup'],
  ])('in mode %s ends the IVR with %s', async (mode, last) => {
    await restartWith({ IVR_89000_MODE: mode });
    const g = await gateway();
    g.send({
      type: 'call.offered',
      callId: `x-${mode}`,
      from: '13600005555',
      to: '89000',
      at: new Date().toISOString(),
    });
    await until(() => g.commandsFor(`x-${mode}`).some((f) => f.type === last), 3000, last);
    expect(g.commandsFor(`x-${mode}`).some((f) => f.type === 'enqueue')).toBe(false);
  });
});
