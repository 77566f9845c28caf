import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureOf } from '../../../server/upstream/upstream.signature.js';
import { type Client, SECRET, simulatorWithApp, taken, ticket, waitFor } from './upstream-harness.js';

const start = simulatorWithApp();

describe('the Yantai simulator against the running server', () => {
  it('posts signed orders that become tickets, and checks the receipt it gets back', async () => {
    const { sim, as, lines } = await start({ count: 3 });
    const tickets = await taken(sim, 3);
    expect(sim.stats().orders).toEqual({ sent: 3, accepted: 3, failed: 0 });
    const dispatcher = await as('dispatcher1');
    for (const [orderNo, no] of tickets) {
      const view = await ticket(dispatcher, no);
      expect(view).toMatchObject({ status: 'pending_dispatch', upstreamOrderNo: orderNo });
    }

    const [[orderNo, no]] = tickets;
    expect((await dispatcher.post(`/api/tickets/${no}/actions/accept`)).statusCode).toBe(200);
    const receipt = await waitFor('the receipt', () =>
      sim.stats().messages.find((m) => m.path === '/receipts'),
    );
    expect(receipt).toMatchObject({ orderNo, signatureOk: true, status: 200, answered: true, repeat: false });
    expect(receipt.body).toMatchObject({ orderNo, ticketNo: no });
    expect(sim.stats().received.badSignatures).toBe(0);

    expect(lines.filter((l) => l.includes('→ order'))).toHaveLength(3);
    expect(lines.find((l) => l.includes('→ order') && l.includes(orderNo))).toContain(`→ ${no}`);
    expect(lines.find((l) => l.includes('← /receipts'))).toMatch(
      new RegExp(`^\\d\\d:\\d\\d:\\d\\d ← /receipts +${orderNo} +ticketNo=${no} .*sig OK +→ 200`),
    );
  });

  it('in mode down answers 503, so the server keeps the message pending until Yantai is back', async () => {
    const { t, sim, as, lines } = await start({ count: 1, mode: 'down' });
    const [[orderNo, no]] = await taken(sim, 1);
    await (await as('dispatcher1')).post(`/api/tickets/${no}/actions/accept`);
    await waitFor('a refused receipt', () => sim.stats().messages.some((m) => m.status === 503));

    const supervisor = await as('supervisor1');
    const outbox = async () =>
      (await supervisor.get(`/api/upstream/outbox?orderNo=${orderNo}`)).json() as {
        kind: string;
        state: string;
        attempts: number;
        lastError: string | null;
      }[];
    const [pending] = await waitFor('the failed attempt recorded', async () => {
      const rows = await outbox();
      return rows[0]?.attempts ? rows : null;
    });
    expect(pending).toMatchObject({ kind: 'receipt', state: 'pending', attempts: 1 });
    expect(pending?.lastError).toContain('HTTP 503');
    expect(lines.find((l) => l.includes('← /receipts'))).toMatch(/sig OK +→ 503 \(down\)$/);

    sim.setMode('ok');
    t.clock.advance(60_000); // the retry falls due (still well inside the 5-minute signature window)
    await waitFor('the retry delivered', async () => (await outbox())[0]?.state === 'delivered');
    expect(sim.stats().messages.map((m) => m.status)).toEqual([503, 200]);
  });

  it('in mode slow answers after the server gave up waiting', async () => {
    const { sim, as, lines } = await start(
      { count: 1, mode: 'slow', slowMs: 400 },
      { UPSTREAM_TIMEOUT_MS: '100' },
    );
    const [[, no]] = await taken(sim, 1);
    await (await as('dispatcher1')).post(`/api/tickets/${no}/actions/accept`);
    const late = await waitFor('the late answer', () =>
      sim.stats().messages.find((m) => m.path === '/receipts'),
    );
    expect(late).toMatchObject({ signatureOk: true, answered: false });
    const [row] = (await (await as('supervisor1')).get('/api/upstream/outbox')).json() as {
      state: string;
      lastError: string;
    }[];
    expect(row).toMatchObject({ state: 'pending', lastError: 'no answer in 100 ms' });
    expect(lines.some((l) => l.includes('sender gave up before the answer (slow)'))).toBe(true);
  });

  it('urges an order nobody signed, and closes one after its feedback', async () => {
    const { t, sim, as, lines } = await start({ count: 0, autoClose: 0.2, urgeAfter: 1 });
    const [dispatcher, handler, supervisor] = [
      await as('dispatcher1'),
      await as('handler.zjj'),
      await as('supervisor1'),
    ];
    // Sent by hand so that the handled order is signed well within the urge time.
    const [ignoredOrder, handledOrder] = [await sim.sendOrder(), await sim.sendOrder()];
    if (!ignoredOrder.ok || !handledOrder.ok) throw new Error('the server refused an order');
    const [ignored, handled] = [ignoredOrder.ticketNo, handledOrder.ticketNo];
    const act = async (c: Client, action: string, body: object = {}) =>
      expect((await c.post(`/api/tickets/${handled}/actions/${action}`, body)).statusCode).toBe(200);
    await act(dispatcher, 'accept');
    await act(dispatcher, 'dispatch', { lead: t.dir.dept.zjj });
    await act(handler, 'sign');
    await act(handler, 'reply', { publicReply: '已协调物业公司维修电梯，现已恢复运行。', solved: true });
    await act(supervisor, 'approve_reply');

    await waitFor('the close notice', async () => (await ticket(supervisor, handled)).status === 'closed');
    await waitFor(
      'the urge',
      () => sim.stats().notices.byKind.urge === 1 && sim.stats().notices.accepted === 2,
    );
    expect((await ticket(supervisor, ignored)).counters.urges).toBe(1);
    expect((await ticket(supervisor, handled)).counters.urges).toBe(0);
    expect(sim.stats().notices).toMatchObject({ sent: 2, failed: 0, byKind: { urge: 1, close: 1 } });
    expect(sim.stats().messages.map((m) => m.path)).toEqual(['/receipts', '/feedback']);
    expect(lines.some((l) => /→ close +\S+ +".*" +→ PL/.test(l))).toBe(true);
  });

  it('refuses a message with a bad signature or a replayed nonce with 401', async () => {
    const { sim, lines } = await start({});
    const body = JSON.stringify({
      messageId: 'm-1',
      orderNo: 'YT1',
      ticketNo: 'PL1',
      signedAt: '2026-11-28T09:00:00.000+08:00',
    });
    const send = (secret: string, nonce: string) => {
      const ts = String(Date.now());
      return fetch(`http://127.0.0.1:${sim.port}/receipts`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-timestamp': ts,
          'x-nonce': nonce,
          'x-signature': signatureOf(secret, ts, nonce, body),
        },
        body,
      });
    };
    expect((await send('wrong-secret', randomBytes(16).toString('hex'))).status).toBe(401);
    const nonce = randomBytes(16).toString('hex');
    expect((await send(SECRET, nonce)).status).toBe(200);
    const replay = await send(SECRET, nonce);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ code: 401, message: 'X-Nonce was already used' });
    // A refused signature is not checked against the contract.
    expect(sim.stats().received).toMatchObject({ total: 3, badSignatures: 2, contractViolations: 0 });
    expect(lines.filter((l) => l.includes('sig BAD'))).toHaveLength(2);
  });

  it('finds every kind of message our server sends in line with the contract', async () => {
    // random 0.99: a normal order (due in 7 days), so that a 5-day extension passes Yantai's due.
    const { t, sim, as, lines } = await start({ count: 0, random: () => 0.99 });
    const [dispatcher, handler, supervisor] = [
      await as('dispatcher1'),
      await as('handler.zjj'),
      await as('supervisor1'),
    ];
    const [first, second] = [await sim.sendOrder(), await sim.sendOrder()];
    if (!first.ok || !second.ok) throw new Error('the server refused an order');
    const act = async (c: Client, no: string, action: string, body: object = {}) =>
      expect((await c.post(`/api/tickets/${no}/actions/${action}`, body)).statusCode).toBe(200);
    await act(dispatcher, first.ticketNo, 'return_upstream', { reason: '该地址属于福山区，非本区管辖' });
    const no = second.ticketNo;
    await act(dispatcher, no, 'dispatch', { lead: t.dir.dept.zjj });
    await act(handler, no, 'sign');
    await act(handler, no, 'report_progress', { note: '已联系施工单位，明日现场查看' });
    await act(handler, no, 'request_extension', { days: 5, reason: '需交警部门联合踏勘' });
    await act(supervisor, no, 'approve_extension');
    await act(handler, no, 'reply', { publicReply: '已在路口增设减速带和警示标志。', solved: true });
    await act(supervisor, no, 'approve_reply');

    await waitFor('five messages', () => sim.stats().received.total === 5);
    const { messages, received } = sim.stats();
    expect(new Set(messages.map((m) => m.path))).toEqual(
      new Set(['/returns', '/receipts', '/progress', '/extensions', '/feedback']),
    );
    for (const m of messages) expect(m, m.path).toMatchObject({ status: 200, violations: [], warnings: [] });
    expect(received).toMatchObject({ badSignatures: 0, contractViolations: 0, warnings: 0 });
    expect(lines.some((l) => /CONTRACT VIOLATION|warning:/.test(l))).toBe(false);
  });
});
