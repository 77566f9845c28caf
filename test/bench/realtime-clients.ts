// The realtime benchmark's consoles, in their own process: opens one socket.io connection per console
// over loopback and times every `ticket:event` from its commit (`at`) to its receipt here.
// Protocol on stdin/stdout, one JSON line each: prints {started}; reads {url, auths}; connects them all and
// prints {connected, failed}; on "stop" prints the figures and exits (also when stdin closes).
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import type { TicketEventPayload } from '../../server/realtime/realtime.contract.js';
import { quantile } from './load.js';

export interface ClientsResult {
  deliveries: number;
  p50: number;
  p99: number;
  max: number;
  /** Receipt times of the first and the last delivery (epoch ms). */
  first: number;
  last: number;
  disconnects: number;
  /** The first payload received of each action, as sent (the bare server sends copies of one). */
  samples: Record<string, TicketEventPayload>;
}

const WAVE = 50;
const sockets: Socket[] = [];
const latencies: number[] = [];
let first = 0;
let last = 0;
let disconnects = 0;
const samples: Record<string, TicketEventPayload> = {};

function open(url: string, auth: Record<string, unknown>): Promise<boolean> {
  const socket = io(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
  sockets.push(socket);
  socket.on('ticket:event', (e: TicketEventPayload) => {
    const now = Date.now();
    latencies.push(now - Date.parse(e.at));
    if (first === 0) first = now;
    last = now;
    samples[e.action] ??= e;
  });
  socket.on('disconnect', () => {
    disconnects += 1;
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), 30_000);
    socket.once('sync:ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.once('connect_error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

function finish(): void {
  latencies.sort((a, b) => a - b);
  const result: ClientsResult = {
    deliveries: latencies.length,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    first,
    last,
    disconnects,
    samples,
  };
  for (const s of sockets) s.off('disconnect').close();
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (line === 'stop') {
    finish();
    return;
  }
  const { url, auths } = JSON.parse(line) as { url: string; auths: Record<string, unknown>[] };
  void (async () => {
    let connected = 0;
    for (let i = 0; i < auths.length; i += WAVE) {
      const ok = await Promise.all(auths.slice(i, i + WAVE).map((a) => open(url, a)));
      connected += ok.filter(Boolean).length;
    }
    process.stdout.write(`${JSON.stringify({ connected, failed: auths.length - connected })}\n`);
  })();
});
input.on('close', () => process.exit(0));
process.stdout.write(`${JSON.stringify({ started: true })}\n`);
