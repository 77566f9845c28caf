import { createServer } from 'node:net';
import { afterEach, expect } from 'vitest';
import {
  startUpstreamSimulator,
  type UpstreamSimulator,
  type UpstreamSimulatorOptions,
} from '../../../server/simulate/upstream.js';
import type { TicketView } from '../../../server/tickets/tickets.view.js';
import { buildTestApp, client, type TestApp } from '../../helpers/app.js';

// Real sockets on 127.0.0.1 both ways: the app's outbox worker posts to the simulator with fetch.
export const SECRET = 'simulator-test-secret';

export type Client = ReturnType<typeof client>;

/** A port free right now, for the simulator (the app must know it before it is built). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(
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

/** [orderNo, ticketNo] of the first `n` orders, once the server has taken them all. */
export async function taken(s: UpstreamSimulator, n: number) {
  await waitFor(`${n} orders taken`, () => s.stats().orders.accepted === n);
  return Object.entries(s.stats().tickets) as [[string, string], ...[string, string][]];
}

export async function ticket(c: Client, no: string): Promise<TicketView> {
  const res = await c.get(`/api/tickets/${no}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TicketView;
}

/** Runs a ticket action that must succeed. */
export async function act(c: Client, no: string, action: string, body: object = {}): Promise<TicketView> {
  const res = await c.post(`/api/tickets/${no}/actions/${action}`, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as TicketView;
}

/**
 * `start(opts, env)`: the real app listening on a port, wired to a simulator that plays Yantai for it;
 * both are stopped after each test. Registers its own afterEach: call it once at the top of a test file.
 */
export function simulatorWithApp() {
  let t: TestApp | null = null;
  let sim: UpstreamSimulator | null = null;
  afterEach(async () => {
    await sim?.stop();
    await t?.close();
    sim = null;
    t = null;
  });

  return async function start(opts: Partial<UpstreamSimulatorOptions>, env = {}) {
    const port = await freePort();
    // The signatures carry Unix ms: the app's (fake) clock must agree with the real one.
    const app = await buildTestApp({
      start: new Date().toISOString(),
      env: {
        UPSTREAM_BASE_URL: `http://127.0.0.1:${port}/`,
        UPSTREAM_SECRET: SECRET,
        UPSTREAM_POLL_MS: '50',
        ...env,
      },
    });
    t = app;
    const address = await app.app.listen({ port: 0, host: '127.0.0.1' });
    const lines: string[] = [];
    const s = await startUpstreamSimulator({
      url: address,
      secret: SECRET,
      port,
      rate: 20,
      count: 0,
      autoClose: 0,
      out: (line) => lines.push(line),
      ...opts,
    });
    sim = s;
    const as = async (username: string) => client(app, await app.login(username));
    return { t: app, sim: s, as, lines };
  };
}
