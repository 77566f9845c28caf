import { describe, expect, it } from 'vitest';
import { client } from '../../helpers/app.js';
import { openConsole, until } from '../../helpers/sockets.js';
import { cleanup, gateway, t, url, useCtiApp } from './cti-setup.js';

useCtiApp();

describe('call metrics', () => {
  it('count answers, the 15-second answers, waits and abandons per line, and what waits now', async () => {
    const operator = client(t, await t.login('operator1'));
    await operator.post('/api/agents/me/state', { state: 'ready' });
    const g = await gateway();
    g.send({
      type: 'call.offered',
      callId: 'm1',
      from: '13800000001',
      to: '12345',
      at: new Date().toISOString(),
    });
    g.send({ type: 'call.input', callId: 'm1', digits: '0' });
    await until(() => g.commandsFor('m1').some((f) => f.type === 'bridge'), 3000, 'bridge');
    g.send({ type: 'call.answered', callId: 'm1', agent: '1001' });
    g.send({
      type: 'call.offered',
      callId: 'm2',
      from: '13800000002',
      to: '12345',
      at: new Date().toISOString(),
    });
    g.send({ type: 'call.input', callId: 'm2', digits: '0' });
    await until(() => g.commandsFor('m2').some((f) => f.type === 'enqueue'), 3000, 'queue');
    const sup = client(t, await t.login('supervisor1'));
    let metrics = (await sup.get('/api/calls/metrics')).json() as {
      now: { waiting: number; agents: Record<string, number> };
      hours: { line: string; hour: number; offered: number }[];
      lines: {
        line: string;
        offered: number;
        answered: number;
        answerRate: number;
        answeredWithin15sRate: number;
      }[];
    };
    expect(metrics.now).toMatchObject({ waiting: 1, agents: { busy: 1 } });
    g.send({ type: 'call.ended', callId: 'm2', reason: 'caller_hangup', at: new Date().toISOString() });
    g.send({ type: 'call.ended', callId: 'm1', reason: 'hangup', at: new Date().toISOString() });
    await until(
      () => {
        void sup.get('/api/calls/metrics').then((r) => {
          metrics = r.json() as typeof metrics;
        });
        return metrics.now.waiting === 0;
      },
      3000,
      'the queue to empty',
    );
    expect(metrics.lines).toMatchObject([
      {
        line: '12345',
        offered: 2,
        queued: 2,
        answered: 1,
        answered15: 1,
        answerRate: 0.5,
        // Of the calls that asked for an agent: the one abandoned in the queue counts too.
        answeredWithin15sRate: 0.5,
        abandoned: 1,
        abandonRate: 0.5,
        abandonedInIvr: 0,
      },
    ]);
    // Both calls in the China-time hour they were offered in.
    const chinaHour = new Date(t.clock.now() + 8 * 3_600_000).getUTCHours();
    expect(metrics.hours).toMatchObject([{ line: '12345', hour: chinaHour, offered: 2 }]);
    expect((await operator.get('/api/calls/metrics')).statusCode).toBe(403);
  });
});

describe('agents', () => {
  it('are set up by an admin (number and skills) and listed with their state for supervisors', async () => {
    const admin = client(t, await t.login('admin'));
    const op2 = t.user('operator2').id;
    const set = await admin.put(`/api/agents/${op2}`, { agentNo: '1099', skills: ['general', 'dialect'] });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ agentNo: '1099', skills: ['general', 'dialect'] });
    expect((await admin.put(`/api/agents/${op2}`, { agentNo: '1001', skills: ['general'] })).statusCode).toBe(
      409,
    );
    expect(
      (await admin.put(`/api/agents/${t.user('dispatcher1').id}`, { agentNo: '1200', skills: ['general'] }))
        .statusCode,
    ).toBe(404);
    expect((await admin.put(`/api/agents/${op2}`, { agentNo: 'x', skills: [] })).statusCode).toBe(400);
    // A queue no flow sends callers to: the agent would never get a call from it.
    const unknownQueue = await admin.put(`/api/agents/${op2}`, {
      agentNo: '1099',
      skills: ['general', 'nope'],
    });
    expect(unknownQueue.statusCode).toBe(400);
    expect(unknownQueue.json()).toMatchObject({
      field: 'skills.1',
      message: expect.stringContaining('general'),
    });
    const sup = client(t, await t.login('supervisor1'));
    const list = (await sup.get('/api/agents')).json() as { agentNo: string; state: string }[];
    expect(list.map((a) => a.agentNo).sort()).toEqual(['1001', '1099']);
    expect((await client(t, await t.login('operator1')).get('/api/agents')).statusCode).toBe(403);
  });

  it('push calls waiting per queue and agent states to supervisors as they change', async () => {
    const wall = openConsole(url, { token: await t.login('supervisor1') });
    cleanup.push(() => wall.socket.close());
    await wall.ready;
    const queues: { waiting: Record<string, number> }[] = [];
    const states: { agent: string; state: string }[] = [];
    wall.socket.on('queue:update', (q) => queues.push(q));
    wall.socket.on('agent:state', (s) => states.push(s));
    await client(t, await t.login('operator2')).post('/api/agents/me/state', { state: 'wrap_up' });
    const g = await gateway();
    g.send({
      type: 'call.offered',
      callId: 'q1',
      from: '13900007777',
      to: '12345',
      at: new Date().toISOString(),
    });
    g.send({ type: 'call.input', callId: 'q1', digits: '0' });
    await until(() => queues.length > 0, 3000, 'queue push');
    expect(queues.at(-1)?.waiting).toEqual({ general: 1 });
    g.send({ type: 'call.ended', callId: 'q1', reason: 'caller_hangup', at: new Date().toISOString() });
    await until(() => queues.length > 1, 3000, 'queue push after hang-up');
    expect(queues.at(-1)?.waiting).toEqual({});
    expect(states).toContainEqual(expect.objectContaining({ agent: '1002', state: 'wrap_up' }));
  });
});
