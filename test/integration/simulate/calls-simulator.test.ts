import { afterEach, describe, expect, it } from 'vitest';
import { type CallsSimulator, startCallsSimulator } from '../../../server/simulate/calls.js';
import { runCallsCli } from '../../../server/simulate/calls-cli.js';
import { UsageError } from '../../../server/simulate/flags.js';
import { buildTestApp, client, PASSWORD, type TestApp } from '../../helpers/app.js';

// Real sockets on 127.0.0.1: the simulator is the gateway on /cti, the checks go through the REST API.
const TOKEN = 'simulator-cti-token-0123';

let t: TestApp | null = null;
let sim: CallsSimulator | null = null;
let lines: string[] = [];
afterEach(async () => {
  await sim?.stop();
  await t?.close();
  sim = null;
  t = null;
});

async function start() {
  t = await buildTestApp({ start: new Date().toISOString(), env: { CTI_TOKEN: TOKEN, WRAP_UP_SEC: '1' } });
  const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  lines = [];
  return { app: t, url, operator: client(t, await t.login('operator1', PASSWORD)) };
}

async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  timeoutMs = 8_000,
): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface CallView {
  id: string;
  from: string;
  line: string;
  agent: string | null;
  outcome: string;
  satisfaction: string | null;
  ivrPath: string[];
}

describe('the telephony simulator against the running server', () => {
  it('places calls that the virtual agent 1001 answers, talks through and leaves to the survey', async () => {
    const { url, operator } = await start();
    sim = await startCallsSimulator({
      url,
      token: TOKEN,
      rate: 50,
      count: 5,
      speed: 200,
      agents: ['1001'],
      mix: { general: 0.5, enterprise: 0.3, dialect: 0.2 },
      lines: { '12345': 0.6, '89000': 0.4 },
      out: (line) => lines.push(line),
    });
    await waitFor('the five calls to end', () => sim!.stats().offered === 5 && sim!.stats().active === 0);
    const stats = sim.stats();
    expect(stats).toMatchObject({ offered: 5, answered: 5, abandoned: 0, callbacks: 0, active: 0 });
    expect(stats.averageWaitSec).not.toBeNull();

    const calls = await waitFor('the calls on record', async () => {
      const res = await operator.get('/api/calls');
      expect(res.statusCode, res.body).toBe(200);
      const rows = res.json() as CallView[];
      return rows.every((c) => c.outcome !== 'in_progress') ? rows : null;
    });
    expect(calls.every((c) => c.id.startsWith('sim-'))).toBe(true);
    expect(calls).toHaveLength(5);
    for (const call of calls) {
      expect(call).toMatchObject({ agent: '1001', outcome: 'answered' });
      expect(['satisfied', 'basically_satisfied', 'unsatisfied']).toContain(call.satisfaction);
      expect(call.ivrPath).toContain('ask'); // the survey ran after the agent left
      const mine = stats.calls.find((c) => c.id === call.id)!;
      expect(mine).toMatchObject({ from: call.from, line: call.line, agent: '1001' });
      expect(call.satisfaction).toBe(
        { '1': 'satisfied', '2': 'basically_satisfied', '3': 'unsatisfied' }[mine.survey!],
      );
    }

    // One readable line per event, then a summary.
    const first = calls.at(-1)!;
    const about = lines.filter((l) => l.includes(first.id));
    expect(about[0]).toMatch(
      new RegExp(`^\\d\\d:\\d\\d:\\d\\d  ${first.id}  ${first.from} → ${first.line} +offered`),
    );
    expect(about.some((l) => /queued \((general|enterprise|dialect)\)/.test(l))).toBe(true);
    expect(about.some((l) => l.includes('ringing 1001'))).toBe(true);
    expect(about.some((l) => l.includes('answered by 1001'))).toBe(true);
    expect(about.some((l) => /survey [123] /.test(l))).toBe(true);
    expect(about.at(-1)).toMatch(/ended \(hangup\) → answered$/);
  });

  it('with --agents none, callers who hang up in the queue leave callback tasks', async () => {
    const { app, url, operator } = await start();
    // Someone is on duty (so calls queue) but nobody is ready: the calls wait until the callers give up.
    await client(app, await app.login('operator2')).post('/api/agents/me/state', { state: 'wrap_up' });
    sim = await startCallsSimulator({
      url,
      token: TOKEN,
      rate: 50,
      count: 4,
      speed: 100,
      agents: [],
      mix: { 'hangup-in-queue': 1 },
      lines: { '12345': 1 },
      out: (line) => lines.push(line),
    });
    await waitFor('the four calls to end', () => sim!.stats().offered === 4 && sim!.stats().active === 0);
    expect(sim.stats()).toMatchObject({ offered: 4, answered: 0, abandoned: 4 });
    expect(lines.filter((l) => l.includes('hung up in the queue'))).toHaveLength(4);

    // The simulator counts a call ended as it sends call.ended; the server takes it a moment later.
    const calls = await waitFor('the calls on record', async () => {
      const rows = (await operator.get('/api/calls')).json() as CallView[];
      return rows.every((c) => c.outcome !== 'in_progress') ? rows : null;
    });
    expect(calls.map((c) => c.outcome)).toEqual(Array(4).fill('abandoned_queue'));
    const tasks = await waitFor('the callback tasks', async () => {
      const rows = (await operator.get('/api/callbacks')).json() as {
        phone: string;
        attempts: number;
        reason: string;
      }[];
      return rows.reduce((n, r) => n + r.attempts, 0) === 4 ? rows : null;
    });
    const callers = new Set(calls.map((c) => c.from));
    expect(tasks.map((r) => r.phone).sort()).toEqual([...callers].sort());
    for (const task of tasks) expect(task.reason).toBe('排队中挂断');
  });

  it('refuses a wrong token and bad flags before placing any call', async () => {
    const { url } = await start();
    await expect(startCallsSimulator({ url, token: 'wrong-token-0123456789', count: 1 })).rejects.toThrow(
      /401/,
    );
    await expect(runCallsCli(['--mix', 'general:1,shouting:1'])).rejects.toThrow(UsageError);
    await expect(runCallsCli(['--lines', '12345'])).rejects.toThrow(/name:share/);
  });
});
