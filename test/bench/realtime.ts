// Realtime push benchmark (part of `npm run bench`): 1,000 socket.io consoles in their own process, 100
// ticket actions a second for 30 s committed through the real HTTP API of the real app, each push timed from
// its commit (`at`) to its receipt. Beside it, in the same run, a bare socket.io server with the same consoles
// in the same rooms broadcasting the same load. Servers and consoles run in child processes; this process
// only sends the actions over loopback.
import type { AuthUser } from '../../server/auth/auth.service.js';
import { roomsOf } from '../../server/realtime/realtime.audience.js';
import { type Child, login, nextLine, rssMb, sampleRss, startChild, stopChild } from './child.js';
import { type Req, runLoad } from './load.js';
import type { ClientsResult } from './realtime-clients.js';
import { drive, type Send, sleep } from './realtime-drive.js';
import {
  CONSOLES,
  consoleUsernames,
  deptOf,
  expectedDeliveries,
  FRESH_NEEDED,
  LAG,
  plan,
  RATE,
  roomsOfSlot,
  SECONDS,
  type Slot,
  stagedActions,
} from './realtime-plan.js';

interface RunResult {
  clients: ClientsResult;
  errors: number;
  firstError: string | null;
  /** Worst delay of a send behind its slot (ms). */
  behind: number;
  rssIdle: number;
  rssPeak: number;
}

/** Opens the consoles against `url`, runs the load against `port`, and collects the figures. */
async function measure(url: string, port: number, pid: number, auths: unknown[], sends: Send[]) {
  let clients: Child<unknown> | null = null;
  try {
    clients = await startChild('test/bench/realtime-clients.ts');
    clients.child.stdin!.write(`${JSON.stringify({ url, auths })}\n`);
    const opened = await nextLine<{ connected: number; failed: number }>(clients);
    if (opened.failed > 0) throw new Error(`${opened.failed} consoles could not connect to ${url}`);
    await sleep(1000);
    const rssIdle = rssMb(pid);
    const rss = sampleRss(pid);
    const driven = await drive(port, sends);
    await sleep(2000);
    const rssPeak = rss.stop();
    const done = nextLine<ClientsResult>(clients);
    clients.child.stdin!.write('stop\n');
    return { clients: await done, ...driven, rssIdle, rssPeak } satisfies RunResult;
  } finally {
    await stopChild(clients);
  }
}

const slots = plan();
const consoles = consoleUsernames();
let app: Child<{ port: number; fresh: string[]; departmentIds: number[]; operatorId: number }> | null = null;
let bare: Child<{ port: number }> | null = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    app?.child.kill('SIGTERM');
    bare?.child.kill('SIGTERM');
    process.exit(1);
  });
}
try {
  app = await startChild('test/bench/app-server.ts', {
    BENCH_TICKETS: process.env.BENCH_RT_TICKETS ?? '10000',
    BENCH_FRESH: String(FRESH_NEEDED),
    BENCH_STAFF: String(Math.max(CONSOLES.dispatcher, CONSOLES.supervisor)),
  });
  const { port, fresh, departmentIds, operatorId } = app.info;
  const users = new Map<string, { token: string; user: AuthUser }>();
  for (const name of [...new Set(['operator', ...consoles])]) users.set(name, await login(port, name));
  const token = (name: string) => users.get(name)!.token;

  /** The real API call of an action on the run's ticket i (negative: staged before the run). */
  const no = (i: number) => fresh[i + 3 * LAG]!;
  const action = (s: Slot): Send => {
    const send = (who: string, body: unknown): Send => ({
      path: `/api/tickets/${no(s.ticket)}/actions/${s.kind}`,
      body,
      token: token(who),
      key: s.ticket,
    });
    if (s.kind === 'submit') return send('operator', {});
    if (s.kind === 'dispatch') return send('dispatcher', { lead: departmentIds[s.dept] });
    if (s.kind === 'sign') return send(`handler.d${s.dept + 1}`, {});
    return send('supervisor', { message: '请加快办理' });
  };

  // Bring the staged tickets to where they would be had the run begun earlier.
  const staged = [...new Set(slots.map((s) => s.ticket).filter((t) => t < 0))];
  for (const kind of ['submit', 'dispatch', 'sign'] as const) {
    const reqs = staged
      .filter((t) => stagedActions(t).includes(kind))
      .map((t) => action({ kind, ticket: t, dept: deptOf(t) }))
      .map((s): Req => ({ method: 'POST', path: s.path, body: s.body, token: s.token! }));
    const r = await runLoad(port, reqs, 4);
    if (r.errors > 0) throw new Error(`staging: ${r.errors} of ${reqs.length} ${kind} actions failed`);
  }

  const roomsPerConsole = consoles.map((name) => roomsOf(users.get(name)!.user));
  const slotRooms = slots.map((s) => roomsOfSlot(s, departmentIds, operatorId));
  const expected = expectedDeliveries(slotRooms, roomsPerConsole);
  const url = `http://127.0.0.1:${port}`;
  const appRun = await measure(
    url,
    port,
    app.child.pid!,
    consoles.map((name) => ({ token: token(name) })),
    slots.map(action),
  );
  await stopChild(app);
  app = null;
  // The bare server sends copies of an urge payload: a ticket with its one assignment, as most events here.
  const sample = appRun.clients.samples.urge;
  if (!sample) throw new Error('the app pushed no urge');

  bare = await startChild('test/bench/realtime-bare.ts');
  const barePort = bare.info.port;
  await fetch(`http://127.0.0.1:${barePort}/template`, { method: 'POST', body: JSON.stringify(sample) });
  const bareRun = await measure(
    `http://127.0.0.1:${barePort}`,
    barePort,
    bare.child.pid!,
    roomsPerConsole.map((rooms) => ({ rooms })),
    slots.map((s, i) => ({
      path: '/emit',
      body: { rooms: slotRooms[i], action: s.kind, ticketNo: no(s.ticket) },
    })),
  );

  report({ app: appRun, bare: bareRun }, expected);
} finally {
  await stopChild(app);
  await stopChild(bare);
}

function report(runs: { app: RunResult; bare: RunResult }, expected: number): void {
  const perSecond = (r: RunResult) => r.clients.deliveries / ((r.clients.last - r.clients.first) / 1000);
  const line = (name: string, r: RunResult) =>
    `${name.padEnd(26)} p50 ${r.clients.p50.toFixed(0).padStart(4)} ms   p99 ${r.clients.p99
      .toFixed(0)
      .padStart(4)} ms   max ${r.clients.max.toFixed(0).padStart(5)} ms   ${perSecond(r)
      .toFixed(0)
      .padStart(6)} deliveries/s   ${r.clients.deliveries} of ${expected} delivered   RSS ${r.rssIdle.toFixed(
      0,
    )} MB idle, ${r.rssPeak.toFixed(0)} MB peak   (${r.errors} failed sends, worst ${r.behind.toFixed(
      0,
    )} ms behind schedule, ${r.clients.disconnects} disconnects)`;
  const { app, bare } = runs;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log('');
  console.log(
    `realtime push: ${CONSOLES.department + CONSOLES.dispatcher + CONSOLES.supervisor} consoles (${CONSOLES.department} department, ${CONSOLES.dispatcher} dispatcher, ${CONSOLES.supervisor} supervisor), ${RATE} actions/s for ${SECONDS} s`,
  );
  const sizes = Object.entries(app.clients.samples).map(
    ([a, p]) => `${a} ${Buffer.byteLength(JSON.stringify(p))}`,
  );
  console.log(`payload bytes: ${sizes.join(', ')} (the bare server sends copies of the urge one)`);
  console.log(line('app (API + commit)', app));
  console.log(line('bare socket.io (baseline)', bare));
  console.log(
    `ratio app / bare: p50 ${ratio(app.clients.p50, bare.clients.p50)}, p99 ${ratio(app.clients.p99, bare.clients.p99)}, deliveries/s ${ratio(perSecond(app), perSecond(bare))}, peak RSS ${ratio(app.rssPeak, bare.rssPeak)}`,
  );
  const goal = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  console.log(`goal p99 ≤ 50 ms:   ${goal(app.clients.p99 <= 50)} (${app.clients.p99.toFixed(0)} ms)`);
  console.log(`goal RSS ≤ 300 MB:  ${goal(app.rssPeak <= 300)} (${app.rssPeak.toFixed(0)} MB peak)`);
  for (const [name, r] of Object.entries(runs)) {
    if (r.errors > 0) console.error(`${name}: ${r.errors} sends failed, first: ${r.firstError}`);
    if (r.clients.deliveries !== expected) {
      console.error(`${name}: ${r.clients.deliveries} deliveries, expected ${expected}`);
    }
    if (r.errors > 0 || r.clients.deliveries !== expected) process.exitCode = 1;
  }
}
