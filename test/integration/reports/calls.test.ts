// The monthly ledger's call figures (docs/reports.md, 话务): 接通率 and 15秒接通率 are both taken of the calls that
// entered the agent queue. Calls that ended in the IVR without asking for an agent are in neither; a caller who
// gave up in the queue lowers both. First each kind of stored call, then a month of calls through a real gateway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../../server/calls/calls.tables.js';
import { type DatabaseHandle, openDatabase } from '../../../server/core/db.js';
import { callCounts } from '../../../server/reports/reports.calls.js';
import type { MonthlyReport } from '../../../server/reports/reports.queries.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';
import { MINUTE } from '../../helpers/clock.js';
import { connectGateway } from '../../helpers/gateway.js';
import { until } from '../../helpers/sockets.js';

const SEC = 1000;

describe('which stored calls the ledger counts', () => {
  let database: DatabaseHandle;
  beforeAll(() => {
    database = openDatabase(':memory:');
  });
  afterAll(() => database?.close());

  type Outcome = (typeof calls.$inferInsert)['outcome'];
  // Name, outcome, seconds after the offer it entered the queue and was answered, then what it counts as:
  // [queued, answered, answered15]. Every call counts as offered.
  const cases: [string, Outcome, number | null, number | null, [number, number, number]][] = [
    ['answered 5 s after entering the queue', 'answered', 20, 25, [1, 1, 1]],
    ['answered 15 s after entering the queue', 'answered', 20, 35, [1, 1, 1]],
    ['answered 16 s after entering the queue', 'answered', 20, 36, [1, 1, 0]],
    // The menu's time is not a wait for an agent.
    ['answered 10 s into the queue, 2 min into the call', 'answered', 110, 120, [1, 1, 1]],
    ['answered with no queue time (the gateway says so)', 'answered', null, 10, [1, 1, 1]],
    ['abandoned in the queue', 'abandoned_queue', 20, null, [1, 0, 0]],
    ['overflowed from the queue to a callback', 'callback', 20, null, [1, 0, 0]],
    ['turned away with no agent on duty, left a voicemail', 'voicemail', 20, null, [1, 0, 0]],
    ['still waiting in the queue', 'in_progress', 20, null, [1, 0, 0]],
    ['89000 in its end mode, or a ticket status heard', 'ended_in_ivr', null, null, [0, 0, 0]],
    ['forwarded by the IVR', 'forwarded', null, null, [0, 0, 0]],
    ['a callback left in the IVR after hours', 'callback', null, null, [0, 0, 0]],
    ['a voicemail left in the IVR after hours', 'voicemail', null, null, [0, 0, 0]],
    ['hung up in the IVR menu', 'abandoned_ivr', null, null, [0, 0, 0]],
  ];

  it.each(cases.map((c, i) => [...c, i] as const))('%s', (_name, outcome, enqueued, answered, want, i) => {
    const offeredAt = Date.parse('2026-11-02T09:00:00+08:00') + i * MINUTE;
    const offset = (sec: number | null) => (sec === null ? null : offeredAt + sec * SEC);
    database.db
      .insert(calls)
      .values({
        id: `row-${i}`,
        fromNumber: '13900000000',
        line: '12345',
        ivrPath: [],
        offeredAt,
        enqueuedAt: offset(enqueued),
        answeredAt: offset(answered),
        outcome,
      })
      .run();
    const [queued, answeredCount, answered15] = want;
    expect(callCounts(database.db, offeredAt, offeredAt + 1)).toEqual({
      offered: 1,
      queued,
      answered: answeredCount,
      answered15,
    });
  });
});

describe("the monthly ledger's calls, through the gateway", () => {
  const TOKEN = 'test-cti-token-0123456789';
  let t: TestApp;
  let g: Awaited<ReturnType<typeof connectGateway>>;
  let sup: ReturnType<typeof client>;
  const at = () => new Date(t.clock.now()).toISOString();
  const row = (id: string) =>
    t.database.sqlite.prepare('select outcome, answered_at as answeredAt from calls where id = ?').get(id) as
      | { outcome: string; answeredAt: number | null }
      | undefined;
  const sent = (id: string, type: string, n = 1) =>
    until(
      () => g.commandsFor(id).filter((f) => f.type === type).length >= n,
      3000,
      `${type} #${n} for ${id}`,
    );
  const report = async () => {
    const res = await sup.get('/api/reports/monthly?month=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as MonthlyReport).centre;
  };

  async function offer(id: string, to: string) {
    g.send({ type: 'call.offered', callId: id, from: '13900001234', to, at: at() });
    await sent(id, to === '12345' ? 'collect' : 'hangup');
  }
  /** Into the general queue from the 12345 menu. */
  async function queue(id: string) {
    await offer(id, '12345');
    g.send({ type: 'call.input', callId: id, digits: '0' });
    await sent(id, 'enqueue');
  }
  async function answer(id: string, agent: string, afterMs: number) {
    await until(
      () => g.commandsFor(id).some((f) => f.type === 'bridge' && f.agent === agent),
      3000,
      `${id} rings`,
    );
    t.clock.advance(afterMs);
    g.send({ type: 'call.answered', callId: id, agent });
    await until(() => row(id)?.answeredAt !== null, 3000, `${id} answered`);
  }
  async function end(id: string, outcome: string) {
    g.send({ type: 'call.ended', callId: id, reason: 'hangup', at: at() });
    await until(() => row(id)?.outcome === outcome, 3000, `${id} ${outcome}`);
  }

  beforeAll(async () => {
    // Monday 2 November 2026; the 89000 line in its end mode: a notice to dial 12345, then the IVR hangs up.
    t = await buildTestApp({
      start: '2026-11-02T09:00:00+08:00',
      env: { CTI_TOKEN: TOKEN, IVR_89000_MODE: 'end' },
    });
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    g = await connectGateway(url, TOKEN);
    sup = client(t, await t.login('supervisor1'));
  });
  afterAll(async () => {
    g?.close();
    await t?.close();
  });

  it('takes both rates of the calls that entered the queue: a late answer and a caller who gave up lower them', async () => {
    const op1 = client(t, await t.login('operator1'));
    const op2 = client(t, await t.login('operator2'));
    await op1.post('/api/agents/me/state', { state: 'ready' });
    await queue('q1');
    await answer('q1', '1001', 5 * SEC);
    await op2.post('/api/agents/me/state', { state: 'ready' });
    await queue('q2');
    await answer('q2', '1002', 20 * SEC);
    // Both agents talking: the third caller waits, and gives up after 30 s.
    await queue('q3');
    t.clock.advance(30 * SEC);
    await end('q3', 'abandoned_queue');

    // Before, 15秒接通率 was 1 of the 2 answered (50 %): the caller who gave up did not count.
    expect(await report()).toMatchObject({
      offered: 3,
      answered: 2,
      answered15: 1,
      answerRate: 0.667,
      answeredWithin15sRate: 0.333,
    });
  });

  it('leaves the calls that ended in the IVR out of both rates', async () => {
    await offer('e1', '89000');
    await end('e1', 'ended_in_ivr');
    await offer('e2', '89000');
    await end('e2', 'ended_in_ivr');
    // A ticket's status heard (none found for this caller), then the caller hangs up.
    await offer('s1', '12345');
    g.send({ type: 'call.input', callId: 's1', digits: '3' });
    await sent('s1', 'collect', 2);
    g.send({ type: 'call.input', callId: 's1', digits: '20261102000001#' });
    await sent('s1', 'collect', 3);
    await end('s1', 'ended_in_ivr');
    // Hung up in the menu before asking for anything.
    await offer('m1', '12345');
    await end('m1', 'abandoned_ivr');

    // Before, 接通率 was 2 of all 7 calls (28.6 %).
    expect(await report()).toMatchObject({
      offered: 7,
      queued: 3,
      ivrEnded: 4,
      answered: 2,
      answerRate: 0.667,
      answeredWithin15sRate: 0.333,
    });
    // The day's metrics (the wallboard's) count the same way, line by line: 89000 asked nobody for an agent.
    const day = (await sup.get('/api/calls/metrics?date=2026-11-02')).json() as {
      lines: { line: string; offered: number; queued: number; answerRate: number | null }[];
    };
    expect(day.lines).toMatchObject([
      { line: '12345', offered: 5, queued: 3, answered15: 1, abandoned: 1, abandonedInIvr: 1 },
      {
        line: '89000',
        offered: 2,
        queued: 0,
        answerRate: null,
        answeredWithin15sRate: null,
        abandonRate: null,
      },
    ]);
    expect(day.lines[0]!.answerRate).toBeCloseTo(2 / 3);
  });

  it('counts a call turned away from the queue with no agent on duty as asked for and not answered', async () => {
    await end('q1', 'answered');
    await end('q2', 'answered');
    for (const name of ['operator1', 'operator2']) {
      const res = await client(t, await t.login(name)).post('/api/agents/me/state', { state: 'not_ready' });
      expect(res.statusCode, res.body).toBe(200);
    }
    // 0 at the menu: into the queue, nobody on duty, so the callback offer; 1 leaves a callback.
    await offer('n1', '12345');
    g.send({ type: 'call.input', callId: 'n1', digits: '0' });
    await sent('n1', 'collect', 2);
    g.send({ type: 'call.input', callId: 'n1', digits: '1' });
    await sent('n1', 'hangup');
    await end('n1', 'callback');

    expect(await report()).toMatchObject({
      offered: 8,
      queued: 4,
      ivrEnded: 4,
      answered: 2,
      answerRate: 0.5,
      answeredWithin15sRate: 0.25,
    });
  });

  it('shows in the CSV how many calls ended in the IVR and how many entered the queue', async () => {
    const res = await sup.get('/api/reports/monthly?month=2026-11&format=csv');
    expect(res.statusCode).toBe(200);
    const lines = res.body.split('\r\n');
    const head = lines.indexOf(
      '受理数,直办数,直办率,呼入数,IVR结束数,进入人工队列数,接通数,接通率,15秒接通数,15秒接通率',
    );
    expect(head).toBeGreaterThan(0);
    expect(lines[head + 1]).toBe('0,0,—,8,4,4,2,50.0%,1,25.0%');
  });

  it('splits the calls by the line dialled (分线路): 89000 in its end mode asked nobody for an agent', async () => {
    const centre = await report();
    expect(centre.lines).toEqual([
      {
        line: '12345',
        registered: 0,
        directAnswers: 0,
        directAnswerRate: null,
        offered: 6,
        queued: 4,
        ivrEnded: 2,
        answered: 2,
        answered15: 1,
        answerRate: 0.5,
        answeredWithin15sRate: 0.25,
      },
      {
        line: '89000',
        registered: 0,
        directAnswers: 0,
        directAnswerRate: null,
        offered: 2,
        queued: 0,
        ivrEnded: 2,
        answered: 0,
        answered15: 0,
        answerRate: null,
        answeredWithin15sRate: null,
      },
    ]);
    // The lines add up to the centre: every call has a line.
    for (const key of ['offered', 'queued', 'answered', 'answered15'] as const) {
      expect(
        centre.lines.reduce((n, l) => n + l[key], 0),
        key,
      ).toBe(centre[key]);
    }
    const csv = (await sup.get('/api/reports/monthly?month=2026-11&format=csv')).body.split('\r\n');
    const at = csv.indexOf('分线路');
    expect(csv.slice(at + 2, at + 4)).toEqual([
      '12345,0,0,—,6,2,4,2,50.0%,1,25.0%',
      '89000,0,0,—,2,2,0,0,—,0,—',
    ]);
  });

  it('gives no rate, not 0 %, for a month in which no call asked for an agent', async () => {
    t.clock.set('2026-12-01T09:00:00+08:00');
    await offer('d1', '89000');
    await end('d1', 'ended_in_ivr');
    const december = ((await sup.get('/api/reports/monthly?month=2026-12')).json() as MonthlyReport).centre;
    // Before, 接通率 was 0 of 1 (0 %).
    expect(december).toMatchObject({
      offered: 1,
      queued: 0,
      ivrEnded: 1,
      answered: 0,
      answerRate: null,
      answeredWithin15sRate: null,
    });
    // 12345 had no call at all, 89000 one that ended in the IVR: neither has a rate.
    expect(december.lines).toMatchObject([
      { line: '12345', offered: 0, queued: 0, answerRate: null, answeredWithin15sRate: null },
      { line: '89000', offered: 1, queued: 0, ivrEnded: 1, answerRate: null, answeredWithin15sRate: null },
    ]);
  });
});
