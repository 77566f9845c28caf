// The two runs shared by the short tests (test/reliability) and the long benchmarks (test/bench/crash.ts,
// test/bench/faults.ts): crash (kill -9 under load, restart, check) and upstream faults.
import { join } from 'node:path';
import { checkRun, type RunCounts } from './checker.js';
import { hotlineClient, orderBody } from './client.js';
import type { DriverSummary } from './driver.js';
import { startDriver } from './driver-process.js';
import { readJournal } from './journal.js';
import { freePort, sleep } from './processes.js';
import { ServerProcess } from './server.js';
import { outboxBacklog, readSnapshot } from './snapshot.js';
import { type StubMode, startYantaiStub, stubSummary, type YantaiStub } from './stub.js';

export const RELIABILITY_SECRET = 'reliability-upstream-secret';
const DEPARTMENTS = ['zjj', 'scjg', 'gs'];

type Log = (line: string) => void;

/** Waits until the outbox has nothing left but dead letters (or `timeoutMs` passes); returns the wait. */
export async function waitDrained(dbPath: string, timeoutMs: number, allowDead = false): Promise<number> {
  const started = Date.now();
  for (;;) {
    const backlog = outboxBacklog(dbPath);
    const left = Object.entries(backlog).filter(([state]) => !(allowDead && state === 'dead'));
    if (left.length === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs)
      throw new Error(`outbox not drained after ${timeoutMs} ms: ${JSON.stringify(backlog)}`);
    await sleep(250);
  }
}

function upstreamEnv(
  stub: YantaiStub,
  s: { timeoutMs: number; baseMs: number; capMs: number; budget: number },
) {
  return {
    UPSTREAM_BASE_URL: stub.url,
    UPSTREAM_SECRET: RELIABILITY_SECRET,
    UPSTREAM_TIMEOUT_MS: String(s.timeoutMs),
    UPSTREAM_RETRY_BASE_MS: String(s.baseMs),
    UPSTREAM_RETRY_CAP_MS: String(s.capMs),
    UPSTREAM_RETRY_BUDGET: String(s.budget),
    UPSTREAM_POLL_MS: '100',
  };
}

export interface CrashReport {
  counts: RunCounts;
  problems: string[];
  driver: DriverSummary;
  kills: number;
  killedAtMs: number[];
  restartMs: number[];
  drainMs: number;
  seconds: number;
}

/**
 * Crash run: the server on a file database, the driver in its own process, `kill -9` at `kills` random
 * moments (each followed by a restart on the same file; `loadMs` of server uptime in all), then drain the outbox and check
 * every invariant against the journal, the database and the stub.
 */
export async function runCrash(opts: {
  dir: string;
  kills: number;
  loadMs: number;
  pipelines: number;
  drainTimeoutMs?: number;
  log?: Log;
}): Promise<CrashReport> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const dbPath = join(opts.dir, 'crash.db');
  const journalPath = join(opts.dir, 'journal.ndjson');
  const stub = await startYantaiStub({ secret: RELIABILITY_SECRET, slowMs: 0 });
  const server = new ServerProcess({
    databasePath: dbPath,
    port: await freePort(),
    logFile: join(opts.dir, 'server.log'),
    env: upstreamEnv(stub, { timeoutMs: 1_000, baseMs: 100, capMs: 1_000, budget: 1_000 }),
  });
  try {
    log(`first start (seeds the demo): ${await server.start()} ms`);
    const driver = await startDriver(
      {
        baseUrl: server.url,
        secret: RELIABILITY_SECRET,
        journal: journalPath,
        pipelines: opts.pipelines,
        prefix: `CR${Date.now().toString(36)}`,
        departments: DEPARTMENTS,
        healthEveryMs: 0,
      },
      join(opts.dir, 'driver.log'),
    );
    // Random moments: after each (re)start the server runs a random 30–100 % of one slice of the load
    // before it is killed, so every restart sees load again before the next kill.
    const loadStart = Date.now();
    const slice = opts.loadMs / (opts.kills + 1);
    const killedAtMs: number[] = [];
    const restartMs: number[] = [];
    let uptime = 0;
    for (let i = 0; i < opts.kills; i++) {
      const up = slice * (0.3 + Math.random() * 0.7);
      uptime += up;
      await sleep(up);
      await server.kill9();
      killedAtMs.push(Date.now() - loadStart);
      const ms = await server.start();
      restartMs.push(ms);
      log(`kill -9 #${i + 1} at ${(killedAtMs[i]! / 1000).toFixed(1)} s of load, back in ${ms} ms`);
    }
    await sleep(Math.max(slice, opts.loadMs - uptime));
    const summary = await driver.stop();
    log(`driver: ${summary.orders} orders and ${summary.actions} actions acknowledged`);
    // A message in flight at a kill stays leased (timeout + 30 s) before it is sent again.
    const drainMs = await waitDrained(dbPath, opts.drainTimeoutMs ?? 90_000);
    await server.stop();
    const result = checkRun({
      journal: readJournal(journalPath),
      db: readSnapshot(dbPath),
      stub: stub.requests,
      drained: true,
    });
    return {
      ...result,
      driver: summary,
      kills: server.kills,
      killedAtMs,
      restartMs,
      drainMs,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await server.kill9();
    await stub.close();
  }
}

export interface FaultsReport {
  counts: RunCounts;
  problems: string[];
  driver: DriverSummary;
  stub: ReturnType<typeof stubSummary>;
  byMode: Record<string, ReturnType<typeof stubSummary>>;
  drainMs: number;
  deadLetter: {
    orderNo: string;
    attemptsBeforeDead: number;
    listedAsDead: boolean;
    laterHeldBack: boolean;
    retryStatus: number;
    deliveredAfterRetry: boolean;
    inOrderAfterRetry: boolean;
  };
  seconds: number;
}

export interface FaultsOptions {
  dir: string;
  modes: StubMode[];
  /** How long each fault lasts, and the healthy pause after it. */
  modeMs: number;
  okGapMs: number;
  /** How long a slow answer takes, and the server's UPSTREAM_TIMEOUT_MS. */
  slowMs: number;
  timeoutMs: number;
  retry: { baseMs: number; capMs: number };
  pipelines: number;
  drainTimeoutMs?: number;
  log?: Log;
}

/**
 * Faults run: load while the stub answers slowly, with 500s, resets, malformed JSON and `{"code":1}`,
 * then healthy; health is probed all along. Then the server restarts with a budget of 3 and one order's
 * receipt dead-letters, holds its later message back, and is delivered by a supervisor's retry.
 */
export async function runFaults(opts: FaultsOptions): Promise<FaultsReport> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const dbPath = join(opts.dir, 'faults.db');
  const journalPath = join(opts.dir, 'journal.ndjson');
  const stub = await startYantaiStub({ secret: RELIABILITY_SECRET, slowMs: opts.slowMs });
  const port = await freePort();
  const serverWith = (budget: number) =>
    new ServerProcess({
      databasePath: dbPath,
      port,
      logFile: join(opts.dir, 'server.log'),
      env: upstreamEnv(stub, { timeoutMs: opts.timeoutMs, ...opts.retry, budget }),
    });
  let server = serverWith(1_000);
  try {
    log(`first start (seeds the demo): ${await server.start()} ms`);
    const driver = await startDriver(
      {
        baseUrl: server.url,
        secret: RELIABILITY_SECRET,
        journal: journalPath,
        pipelines: opts.pipelines,
        prefix: `FT${Date.now().toString(36)}`,
        departments: DEPARTMENTS,
        healthEveryMs: 20,
      },
      join(opts.dir, 'driver.log'),
    );
    await sleep(opts.okGapMs);
    // Requests that arrived while each fault was on (summed at the end: a slow answer settles later).
    const windows: [StubMode, number, number][] = [];
    for (const mode of opts.modes) {
      const from = stub.requests.length;
      stub.setMode(mode);
      await sleep(opts.modeMs);
      stub.setMode('ok');
      windows.push([mode, from, stub.requests.length]);
      log(`${mode}: ${stub.requests.length - from} attempts`);
      await sleep(opts.okGapMs);
    }
    const summary = await driver.stop();
    log(
      `driver: ${summary.orders} orders, ${summary.actions} actions; health p50 ${summary.health.p50.toFixed(1)} ms p99 ${summary.health.p99.toFixed(1)} ms`,
    );
    const drainMs = await waitDrained(dbPath, opts.drainTimeoutMs ?? 60_000);

    // Dead letters: a small budget, one order Yantai keeps refusing.
    await server.stop();
    server = serverWith(3);
    await server.start();
    const deadLetter = await deadLetterRound(server.url, stub, dbPath);
    log(`dead letter: ${JSON.stringify(deadLetter)}`);
    await server.stop();
    const result = checkRun({
      journal: readJournal(journalPath),
      db: readSnapshot(dbPath),
      stub: stub.requests,
      drained: true,
    });
    const byMode: FaultsReport['byMode'] = {};
    for (const [mode, from, to] of windows) byMode[mode] = stubSummary(stub.requests.slice(from, to));
    return {
      ...result,
      driver: summary,
      stub: stubSummary(stub.requests),
      byMode,
      drainMs,
      deadLetter,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await server.kill9();
    await stub.close();
  }
}

interface OutboxItem {
  id: number;
  messageId: string;
  orderNo: string;
  kind: string;
  state: string;
  attempts: number;
}

async function deadLetterRound(url: string, stub: YantaiStub, dbPath: string) {
  const client = hotlineClient(url, RELIABILITY_SECRET);
  const dispatcher = await client.login('dispatcher1');
  const supervisor = await client.login('supervisor1');
  const handler = await client.login('handler.zjj');
  const deps = await client.request<{ id: number; code: string }[]>('GET', '/api/departments', {
    token: supervisor,
  });
  const zjj = deps.body.find((d) => d.code === 'zjj')!.id;
  const orderNo = `DL${Date.now().toString(36)}`;
  stub.failOrders.add(orderNo);
  const order = await client.postOrder(orderBody(orderNo));
  const no = order.body.ticketNo!;
  const must = async (p: Promise<{ status: number }>, what: string) => {
    const res = await p;
    if (res.status !== 200) throw new Error(`${what}: ${res.status}`);
  };
  await must(client.act(dispatcher, no, 'accept'), 'accept');
  const outbox = (state?: string) =>
    client.request<OutboxItem[]>(
      'GET',
      `/api/upstream/outbox?orderNo=${orderNo}${state ? `&state=${state}` : ''}`,
      { token: supervisor },
    );
  let dead: OutboxItem | undefined;
  for (let i = 0; i < 200 && !dead; i++) {
    dead = (await outbox('dead')).body.find((m) => m.kind === 'receipt');
    if (!dead) await sleep(100);
  }
  if (!dead) throw new Error(`the receipt of ${orderNo} never became a dead letter`);
  const listed = await client.request<OutboxItem[]>('GET', '/api/upstream/outbox?state=dead', {
    token: supervisor,
  });
  await must(client.act(dispatcher, no, 'dispatch', { lead: zjj }), 'dispatch');
  await must(client.act(handler, no, 'sign'), 'sign');
  await must(client.act(handler, no, 'report_progress', { note: 'dead-letter round' }), 'report_progress');
  await sleep(1_000);
  const progress = (await outbox()).body.find((m) => m.kind === 'progress');
  const laterHeldBack =
    progress?.state === 'pending' && !stub.requests.some((r) => r.messageId === progress.messageId);
  stub.failOrders.delete(orderNo);
  const retry = await client.request('POST', `/api/upstream/outbox/${dead.id}/retry`, { token: supervisor });
  await waitDrained(dbPath, 30_000);
  const receiptAck = stub.requests.find((r) => r.messageId === dead!.messageId && r.ackN !== undefined);
  const firstProgress = stub.requests.find((r) => r.messageId === progress?.messageId);
  return {
    orderNo,
    attemptsBeforeDead: stub.requests.filter((r) => r.messageId === dead!.messageId && r.outcome === 'code1')
      .length,
    listedAsDead: listed.body.some((m) => m.messageId === dead!.messageId),
    laterHeldBack,
    retryStatus: retry.status,
    deliveredAfterRetry: (await outbox()).body.every((m) => m.state === 'delivered'),
    inOrderAfterRetry:
      receiptAck?.ackN !== undefined && firstProgress !== undefined && receiptAck.ackN < firstProgress.n,
  };
}
