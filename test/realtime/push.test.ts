import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TicketView } from '../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../helpers/app.js';
import { buildTicketInput } from '../helpers/factories.js';
import { openConsole, until } from '../helpers/sockets.js';

let t: TestApp;
let url: string;
const opened: { close(): void }[] = [];

beforeEach(async () => {
  t = await buildTestApp({
    start: new Date().toISOString(),
    env: { CTI_TOKEN: 'test-cti-token-0123456789' },
  });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  for (const s of opened.splice(0)) s.close();
  await t.close();
});

function consoleFor(token: string, lastSeq?: number) {
  const c = openConsole(url, lastSeq === undefined ? { token } : { token, lastSeq });
  opened.push({ close: () => c.socket.close() });
  return c;
}
async function act(who: string, no: string, action: string, body: object = {}) {
  const res = await client(t, await t.login(who)).post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TicketView;
}
async function register(overrides = {}) {
  const res = await client(t, await t.login('operator1')).post('/api/tickets', buildTicketInput(overrides));
  return (res.json() as TicketView).no;
}

describe('one port, two websocket stacks', () => {
  it('serves a console over socket.io and the telephony gateway over /cti on the same running app', async () => {
    const browser = consoleFor(await t.login('supervisor1'));
    await browser.ready;
    const gateway = new WebSocket(`${url.replace('http', 'ws')}/cti`, {
      headers: { authorization: 'Bearer test-cti-token-0123456789' },
    });
    opened.push({ close: () => gateway.close() });
    await new Promise<void>((resolve, reject) => {
      gateway.once('open', () => resolve());
      gateway.once('error', reject);
    });
    expect(browser.socket.connected).toBe(true);
    expect(gateway.readyState).toBe(WebSocket.OPEN);

    // Both stay usable side by side: the console still gets its pushes.
    const no = await register();
    await until(() => browser.events.some((e) => e.ticketNo === no), 3000, 'the push');
  });

  it('refuses a gateway without its token, and an upgrade to any other path', async () => {
    const noToken = new WebSocket(`${url.replace('http', 'ws')}/cti`);
    const status = await new Promise<number>((resolve) => {
      noToken.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      noToken.once('open', () => resolve(101));
    });
    expect(status).toBe(401);
    const elsewhere = new WebSocket(`${url.replace('http', 'ws')}/api/health`);
    const other = await new Promise<number>((resolve) => {
      elsewhere.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      elsewhere.once('error', () => resolve(-1));
    });
    expect(other).toBe(404);
  });
});

describe('socket login', () => {
  it('refuses a bad token with an error the console can show', async () => {
    const c = openConsole(url, { token: 'not-a-session' });
    opened.push({ close: () => c.socket.close() });
    await expect(c.ready).rejects.toThrow(/UNAUTHORIZED/);
  });

  it('accepts the session cookie instead of a token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'dispatcher1', password: 'test-password-1' },
    });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const c = openConsole(url, {}, { cookie });
    opened.push({ close: () => c.socket.close() });
    await expect(c.ready).resolves.toMatchObject({ replayed: 0 });
  });
});

describe('who gets what', () => {
  it('pushes each committed event only to the rooms that may see it, masked for departments', async () => {
    const sup = consoleFor(await t.login('supervisor1'));
    const disp = consoleFor(await t.login('dispatcher1'));
    const op = consoleFor(await t.login('operator1'));
    const zjj = consoleFor(await t.login('handler.zjj'));
    const jtj = consoleFor(await t.login('handler.jtj'));
    await Promise.all([sup.ready, disp.ready, op.ready, zjj.ready, jtj.ready]);

    const no = await register({ confidential: true, caller: { name: '王小明', phone: '13812345678' } });
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    await act('handler.zjj', no, 'sign');
    await until(() => sup.events.length === 4, 3000, 'supervisor events');
    await until(() => zjj.events.length === 2, 3000, 'department events');

    expect(sup.events.map((e) => e.action)).toEqual(['register', 'submit', 'dispatch', 'sign']);
    expect(op.events.map((e) => e.action)).toEqual(['register', 'submit', 'dispatch', 'sign']);
    // Dispatchers may read every ticket: they get every event (their queue picks what waits for them).
    await until(() => disp.events.length === 4, 3000, 'dispatcher events');
    expect(disp.events.map((e) => e.action)).toEqual(['register', 'submit', 'dispatch', 'sign']);
    expect(zjj.events.map((e) => e.action)).toEqual(['dispatch', 'sign']);
    expect(zjj.events[0]?.ticket.caller).toEqual({ name: '王**', phone: '138****5678' });
    expect(sup.events[0]?.ticket.caller).toEqual({ name: '王小明', phone: '13812345678' });
    expect(jtj.events).toEqual([]);

    const seqs = sup.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(sup.events[3]).toMatchObject({ ticketNo: no, ticket: { status: 'in_progress' } });
  });

  it('tells the returning department its return was approved, then nothing more of that ticket', async () => {
    const no = await register();
    await act('operator1', no, 'submit');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.zjj });
    const zjj = consoleFor(await t.login('handler.zjj'));
    await zjj.ready;
    await act('handler.zjj', no, 'request_return', { reason: '不属于本单位' });
    await act('dispatcher1', no, 'approve_return');
    await act('dispatcher1', no, 'dispatch', { lead: t.dir.dept.jtj });
    await until(() => zjj.events.length >= 2, 3000);
    await new Promise((r) => setTimeout(r, 100));
    expect(zjj.events.map((e) => e.action)).toEqual(['request_return', 'approve_return']);
  });
});

describe('replay', () => {
  it('sends what a console missed, in order, then live events, with no gap and no duplicate', async () => {
    const token = await t.login('handler.zjj');
    const first = consoleFor(token);
    const { lastSeq } = await first.ready;
    first.socket.close();

    const a = await register();
    const b = await register();
    await act('operator1', a, 'submit');
    await act('operator1', b, 'submit');
    await act('dispatcher1', a, 'dispatch', { lead: t.dir.dept.zjj });
    await act('dispatcher1', b, 'dispatch', { lead: t.dir.dept.jtj });

    const again = consoleFor(token, lastSeq);
    const ready = await again.ready;
    expect(ready.replayed).toBe(1);
    expect(again.events.map((e) => [e.ticketNo, e.action])).toEqual([[a, 'dispatch']]);

    await act('handler.zjj', a, 'sign');
    await until(() => again.events.length === 2, 3000);
    expect(again.events.map((e) => e.action)).toEqual(['dispatch', 'sign']);
    expect(again.events[1]!.seq).toBeGreaterThan(again.events[0]!.seq);
  });

  it('tells a console that missed too much to reload instead', async () => {
    await t.close();
    t = await buildTestApp({ start: new Date().toISOString(), env: { REALTIME_MAX_REPLAY: '3' } });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const token = await t.login('supervisor1');
    for (let i = 0; i < 4; i++) await register();
    const c = consoleFor(token, 0);
    const reload = new Promise((resolve) => c.socket.once('sync:reload', resolve));
    await expect(reload).resolves.toMatchObject({ latestSeq: 4 });
    await c.ready;
    expect(c.events).toEqual([]);
  });
});

describe('access taken away', () => {
  it('drops a disabled user’s live connection at once, and refuses it back', async () => {
    const token = await t.login('handler.zjj');
    const c = consoleFor(token);
    await c.ready;
    const dropped = new Promise((resolve) => c.socket.once('disconnect', resolve));
    const admin = client(t, await t.login('admin'));
    const res = await admin.patch(`/api/users/${t.user('handler.zjj').id}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    await expect(dropped).resolves.toBe('io server disconnect');
    const again = consoleFor(token);
    await expect(again.ready).rejects.toThrow(/UNAUTHORIZED/);
  });
});

describe('logging out', () => {
  it('drops the live connections of that session only', async () => {
    const first = await t.login('dispatcher1');
    const second = await t.login('dispatcher1');
    const a = consoleFor(first);
    const b = consoleFor(second);
    await Promise.all([a.ready, b.ready]);
    const dropped = new Promise((resolve) => a.socket.once('disconnect', resolve));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { authorization: `Bearer ${first}` },
    });
    expect(res.statusCode).toBe(204);
    await expect(dropped).resolves.toBe('io server disconnect');
    await new Promise((r) => setTimeout(r, 50));
    expect(b.socket.connected).toBe(true);
  });
});
