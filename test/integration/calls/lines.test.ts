// 热线号码 (GET/PUT /api/ivr/lines): which IVR flow answers each dialled line; an admin switches the 89000 merge
// mode without a restart, and the choice outlives one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { connectGateway } from '../../helpers/gateway.js';
import { until } from '../../helpers/sockets.js';

const TOKEN = 'test-cti-token-0123456789';
let t: TestApp;
const closing: (() => void)[] = [];
beforeEach(async () => {
  t = await buildTestApp({
    start: new Date().toISOString(),
    env: { CTI_TOKEN: TOKEN, IVR_89000_MODE: 'parallel' },
  });
});
afterEach(async () => {
  for (const fn of closing.splice(0)) fn();
  await t.close();
});

type Line = { line: string; flowId: string; choices: { flowId: string }[]; chosenBy: string | null };

/** Offers a call to `line` through a real CTI gateway and waits for the IVR's last word on it. */
const listening = new WeakMap<TestApp, string>();
async function callTo(line: string, callId: string) {
  let url = listening.get(t);
  if (!url) {
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    listening.set(t, url);
  }
  const g = await connectGateway(url, TOKEN);
  closing.push(() => g.close());
  g.send({ type: 'call.offered', callId, from: '13600005555', to: line, at: new Date().toISOString() });
  await until(
    () => g.commandsFor(callId).some((f) => ['enqueue', 'forward', 'hangup'].includes(f.type)),
    3000,
    `the IVR on ${line}`,
  );
  return g.commandsFor(callId).map((f) => f.type);
}

describe('热线号码', () => {
  it('lists each line with the flow answering it and the flows it could have', async () => {
    const admin = client(t, await t.login('admin'));
    const lines = (await admin.get('/api/ivr/lines')).json() as Line[];
    expect(lines.map((l) => [l.line, l.flowId, l.choices.map((c) => c.flowId), l.chosenBy])).toEqual([
      ['12345', '12345-main', ['12345-main'], null],
      ['89000', '89000-parallel', ['89000-end', '89000-forward', '89000-parallel'], null],
    ]);
  });

  it('switches 89000 to another merge mode from the next call on, and keeps it over the configuration after a restart', async () => {
    expect(await callTo('89000', 'before')).toContain('enqueue');

    const admin = client(t, await t.login('admin'));
    const chosen = await admin.put('/api/ivr/lines/89000', { flowId: '89000-end' });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({ line: '89000', flowId: '89000-end', chosenBy: 'admin' });
    const after = await callTo('89000', 'after');
    expect(after).toContain('hangup');
    expect(after).not.toContain('enqueue');

    // IVR_89000_MODE still says parallel: the admin's choice stands.
    t = await t.restart();
    const lines = (await client(t, await t.login('admin')).get('/api/ivr/lines')).json() as Line[];
    expect(lines.find((l) => l.line === '89000')).toMatchObject({ flowId: '89000-end', chosenBy: 'admin' });
    expect(await callTo('89000', 'restarted')).not.toContain('enqueue');
  });

  it('ignores at start a stored choice whose flow no longer lists the line, and answers with the configured one', async () => {
    t.database.sqlite
      .prepare("insert into settings (key, value, updated_at) values ('ivr.lines', ?, 0)")
      .run(JSON.stringify({ '89000': { flowId: '89000-gone', by: 'admin', at: 0 } }));
    t = await t.restart();
    const lines = (await client(t, await t.login('admin')).get('/api/ivr/lines')).json() as Line[];
    expect(lines.find((l) => l.line === '89000')).toMatchObject({ flowId: '89000-parallel', chosenBy: null });
    expect(await callTo('89000', 'configured')).toContain('enqueue');
  });

  it.each([
    ['a flow that does not list the line', '89000', { flowId: '12345-main' }, 400, 'flowId'],
    ['a flow that does not exist', '89000', { flowId: 'nope' }, 400, 'flowId'],
    ['a line no flow lists', '96000', { flowId: '89000-end' }, 404, undefined],
    ['a line that is not a number', 'abc', { flowId: '89000-end' }, 400, 'line'],
    ['a body with more than the flow', '89000', { flowId: '89000-end', force: true }, 400, 'force'],
  ])('refuses %s and changes nothing', async (_, line, body, status, field) => {
    const admin = client(t, await t.login('admin'));
    const res = await admin.put(`/api/ivr/lines/${line}`, body);
    expect(res.statusCode, res.body).toBe(status);
    if (field) expect(res.json()).toMatchObject({ field });
    const lines = (await admin.get('/api/ivr/lines')).json() as Line[];
    expect(lines.find((l) => l.line === '89000')?.flowId).toBe('89000-parallel');
  });

  it('is for admins only', async () => {
    for (const who of ['operator1', 'dispatcher1', 'supervisor1', 'handler.zjj']) {
      const as = client(t, await t.login(who));
      expect((await as.get('/api/ivr/lines')).statusCode).toBe(403);
      expect((await as.put('/api/ivr/lines/89000', { flowId: '89000-end' })).statusCode).toBe(403);
    }
  });
});
