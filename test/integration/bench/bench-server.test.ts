// The servers of `npm run bench` (test/bench/run.ts) start and answer what it sends them: the empty Fastify route
// (empty-server.ts) and the real app on a small fixture (app-server.ts), plus the in-process order floor. `npm run
// bench` is not part of CI: a config change once stopped it at start unnoticed. No timing is asserted here:
// figures belong to test/bench/.
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AppTokens,
  actionPhases,
  inboxRequests,
  lineRequests,
  loginAll,
} from '../../bench/app-requests.js';
import { type Child, startChild, stopChild } from '../../bench/child.js';
import { type Req, runLoad } from '../../bench/load.js';
import { orderFloor } from '../../bench/order-floor.js';
import { signedOrders } from '../../bench/orders.js';

interface AppInfo {
  port: number;
  fresh: string[];
  departmentIds: number[];
  operatorId: number;
  tickets: number;
}

let empty: Child<{ port: number }> | null = null;
let app: Child<AppInfo> | null = null;
afterAll(async () => {
  await stopChild(empty);
  await stopChild(app);
});

describe('the empty-route baseline (test/bench/empty-server.ts)', () => {
  it('starts and answers {} to GET and to a signed order body, as run.ts sends them', async () => {
    empty = await startChild('test/bench/empty-server.ts');
    const { port } = empty.info;
    const get = await runLoad(
      port,
      Array.from({ length: 20 }, () => ({ method: 'GET', path: '/empty' }) as Req),
      4,
    );
    expect(get.errors).toBe(0);
    const sample = signedOrders(1)[0]!;
    const post = await runLoad(
      port,
      Array.from({ length: 20 }, () => ({ ...sample, path: '/empty' }) as Req),
      4,
    );
    expect(post.errors).toBe(0);
    const res = await fetch(`http://127.0.0.1:${port}/empty`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...sample.headers },
      body: sample.rawBody,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  }, 30_000);
});

describe('the benchmark app (test/bench/app-server.ts) on a small fixture', () => {
  let tokens: AppTokens;
  const get = async (path: string, token: string) => {
    const res = await fetch(`http://127.0.0.1:${app!.info.port}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status, path).toBe(200);
    return res.json() as Promise<Record<string, unknown>>;
  };

  it('starts with the tickets asked for', async () => {
    app = await startChild<AppInfo>('test/bench/app-server.ts', { BENCH_TICKETS: '200', BENCH_FRESH: '10' });
    expect(app.info.tickets).toBe(200);
    expect(app.info.fresh).toHaveLength(10);
    expect(app.info.departmentIds).toHaveLength(40);
    const health = await runLoad(
      app.info.port,
      Array.from({ length: 20 }, () => ({ method: 'GET', path: '/api/health' }) as Req),
      4,
    );
    expect(health.errors).toBe(0);
  }, 60_000);

  it('takes each fresh ticket through submit, dispatch, sign and reply', async () => {
    const { port, fresh, departmentIds } = app!.info;
    tokens = await loginAll(port, departmentIds);
    expect(tokens.handlers).toHaveLength(40);
    for (const phase of actionPhases(fresh, departmentIds, tokens)) {
      const r = await runLoad(port, phase, 4);
      expect(r.errors, phase[0]!.path).toBe(0);
    }
    for (const no of [fresh[0]!, fresh.at(-1)!]) {
      expect(await get(`/api/tickets/${no}`, tokens.dispatcher)).toMatchObject({ no, status: 'replied' });
    }
  });

  it('lists a department inbox and the tickets of line 89000', async () => {
    const { port } = app!.info;
    expect((await runLoad(port, inboxRequests(40, tokens), 4)).errors).toBe(0);
    expect((await runLoad(port, lineRequests(20, tokens), 4)).errors).toBe(0);
    const inbox = await get(inboxRequests(1, tokens)[0]!.path, tokens.handlers[0]!);
    expect(inbox.items).toEqual(expect.any(Array));
    // One fixture ticket in twenty is on line 89000.
    const line = (await get(lineRequests(1, tokens)[0]!.path, tokens.dispatcher)) as {
      items: { line: string }[];
      total: number;
    };
    expect(line.total).toBeGreaterThanOrEqual(10);
    expect(line.items.length).toBeGreaterThan(0);
    expect(line.items.every((t) => t.line === '89000')).toBe(true);
  });

  it('answers every signed order', async () => {
    const result = await runLoad(app!.info.port, signedOrders(20), 4);
    expect(result.errors).toBe(0);
  });
});

describe("an order's SQLite statements alone (test/bench/order-floor.ts)", () => {
  it('runs a short pass', () => {
    const floor = orderFloor(256, 64);
    expect(floor.perSecond).toBeGreaterThan(0);
    expect(Number.isFinite(floor.microsPerOrder)).toBe(true);
  });
});
