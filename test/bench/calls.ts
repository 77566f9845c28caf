// `npm run bench` (calls): 200 concurrent simulated calls through IVR → queue → bridge → survey → end over
// a real `/cti` socket, beside a bare websocket echo server doing the same number of round trips.
import WebSocket from 'ws';
import { BENCH_CTI_TOKEN } from './bench-secret.js';
import { startChild, stopChild } from './child.js';
import { quantile } from './load.js';

// Smaller with BENCH_CALLS_CONCURRENT / BENCH_CALLS (the smoke test in test/integration/bench).
const CONCURRENT = Number(process.env.BENCH_CALLS_CONCURRENT ?? 200);
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);

interface Cmd {
  type: string;
  cmdId?: string;
  callId?: string;
  agent?: string;
}

/** Runs CALLS calls, CONCURRENT at a time; returns round-trip samples (frame sent → the command it causes). */
async function driveApp(port: number, agents: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/cti`, {
    headers: { authorization: `Bearer ${BENCH_CTI_TOKEN}` },
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiters = new Map<string, { type: string; resolve: (c: Cmd) => void }[]>();
  ws.on('message', (data: Buffer) => {
    const cmd = JSON.parse(data.toString()) as Cmd;
    if (cmd.cmdId) ws.send(JSON.stringify({ type: 'ack', cmdId: cmd.cmdId }));
    const list = cmd.callId ? waiters.get(cmd.callId) : undefined;
    const i = list?.findIndex((w) => w.type === cmd.type) ?? -1;
    if (list && i >= 0) list.splice(i, 1)[0]!.resolve(cmd);
  });
  const send = (f: object) => ws.send(JSON.stringify(f));
  const next = (callId: string, type: string) =>
    new Promise<Cmd>((resolve) => {
      const list = waiters.get(callId) ?? [];
      list.push({ type, resolve });
      waiters.set(callId, list);
    });
  for (let i = 1; i <= agents; i++) send({ type: 'agent.state', agent: String(2000 + i), state: 'ready' });
  const rtt: number[] = [];
  const timed = async (callId: string, frame: object, type: string) => {
    const wait = next(callId, type);
    const t0 = performance.now();
    send(frame);
    const cmd = await wait;
    rtt.push(performance.now() - t0);
    return cmd;
  };
  let n = 0;
  const run = async () => {
    while (n < CALLS) {
      const callId = `bench-${n++}`;
      await timed(
        callId,
        {
          type: 'call.offered',
          callId,
          from: `1390000${String(n % 5000).padStart(4, '0')}`,
          to: '12345',
          at: new Date().toISOString(),
        },
        'collect',
      );
      const bridge = await timed(callId, { type: 'call.input', callId, digits: '0' }, 'bridge');
      send({ type: 'call.answered', callId, agent: bridge.agent });
      await timed(callId, { type: 'call.agent_left', callId }, 'collect');
      await timed(callId, { type: 'call.input', callId, digits: '1' }, 'hangup');
      send({ type: 'call.ended', callId, reason: 'hangup', at: new Date().toISOString() });
      waiters.delete(callId);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENT }, run));
  const seconds = (performance.now() - started) / 1000;
  ws.close();
  return { rtt: rtt.sort((a, b) => a - b), seconds };
}

/** The same number of round trips against the echo server. */
async function driveEcho(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise<void>((resolve) => ws.once('open', () => resolve()));
  const pending = new Map<string, () => void>();
  ws.on('message', (data: Buffer) => {
    const f = JSON.parse(data.toString()) as { id: string };
    pending.get(f.id)?.();
    pending.delete(f.id);
  });
  const rtt: number[] = [];
  let n = 0;
  const run = async () => {
    while (n < CALLS) {
      const call = n++;
      for (let step = 0; step < 4; step++) {
        const id = `${call}-${step}`;
        const t0 = performance.now();
        await new Promise<void>((resolve) => {
          pending.set(id, resolve);
          ws.send(JSON.stringify({ id, type: 'call.input', callId: `bench-${call}`, digits: '0' }));
        });
        rtt.push(performance.now() - t0);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENT }, run));
  const seconds = (performance.now() - started) / 1000;
  ws.close();
  return { rtt: rtt.sort((a, b) => a - b), seconds };
}

const app = await startChild<{ port: number; agents: number }>('test/bench/calls-server.ts');
const echo = await startChild<{ port: number }>('test/bench/echo-server.ts');
try {
  const base = await driveEcho(echo.info.port);
  const real = await driveApp(app.info.port, app.info.agents);
  const fmt = (r: { rtt: number[]; seconds: number }) =>
    `${(CALLS / r.seconds).toFixed(0).padStart(6)} calls/s   round trip p50 ${quantile(r.rtt, 0.5).toFixed(2).padStart(6)} ms   p99 ${quantile(r.rtt, 0.99).toFixed(2).padStart(6)} ms   (${r.rtt.length} round trips)`;
  console.log('');
  console.log(
    `calls: ${CALLS} calls, ${CONCURRENT} at a time, ${app.info.agents} agents; 4 command round trips per call`,
  );
  console.log(`bare websocket echo (baseline)  ${fmt(base)}`);
  console.log(`IVR → queue → bridge → survey   ${fmt(real)}`);
  console.log(
    `ratio app / echo: calls/s ${(CALLS / real.seconds / (CALLS / base.seconds)).toFixed(3)}×, p99 ${(quantile(real.rtt, 0.99) / quantile(base.rtt, 0.99)).toFixed(1)}×`,
  );
} finally {
  await stopChild(app);
  await stopChild(echo);
}
// Leave no socket or timer behind: the run is over.
process.exit(process.exitCode ?? 0);
