import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { connectGateway } from '../../helpers/gateway.js';
import { until } from '../../helpers/sockets.js';

// Found by the property-based fuzz (test/security/fuzz/cti.ts): `call.bridge_failed` about a call the
// server never heard of took the named agent off the line (not_ready), even one busy on a real call.
const TOKEN = 'test-cti-token-0123456789';
let t: TestApp;
let url: string;

beforeEach(async () => {
  t = await buildTestApp({ start: new Date().toISOString(), env: { CTI_TOKEN: TOKEN } });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => t.close());

describe('frames about a call never offered', () => {
  it('call.bridge_failed for an unknown call leaves the agent and every call row as they were', async () => {
    const op1 = client(t, await t.login('operator1'));
    await op1.post('/api/agents/me/state', { state: 'ready' });
    const rows = () => t.database.sqlite.prepare('select * from agents order by user_id').all();
    const before = [rows(), t.database.sqlite.prepare('select * from calls').all()];
    const g = await connectGateway(url, TOKEN);
    g.send({ type: 'call.bridge_failed', callId: 'never-offered', agent: '1001', reason: 'no_answer' });
    // A refused frame after it: once its error is back, the frame before it has been handled.
    g.send({ type: 'marker' });
    await until(() => g.frames.some((f) => f.type === 'error'), 3000, 'the marker refused');
    await new Promise((r) => setTimeout(r, 20));
    expect([rows(), t.database.sqlite.prepare('select * from calls').all()]).toEqual(before);
    const admin = client(t, await t.login('admin'));
    expect((await admin.get('/api/agents')).json()).toContainEqual(
      expect.objectContaining({ agentNo: '1001', state: 'ready' }),
    );
    g.close();
  });
});

// Found by the same fuzz: `call.offered` with `at` in the year 275760 was stored as is; `GET /api/calls`
// then answered 500 and every later screen pop for that caller failed ("Invalid time value").
describe('a call offered with a time far from now', () => {
  it.each(['+275760-09-13T00:00:00.000Z', '1970-01-01T00:00:00Z', 'not a time'])(
    '"%s" is recorded at the server\'s time, and the calls list and later screen pops still work',
    async (at) => {
      const g = await connectGateway(url, TOKEN);
      g.send({ type: 'call.offered', callId: 'far', from: '13900002222', to: '12345', at });
      await until(() => g.commandsFor('far').length > 0, 3000, 'the greeting');
      const admin = client(t, await t.login('admin'));
      const list = await admin.get('/api/calls');
      expect(list.statusCode).toBe(200);
      const offeredAt = Date.parse((list.json() as { offeredAt: string }[])[0]!.offeredAt);
      expect(Math.abs(offeredAt - t.clock.now())).toBeLessThan(60_000);

      // The same caller again, with an agent ready: the screen pop (which lists the earlier call) is sent.
      const op1 = client(t, await t.login('operator1'));
      await op1.post('/api/agents/me/state', { state: 'ready' });
      g.send({
        type: 'call.offered',
        callId: 'again',
        from: '13900002222',
        to: '12345',
        at: new Date().toISOString(),
      });
      g.send({ type: 'call.input', callId: 'again', digits: '0' });
      await until(() => g.commandsFor('again').some((f) => f.type === 'bridge'), 3000, 'the bridge');
      g.close();
    },
  );
});

// Found by the same fuzz: a frame whose handling failed half-way was logged and its first writes kept
// (the year-275760 call left an agent state changed by a frame that then failed).
describe('a frame whose handling fails half-way', () => {
  it('leaves nothing of it behind: the call is not ended without its callback task', async () => {
    const g = await connectGateway(url, TOKEN);
    g.send({
      type: 'call.offered',
      callId: 'half',
      from: '13900003333',
      to: '12345',
      at: new Date().toISOString(),
    });
    await until(() => g.commandsFor('half').length > 0, 3000, 'the greeting');
    // The callback task of the abandoned call cannot be written: the frame fails after updating the call.
    t.database.sqlite.exec(
      `create trigger no_callbacks before insert on callback_tasks begin select raise(abort, 'refused'); end`,
    );
    const call = () => t.database.sqlite.prepare(`select * from calls where id = 'half'`).get();
    const before = call();
    g.send({ type: 'call.ended', callId: 'half', reason: 'hangup', at: new Date().toISOString() });
    g.send({ type: 'marker' });
    await until(() => g.frames.some((f) => f.type === 'error'), 3000, 'the marker refused');
    await new Promise((r) => setTimeout(r, 20));
    expect(call()).toEqual(before);
    expect(call()).toMatchObject({ outcome: 'in_progress' });
    g.close();
  });
});

// Timer work (ring timeout, wrap-up end, queue overflow) runs outside any request: a failure there used to
// escape as an uncaught exception, which ends the process.
describe('a ring timeout whose work fails', () => {
  it('is logged and rolled back, and the server goes on', async () => {
    await t.close();
    const lines: string[] = [];
    t = await buildTestApp({
      start: new Date().toISOString(),
      env: { CTI_TOKEN: TOKEN, RING_TIMEOUT_SEC: '1', LOG_LEVEL: 'error' },
      logStream: { write: (line: string) => void lines.push(line) },
    });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const op1 = client(t, await t.login('operator1'));
    await op1.post('/api/agents/me/state', { state: 'ready' });
    // Taking the agent off the line after the ring time cannot be written.
    t.database.sqlite.exec(
      `create trigger no_not_ready before update of state on agents when new.state = 'not_ready'
       begin select raise(abort, 'refused'); end`,
    );
    const g = await connectGateway(url, TOKEN);
    g.send({
      type: 'call.offered',
      callId: 'rt',
      from: '13900004444',
      to: '12345',
      at: new Date().toISOString(),
    });
    g.send({ type: 'call.input', callId: 'rt', digits: '0' });
    await until(() => g.commandsFor('rt').some((f) => f.type === 'bridge'), 3000, 'the bridge');
    await until(() => lines.some((l) => l.includes('ring timeout failed')), 4000, 'the failure logged');
    const call = t.database.sqlite.prepare(`select ringing_agent from calls where id = 'rt'`).get();
    expect(call).toEqual({ ringing_agent: '1001' }); // rolled back: still as before the timer
    expect((await client(t, await t.login('admin')).get('/api/health')).statusCode).toBe(200);
    g.close();
  });
});

// Found by review: `call.answered` naming an agent nobody has was taken, and the call counted as answered
// (by agent 9999) in the call records and the metrics.
describe('call.answered by an agent nobody has', () => {
  it('is refused with an error frame and changes nothing', async () => {
    const g = await connectGateway(url, TOKEN);
    g.send({
      type: 'call.offered',
      callId: 'ghost',
      from: '13900004444',
      to: '12345',
      at: new Date().toISOString(),
    });
    await until(() => g.commandsFor('ghost').length > 0, 3000, 'the greeting');
    const call = () => t.database.sqlite.prepare(`select * from calls where id = 'ghost'`).get();
    const before = call();
    g.send({ type: 'call.answered', callId: 'ghost', agent: '9999', at: new Date().toISOString() });
    await until(() => g.frames.some((f) => f.type === 'error'), 3000, 'the refusal');
    expect(g.frames.find((f) => f.type === 'error')).toMatchObject({ reason: 'unknown agent 9999' });
    expect(call()).toEqual(before);
    g.close();
  });
});
