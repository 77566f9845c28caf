import { describe, expect, it } from 'vitest';
import { client } from '../../helpers/app.js';
import { until } from '../../helpers/sockets.js';
import { gateway, restartWith, t, useCtiApp } from './cti-setup.js';

useCtiApp();

describe('the ACD', () => {
  it('rings the longest-idle ready agent, and the next one when the first does not pick up', async () => {
    const op1 = client(t, await t.login('operator1'));
    const op2 = client(t, await t.login('operator2'));
    await op2.post('/api/agents/me/state', { state: 'ready' }); // 1002 idle longest
    t.clock.advance(1000);
    await op1.post('/api/agents/me/state', { state: 'ready' });
    const g = await gateway();
    g.send({
      type: 'call.offered',
      callId: 'b1',
      from: '13900009999',
      to: '12345',
      at: new Date().toISOString(),
    });
    g.send({ type: 'call.input', callId: 'b1', digits: '0' });
    await until(() => g.commandsFor('b1').some((f) => f.type === 'bridge'), 3000, 'first bridge');
    expect(g.commandsFor('b1').find((f) => f.type === 'bridge')?.agent).toBe('1002');
    g.send({ type: 'call.bridge_failed', callId: 'b1', agent: '1002', reason: 'no_answer' });
    await until(
      () => g.commandsFor('b1').filter((f) => f.type === 'bridge').length === 2,
      3000,
      'second bridge',
    );
    expect(
      g
        .commandsFor('b1')
        .filter((f) => f.type === 'bridge')
        .map((f) => f.agent),
    ).toEqual(['1002', '1001']);
    const me2 = await op2.post('/api/agents/me/state', { state: 'not_ready' });
    expect(me2.json()).toMatchObject({ agent: '1002', state: 'not_ready' });
  });
});

describe('an answered call', () => {
  it('is never offered to another agent who becomes ready', async () => {
    const op1 = client(t, await t.login('operator1'));
    await op1.post('/api/agents/me/state', { state: 'ready' });
    const g = await gateway();
    g.send({
      type: 'call.offered',
      callId: 'd1',
      from: '13900008888',
      to: '12345',
      at: new Date().toISOString(),
    });
    g.send({ type: 'call.input', callId: 'd1', digits: '0' });
    await until(() => g.commandsFor('d1').some((f) => f.type === 'bridge'), 3000, 'bridge');
    g.send({ type: 'call.answered', callId: 'd1', agent: '1001' });
    await new Promise((r) => setTimeout(r, 50));
    await client(t, await t.login('operator2')).post('/api/agents/me/state', { state: 'ready' });
    await new Promise((r) => setTimeout(r, 100));
    expect(g.commandsFor('d1').filter((f) => f.type === 'bridge')).toHaveLength(1);
  });

  it('keeps its agent busy: the agent cannot make themselves ready for a second call, and can read their state', async () => {
    const op1 = client(t, await t.login('operator1'));
    expect((await op1.get('/api/agents/me')).json()).toMatchObject({ agentNo: '1001', state: 'offline' });
    const ready = (await op1.post('/api/agents/me/state', { state: 'ready' })).json() as {
      stateSince: string;
    };
    expect(Math.abs(Date.parse(ready.stateSince) - t.clock.now())).toBeLessThan(60_000);
    const g = await gateway();
    g.send({
      type: 'call.offered',
      callId: 'b1',
      from: '13900007777',
      to: '12345',
      at: new Date().toISOString(),
    });
    g.send({ type: 'call.input', callId: 'b1', digits: '0' });
    await until(() => g.commandsFor('b1').some((f) => f.type === 'bridge'), 3000, 'bridge');
    g.send({ type: 'call.answered', callId: 'b1', agent: '1001' });
    let state = '';
    for (let i = 0; i < 100 && state !== 'busy'; i++) {
      state = ((await op1.get('/api/agents/me')).json() as { state: string }).state;
      if (state !== 'busy') await new Promise((r) => setTimeout(r, 20));
    }
    expect(state).toBe('busy');
    const since = Date.parse(((await op1.get('/api/agents/me')).json() as { stateSince: string }).stateSince);
    expect(Math.abs(since - t.clock.now())).toBeLessThan(60_000);
    const refused = await op1.post('/api/agents/me/state', { state: 'ready' });
    expect(refused.statusCode).toBe(409);
    expect((await op1.get('/api/agents/me')).json()).toMatchObject({ state: 'busy' });
    expect((await client(t, await t.login('dispatcher1')).get('/api/agents/me')).statusCode).toBe(403);
  });
});

describe('an agent who does not pick up', () => {
  it('loses the ringing call to the next ready agent after the ring time', async () => {
    await restartWith({ RING_TIMEOUT_SEC: '1' });
    const op1 = client(t, await t.login('operator1'));
    const op2 = client(t, await t.login('operator2'));
    await op2.post('/api/agents/me/state', { state: 'ready' });
    t.clock.advance(1000);
    await op1.post('/api/agents/me/state', { state: 'ready' });
    const g = await gateway();
    g.send({
      type: 'call.offered',
      callId: 'n1',
      from: '13900006666',
      to: '12345',
      at: new Date().toISOString(),
    });
    g.send({ type: 'call.input', callId: 'n1', digits: '0' });
    await until(
      () => g.commandsFor('n1').filter((f) => f.type === 'bridge').length === 2,
      4000,
      'the second bridge',
    );
    expect(
      g
        .commandsFor('n1')
        .filter((f) => f.type === 'bridge')
        .map((f) => f.agent),
    ).toEqual(['1002', '1001']);
    const agents = (await client(t, await t.login('supervisor1')).get('/api/agents')).json() as {
      agentNo: string;
      state: string;
    }[];
    expect(agents.find((a) => a.agentNo === '1002')?.state).toBe('not_ready');
  });
});
