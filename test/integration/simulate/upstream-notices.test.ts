import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../server/simulate/flags.js';
import { REWORK_DUE_MS } from '../../../server/simulate/upstream.js';
import { runUpstreamCli, typedCommand } from '../../../server/simulate/upstream-cli.js';
import { act, simulatorWithApp, ticket, waitFor } from './upstream-harness.js';

const start = simulatorWithApp();

describe('the Yantai simulator plays every notice kind', () => {
  it('reworks an order’s first feedback with a new due, and closes its second', async () => {
    const { t, sim, as, lines } = await start({ autoClose: 0.2, rework: 1 });
    const [dispatcher, handler, supervisor] = [
      await as('dispatcher1'),
      await as('handler.zjj'),
      await as('supervisor1'),
    ];
    const order = await sim.sendOrder();
    if (!order.ok) throw new Error(order.error);
    const no = order.ticketNo;
    const reply = async (text: string) => {
      await act(handler, no, 'reply', { publicReply: text, solved: true });
      await act(supervisor, no, 'approve_reply');
    };
    await act(dispatcher, no, 'dispatch', { lead: t.dir.dept.zjj });
    await act(handler, no, 'sign');
    const sentAt = Date.now();
    await reply('已协调物业公司维修电梯。');

    const reopened = await waitFor('the rework', async () => {
      const view = await ticket(supervisor, no);
      return view.status === 'in_progress' ? view : null;
    });
    // The ticket can reopen before the simulator has the answer (and prints the line).
    await waitFor('the rework answered', () => sim.stats().notices.accepted === 1);
    expect(reopened.counters.reworks).toBe(1);
    const due = Date.parse(reopened.upstreamDueAt!);
    expect(due).toBeGreaterThanOrEqual(sentAt + REWORK_DUE_MS - 1000);
    expect(due).toBeLessThan(Date.now() + REWORK_DUE_MS + 1000);
    const reworkLine = lines.find((l) => l.includes('→ rework'));
    expect(reworkLine).toMatch(/→ rework +YT\d+ +".+" +dueAt=\d{4}-\d\d-\d\dT[\d:.]+\+08:00 +→ PL\d+$/);

    // Reworked once already: the next feedback is closed.
    await reply('电梯已更换主板，经检测运行正常。');
    await waitFor('the close', async () => (await ticket(supervisor, no)).status === 'closed');
    await waitFor('the close answered', () => sim.stats().notices.accepted === 2);
    expect(sim.stats().notices).toMatchObject({ sent: 2, failed: 0, byKind: { rework: 1, close: 1 } });
    expect(sim.stats().messages.map((m) => m.path)).toEqual(['/receipts', '/feedback', '/feedback']);
  });

  it('supervises orders with no feedback in time, and recalls every N-th order', async () => {
    const { t, sim, as, lines } = await start({ superviseAfter: 1.5, recallEvery: 2, recallAfter: 0.2 });
    const [dispatcher, handler, supervisor] = [
      await as('dispatcher1'),
      await as('handler.zjj'),
      await as('supervisor1'),
    ];
    const sent = [await sim.sendOrder(), await sim.sendOrder(), await sim.sendOrder()];
    const [fedBack, recalled, ignored] = sent.map((r) => {
      if (!r.ok) throw new Error(r.error);
      return r.ticketNo;
    }) as [string, string, string];
    await act(dispatcher, fedBack, 'dispatch', { lead: t.dir.dept.zjj });
    await act(handler, fedBack, 'sign');
    await act(handler, fedBack, 'reply', { publicReply: '已处理。', solved: true });
    await act(supervisor, fedBack, 'approve_reply');

    await waitFor('the recall', async () => (await ticket(supervisor, recalled)).status === 'cancelled');
    await waitFor('the supervision', () => sim.stats().notices.byKind.supervise === 1);
    await waitFor('its answer', () => sim.stats().notices.accepted === 2);
    expect((await ticket(supervisor, ignored)).counters.supervisions).toBe(1);
    expect((await ticket(supervisor, fedBack)).counters.supervisions).toBe(0);
    expect((await ticket(supervisor, recalled)).counters.supervisions).toBe(0);
    expect(sim.stats().notices).toMatchObject({ sent: 2, failed: 0, byKind: { supervise: 1, recall: 1 } });
    expect(lines.some((l) => /→ recall +YT\d+ +".+" +→ PL\d+$/.test(l))).toBe(true);
    expect(lines.some((l) => /→ supervise +YT\d+ +".*督办" +→ PL\d+$/.test(l))).toBe(true);
  });

  it('sends a typed notice to the order named, or to the last one taken', async () => {
    const { sim, as, lines } = await start({});
    const out = (line: string) => lines.push(line);
    await typedCommand(sim, 'urge', out);
    expect(lines.at(-1)).toBe('no order taken yet: type urge and an orderNo');

    const [first, last] = [await sim.sendOrder(), await sim.sendOrder()];
    if (!first.ok || !last.ok) throw new Error('the server refused an order');
    const [firstOrderNo] = Object.keys(sim.stats().tickets) as [string];
    await typedCommand(sim, 'urge', out);
    await typedCommand(sim, `  supervise   ${firstOrderNo} `, out);
    await typedCommand(sim, 'rework', out); // not awaiting Yantai: refused
    await typedCommand(sim, 'recall', out);
    await typedCommand(sim, 'close YT-NO-SUCH-ORDER', out);
    await typedCommand(sim, 'rework YT1 soon', out);
    await typedCommand(sim, 'slow', out);

    const supervisor = await as('supervisor1');
    const [a, b] = [await ticket(supervisor, first.ticketNo), await ticket(supervisor, last.ticketNo)];
    expect([a.counters.urges, a.counters.supervisions, a.status]).toEqual([0, 1, 'pending_dispatch']);
    expect([b.counters.urges, b.counters.reworks, b.status]).toEqual([1, 0, 'cancelled']);
    expect(sim.stats().notices).toMatchObject({ sent: 5, accepted: 3, failed: 2 });
    expect(sim.stats().mode).toBe('slow');
    const typed = lines.slice(-7);
    expect(typed[0]).toMatch(/→ urge +\S+ +".+" +→ PL/);
    expect(typed[2]).toMatch(/→ rework +\S+ +".+" +dueAt=\S+ +→ ✗ HTTP 409/);
    expect(typed[4]).toMatch(/→ close +YT-NO-SUCH-ORDER .*→ ✗ HTTP 404/);
    expect(typed[5]).toContain('type a mode (ok, down, slow), or a notice kind');
    expect(typed[6]).toMatch(/mode is now slow$/);
  });
});

describe('simulate upstream: the notice flags', () => {
  it('lists them in --help', async () => {
    const lines: string[] = [];
    expect(await runUpstreamCli(['--help'], (l) => lines.push(l))).toBe(0);
    for (const flag of ['--rework P', '--supervise-after S', '--recall N', '--recall-after S'])
      expect(lines[0]).toContain(flag);
  });

  it.each([
    [['--rework', '1.5'], '--rework must be a number from 0 to 1'],
    [['--rework', '0.5', '--auto-close', '0'], '--rework needs --auto-close above 0'],
    [['--supervise-after', '-1'], '--supervise-after must be a number'],
    [['--recall', '1.5'], '--recall must be a whole number'],
    [['--recall-after', '5'], '--recall-after needs --recall N'],
  ])('refuses %j', async (args, message) => {
    const run = runUpstreamCli(args, () => undefined);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow(message);
  });
});
